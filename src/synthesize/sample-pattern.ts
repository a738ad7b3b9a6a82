import { MAX_STRING_LENGTH } from "./fixture-limits.js";

/**
 * A string that matches a regular expression, for fixtures of schemas with `pattern`. It covers the subset real API
 * specs use (anchors, literals, escapes like \d \w, classes with ranges, groups with alternation, quantifiers); for
 * anything else it returns undefined and the caller falls back to the schema's example. Every result is checked
 * with the real RegExp by the caller, so a wrong guess can never reach a fixture.
 */
export function samplePattern(pattern: string, pick: () => number = () => 0): string | undefined {
  let i = 0;
  const fail = (): never => {
    throw new Unsupported();
  };
  const classOf = (escape: string): string | undefined =>
    ({ d: "0123456789", w: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_", s: " " })[escape];

  const choose = (pool: string): string => pool[Math.floor(pick() * pool.length) % pool.length] ?? fail();

  // Returns a generator for one atom; `i` is left after it.
  const atom = (): (() => string) => {
    const c = pattern[i++];
    if (c === undefined) return fail();
    if (c === "(") {
      if (pattern.startsWith("?:", i)) i += 2;
      else if (pattern[i] === "?") fail();
      const alternatives = alternation();
      if (pattern[i++] !== ")") fail();
      return alternatives;
    }
    if (c === "[") {
      if (pattern[i] === "^") fail();
      let pool = "";
      while (pattern[i] !== "]") {
        let from = pattern[i++];
        if (from === undefined) fail();
        if (from === "\\") {
          const e = pattern[i++] ?? fail();
          const cls = classOf(e);
          if (cls !== undefined) {
            pool += cls;
            continue;
          }
          if (/[A-Za-z0-9]/.test(e)) fail();
          from = e;
        }
        if (pattern[i] === "-" && pattern[i + 1] !== "]" && pattern[i + 1] !== undefined) {
          const to = pattern[i + 1] as string;
          if (to === "\\") fail();
          i += 2;
          for (let code = from!.charCodeAt(0); code <= to.charCodeAt(0); code++) pool += String.fromCharCode(code);
        } else {
          pool += from;
        }
      }
      i++;
      if (pool === "") fail();
      return () => choose(pool);
    }
    if (c === "\\") {
      const e = pattern[i++] ?? fail();
      const cls = classOf(e);
      if (cls !== undefined) return () => choose(cls);
      if (/[A-Za-z0-9]/.test(e)) fail();
      return () => e;
    }
    if (c === ".") return () => "a";
    if ("*+?{|)^$".includes(c)) fail();
    return () => c;
  };

  const sequence = (): (() => string) => {
    const parts: (() => string)[] = [];
    while (i < pattern.length && pattern[i] !== "|" && pattern[i] !== ")") {
      if (pattern[i] === "^" && i === 0) {
        i++;
        continue;
      }
      if (pattern[i] === "$" && i === pattern.length - 1) {
        i++;
        continue;
      }
      const one = atom();
      let min = 1;
      let max = 1;
      const q = pattern[i];
      if (q === "*" || q === "+" || q === "?") {
        i++;
        min = q === "+" ? 1 : 0;
        max = q === "?" ? 1 : min + 2;
      } else if (q === "{") {
        const match = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
        if (match === null) fail();
        i += match![0].length;
        min = Number(match![1]);
        max = match![2] === undefined ? min : match![3] === "" ? min + 2 : Number(match![3]);
      }
      if (pattern[i] === "?") i++; // lazy quantifier: same strings
      // One more than the minimum (within the maximum) reads more like a real value than the bare minimum.
      const count = Math.min(max, Math.max(min, 1));
      // `a{100000000}` (or groups of groups) would outgrow any fixture, and V8's longest string: given up on instead.
      parts.push(() => {
        let out = "";
        for (let k = 0; k < count; k++) {
          out += one();
          if (out.length > MAX_STRING_LENGTH) fail();
        }
        return out;
      });
    }
    return () => parts.map((p) => p()).join("");
  };

  const alternation = (): (() => string) => {
    const alternatives = [sequence()];
    while (pattern[i] === "|") {
      i++;
      alternatives.push(sequence());
    }
    return alternatives[0]!;
  };

  try {
    const generate = alternation();
    if (i !== pattern.length) return undefined;
    return generate();
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

class Unsupported extends Error {}
