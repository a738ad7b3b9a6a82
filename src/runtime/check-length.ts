/**
 * String lengths as JSON Schema's minLength/maxLength count them: in Unicode code points, where a surrogate pair is
 * one character.
 */

/** Length in Unicode code points. A lone surrogate counts as one. */
export function codePoints(s: string): number {
  let count = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

// UTF-16 length bounds the code-point length from above (and twice the code points from below): the code points are
// counted only when that could change the answer.

export function shorterThan(s: string, min: number): boolean {
  return s.length < min || (s.length < 2 * min && codePoints(s) < min);
}

export function longerThan(s: string, max: number): boolean {
  return s.length > max && codePoints(s) > max;
}
