import { describe, expect, it } from "vitest";
import { lengthKeyword as keyword } from "../../src/keywords/check-length.js";
import { checkValue } from "../../src/model/check-value.js";
import { arr, context, failing, firstFailure, int, read, str } from "./support.js";

describe("length: minLength / maxLength", () => {
  it.each([
    { schema: { minLength: 1, maxLength: 3 }, kind: "string", out: { fields: { minLength: 1, maxLength: 3 }, warnings: [] } },
    { schema: { minLength: 0 }, kind: "string", out: { fields: { minLength: 0 }, warnings: [] } },
    // Another kind ignores it, but a bad value is refused anywhere.
    { schema: { maxLength: 3 }, kind: "integer", out: { fields: {}, warnings: [] } },
    { schema: { minLength: -1 }, kind: "string", out: { error: "unsupported-schema /s/minLength: `minLength` must be a non-negative integer, found -1. (Fix `minLength`.)" } },
    { schema: { maxLength: 1.5 }, kind: "object", out: { error: "unsupported-schema /s/maxLength: `maxLength` must be a non-negative integer, found 1.5. (Fix `maxLength`.)" } },
    { schema: { maxLength: "3" }, kind: "string", out: { error: 'unsupported-schema /s/maxLength: `maxLength` must be a non-negative integer, found "3". (Fix `maxLength`.)' } },
  ] as const)("read %j", ({ schema, kind, out }) => {
    expect(read(keyword, schema, kind)).toEqual(out);
  });

  it.each([
    [str({ minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }],
    [str({ maxLength: 0 }), { maxLength: 0 }],
    [str(), {}],
    [int({ minimum: 1 }), {}],
  ])("write %j", (node, schema) => {
    expect(keyword.write(node)).toEqual(schema);
  });

  it.each([
    [str({ minLength: 2 }), "a", { code: "too_small", message: "expected at least 2 characters", expected: "at least 2 characters" }],
    [str({ minLength: 2 }), "ab", null],
    // Code points, not UTF-16 units: one emoji is one character.
    [str({ minLength: 2 }), "😀", { code: "too_small", message: "expected at least 2 characters", expected: "at least 2 characters" }],
    [str({ maxLength: 1 }), "😀", null],
    [str({ maxLength: 1 }), "ab", { code: "too_big", message: "expected at most 1 characters", expected: "at most 1 characters" }],
    [str({ minLength: 3, maxLength: 1 }), "ab", { code: "too_small", message: "expected at least 3 characters", expected: "at least 3 characters" }],
    [str({ minLength: 0 }), "", null],
  ])("check %j against %j", (node, value, problem) => {
    expect(firstFailure(keyword, node, value)).toEqual(problem);
  });

  it.each([
    [str({ minLength: 2, maxLength: 5 }), ["shorterThan(v as string, 2)", "longerThan(v as string, 5)"]],
    // Every string is at least 0 characters long.
    [str({ minLength: 0, maxLength: 0 }), ["longerThan(v as string, 0)"]],
    [int({ maxLength: 2 }), []],
  ])("guard tests of %j", (node, tests) => {
    expect(failing(keyword, node)).toEqual(tests);
  });

  it.each([
    [str({ minLength: 3 }), "a", "axx"],
    [str({ maxLength: 2 }), "😀😀😀", "😀😀"],
    [str({ maxLength: 2, enum: ["long one"] }), "long one", "long one"],
    [str({ maxLength: 2, format: "date" }), "2025-04-01", "2025-04-01"],
    [int({ minimum: 5 }), 1, 1],
  ])("fit %j: %j → %j", (node, value, fitted) => {
    expect(keyword.fit!(node, value)).toBe(fitted);
  });

  it.each([
    [str({ minLength: 2, maxLength: 4 }), [
      { name: "too-small", says: "is shorter than 2 characters", code: "too_small", value: "x" },
      { name: "too-big", says: "is longer than 4 characters", code: "too_big", value: "xxxxx" },
    ]],
    [str({ minLength: 0 }), []],
    // An enum's or a format's own check would report first.
    [str({ maxLength: 2, enum: ["a"] }), []],
    [str({ maxLength: 2, format: "email" }), []],
  ])("invalid values of %j", (node, values) => {
    const invalid = keyword.invalid!(node, "ab", context);
    expect(invalid).toEqual(values);
    for (const fault of invalid) expect(checkValue(node, fault.value).map((p) => p.code)).toEqual([fault.code]);
  });

  it.each([
    [str({ maxLength: 3 }), str({ maxLength: 5 }), [{ kind: "bound-changed", severity: "breaking", message: "maxLength of /x changed from 3 to 5.", note: "Values the old guards reject can now be sent." }]],
    [str({ maxLength: 5 }), str({ maxLength: 3 }), [{ kind: "bound-changed", severity: "non-breaking", message: "maxLength of /x changed from 5 to 3." }]],
    [str({ minLength: 2 }), str(), [{ kind: "bound-changed", severity: "breaking", message: "minLength of /x changed from 2 to none.", note: "Values the old guards reject can now be sent." }]],
    [str(), str({ minLength: 1 }), [{ kind: "bound-changed", severity: "non-breaking", message: "minLength of /x changed from none to 1." }]],
    [str({ minLength: 1 }), str({ minLength: 1 }), []],
    [arr({ minItems: 1 }), arr({ minItems: 0 }), []],
  ])("diff %j → %j", (before, after, changes) => {
    expect(keyword.diff(before, after, "/x")).toEqual(changes);
  });
});
