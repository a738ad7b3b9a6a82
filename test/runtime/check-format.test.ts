import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDate, isDateTime, isInt32 } from "../../src/runtime/check-format.js";
import { codePoints, longerThan, shorterThan } from "../../src/runtime/check-length.js";
import * as generator from "../../src/model/formats.js";
import { DATES, DATE_TIMES, INT32S } from "../support/format-cases.js";

describe("formats", () => {
  it.each(DATE_TIMES)("isDateTime(%j) = %s", (value, valid) => {
    expect(isDateTime(value)).toBe(valid);
  });

  it.each(DATES)("isDate(%j) = %s", (value, valid) => {
    expect(isDate(value)).toBe(valid);
  });

  it.each<[unknown, boolean]>([...INT32S, ["1", false], [null, false], [Number.NaN, false], [-0, true]])("isInt32(%j) = %s", (value, valid) => {
    expect(isInt32(value)).toBe(valid);
  });

  it("agrees with the generator's regex-based rules on arbitrary near-date-times", () => {
    const digit = fc.constantFrom(..."0123456789");
    const part = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((d) => d.join(""));
    const zone = fc.oneof(fc.constantFrom("Z", "z", "", "+0530"), fc.tuple(fc.constantFrom("+", "-"), part(2), part(2)).map(([s, h, m]) => `${s}${h}:${m}`));
    const dateTime = fc
      .tuple(part(4), part(2), part(2), fc.constantFrom("T", "t", " "), part(2), part(2), part(2), fc.constantFrom("", ".5", ".", ".123456"), zone)
      .map(([y, mo, d, t, h, mi, s, f, z]) => `${y}-${mo}-${d}${t}${h}:${mi}:${s}${f}${z}`);
    fc.assert(
      fc.property(fc.oneof(dateTime, fc.string()), (value) => {
        expect(isDateTime(value)).toBe(generator.isDateTime(value));
        expect(isDate(value.slice(0, 10))).toBe(generator.isDate(value.slice(0, 10)));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("lengths in code points", () => {
  it.each<[string, number]>([
    ["", 0],
    ["abc", 3],
    ["😀", 1],
    ["a😀b", 3],
    ["\ud83d", 1], // a lone high surrogate
    ["\ude00\ud83d", 2], // low before high: not a pair
    ["\ud83d\ud83d\ude00", 2],
    ["é", 1],
    ["e\u0301", 2], // combining marks are code points of their own
  ])("codePoints(%j) = %s", (s, n) => {
    expect(codePoints(s)).toBe(n);
    expect(codePoints(s)).toBe([...s].length);
  });

  it.each<[string, number, boolean, boolean]>([
    // s, bound, shorterThan(s, bound), longerThan(s, bound)
    ["ab", 2, false, false],
    ["a", 2, true, false],
    ["abc", 2, false, true],
    ["😀😀", 2, false, false], // 4 UTF-16 units, 2 code points
    ["😀😀😀", 2, false, true],
    ["😀", 2, true, false],
    ["", 0, false, false],
  ])("%j against %s: shorter %s, longer %s", (s, bound, shorter, longer) => {
    expect(shorterThan(s, bound)).toBe(shorter);
    expect(longerThan(s, bound)).toBe(longer);
  });

  it("the shortcuts never change the answer", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 20 }), fc.nat({ max: 25 }), (s, n) => {
        expect(shorterThan(s, n)).toBe([...s].length < n);
        expect(longerThan(s, n)).toBe([...s].length > n);
      }),
    );
  });
});
