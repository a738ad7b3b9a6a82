/**
 * The formats the guards enforce: RFC 3339 date-time and full-date, and int32. The generator applies the same rules
 * to vendor examples with its own copy (src/model/formats.ts); test/formats.test.ts runs one table through both.
 *
 * The checks read char codes at fixed positions: no regular expression and no allocation (a regex match array would
 * cost more than the rest of the guard). `(code - 48) >>> 0 > 9` is "not an ASCII digit" in one comparison.
 */

/** Days in a month of the proleptic Gregorian calendar. */
function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** RFC 3339 full-date at the start of s (positions 0-9): "YYYY-MM-DD", a real calendar day. */
function dateAt(s: string): boolean {
  const y0 = s.charCodeAt(0) - 48;
  const y1 = s.charCodeAt(1) - 48;
  const y2 = s.charCodeAt(2) - 48;
  const y3 = s.charCodeAt(3) - 48;
  const m0 = s.charCodeAt(5) - 48;
  const m1 = s.charCodeAt(6) - 48;
  const d0 = s.charCodeAt(8) - 48;
  const d1 = s.charCodeAt(9) - 48;
  if (
    y0 >>> 0 > 9 ||
    y1 >>> 0 > 9 ||
    y2 >>> 0 > 9 ||
    y3 >>> 0 > 9 ||
    m0 >>> 0 > 9 ||
    m1 >>> 0 > 9 ||
    d0 >>> 0 > 9 ||
    d1 >>> 0 > 9 ||
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45
  ) {
    return false;
  }
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(y0 * 1000 + y1 * 100 + y2 * 10 + y3, month);
}

/** RFC 3339 date-time: full-date, "T", hh:mm:ss, optional fraction, and "Z" or ±hh:mm (case-insensitive T and Z). */
export function isDateTime(s: string): boolean {
  const n = s.length;
  if (n < 20 || !dateAt(s)) return false;
  const h0 = s.charCodeAt(11) - 48;
  const h1 = s.charCodeAt(12) - 48;
  const i0 = s.charCodeAt(14) - 48;
  const i1 = s.charCodeAt(15) - 48;
  const s0 = s.charCodeAt(17) - 48;
  const s1 = s.charCodeAt(18) - 48;
  if (
    h0 >>> 0 > 9 ||
    h1 >>> 0 > 9 ||
    i0 >>> 0 > 9 ||
    i1 >>> 0 > 9 ||
    s0 >>> 0 > 9 ||
    s1 >>> 0 > 9 ||
    (s.charCodeAt(10) | 32) !== 116 ||
    s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58
  ) {
    return false;
  }
  const hour = h0 * 10 + h1;
  const minute = i0 * 10 + i1;
  const second = s0 * 10 + s1;
  if (hour > 23 || minute > 59 || second > 60) return false;
  let i = 19;
  let c = s.charCodeAt(i);
  if (c === 46) {
    const start = ++i;
    while (i < n && (s.charCodeAt(i) - 48) >>> 0 <= 9) i++;
    if (i === start) return false;
    c = s.charCodeAt(i);
  }
  let offset = 0;
  if ((c | 32) === 122) {
    if (i + 1 !== n) return false;
  } else if (c === 43 || c === 45) {
    if (i + 6 !== n || s.charCodeAt(i + 3) !== 58) return false;
    const a = s.charCodeAt(i + 1) - 48;
    const b = s.charCodeAt(i + 2) - 48;
    const e = s.charCodeAt(i + 4) - 48;
    const f = s.charCodeAt(i + 5) - 48;
    if (a >>> 0 > 9 || b >>> 0 > 9 || e >>> 0 > 9 || f >>> 0 > 9) return false;
    const offsetHours = a * 10 + b;
    const offsetMinutes = e * 10 + f;
    if (offsetHours > 23 || offsetMinutes > 59) return false;
    offset = (c === 45 ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  } else {
    return false;
  }
  // A leap second exists only at 23:59:60 UTC.
  return second !== 60 || (((hour * 60 + minute - offset) % 1440) + 1440) % 1440 === 23 * 60 + 59;
}

/** RFC 3339 full-date. */
export function isDate(s: string): boolean {
  return s.length === 10 && dateAt(s);
}

export function isInt32(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= -2147483648 && (value as number) <= 2147483647;
}
