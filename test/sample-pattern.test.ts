import { describe, expect, it } from "vitest";
import { samplePattern } from "../src/synthesize/sample-pattern.js";

describe("samplePattern: a string that matches, or undefined", () => {
  it.each([
    "^[A-Z]{3}-\\d{4}$",
    "^[a-z0-9]+(?:-[a-z0-9]+)*$",
    "^\\d{6,10}$",
    "^(am|pm)$",
    "^[A-Za-z0-9_.-]+@example\\.com$",
    "^\\w+$",
    "abc",
    "^x?y*z+$",
    "^[+-]?\\d+(\\.\\d{1,2})?$",
    "^https://[a-z]+\\.zoom\\.us/j/\\d{9,11}$",
  ])("%s", (pattern) => {
    for (const pick of [() => 0, () => 0.5, () => 0.999]) {
      const sample = samplePattern(pattern, pick);
      expect(sample).toBeDefined();
      expect(new RegExp(pattern, "u").test(sample!), String(sample)).toBe(true);
    }
  });

  it.each(["^(?=a)a$", "[^a]", "\\bword\\b", "(a)\\1", "^\\p{L}+$", "a{2"])("gives up on %s", (pattern) => {
    expect(samplePattern(pattern)).toBeUndefined();
  });
});
