import { describe, expect, it } from "vitest";
import { sizeKeyword as keyword } from "../../src/keywords/check-size.js";
import { checkValue } from "../../src/model/check-value.js";
import { arr, context, failing, firstFailure, read, str } from "./support.js";

describe("size: minItems / maxItems", () => {
  it.each([
    { schema: { minItems: 1, maxItems: 3 }, kind: "array", out: { fields: { minItems: 1, maxItems: 3 }, warnings: [] } },
    { schema: { maxItems: 3 }, kind: "string", out: { fields: {}, warnings: [] } },
    { schema: { maxItems: 1.5 }, kind: "array", out: { error: "unsupported-schema /s/maxItems: `maxItems` must be a non-negative integer, found 1.5. (Fix `maxItems`.)" } },
    { schema: { minItems: null }, kind: "array", out: { error: "unsupported-schema /s/minItems: `minItems` must be a non-negative integer, found null. (Fix `minItems`.)" } },
  ] as const)("read %j", ({ schema, kind, out }) => {
    expect(read(keyword, schema, kind)).toEqual(out);
  });

  it.each([
    [arr({ minItems: 1, maxItems: 3 }), { minItems: 1, maxItems: 3 }],
    [arr(), {}],
    [str({ maxItems: 2 }), {}],
  ])("write %j", (node, schema) => {
    expect(keyword.write(node)).toEqual(schema);
  });

  it.each([
    [arr({ minItems: 2 }), [1], { code: "too_small", message: "expected at least 2 items", expected: "at least 2 items" }],
    [arr({ maxItems: 1 }), [1, 2], { code: "too_big", message: "expected at most 1 items", expected: "at most 1 items" }],
    [arr({ minItems: 1, maxItems: 1 }), [1], null],
  ])("check %j against %j", (node, value, problem) => {
    expect(firstFailure(keyword, node, value)).toEqual(problem);
  });

  it.each([
    [arr({ minItems: 2, maxItems: 4 }), ["v.length < 2", "v.length > 4"]],
    [arr({ minItems: 0, maxItems: 0 }), ["v.length > 0"]],
  ])("guard tests of %j", (node, tests) => {
    expect(failing(keyword, node)).toEqual(tests);
  });

  it.each([
    // minimal fixtures want none, full ones two (or the tuple's length)
    [arr(), 0, 0],
    [arr({ minItems: 3 }), 0, 3],
    [arr({ minItems: 3 }), 2, 3],
    [arr({ maxItems: 1 }), 2, 1],
    [arr({ minItems: 1, maxItems: 5 }), 2, 2],
    [str(), 2, 2],
  ])("item count of %j wanting %j: %j", (node, wanted, count) => {
    expect(keyword.itemCount!(node, wanted)).toBe(count);
  });

  it.each([
    // Too many first: the catalogue's order.
    [arr({ minItems: 2, maxItems: 3 }), ["a", "b"], [
      { name: "too-big", says: "has more than 3 items", code: "too_big", value: ["a", "a", "a", "a"] },
      { name: "too-small", says: "has fewer than 2 items", code: "too_small", value: ["a"] },
    ]],
    // No item to repeat, and no array has fewer than 0 items.
    [arr({ minItems: 0, maxItems: 3 }), [], []],
  ])("invalid values of %j from %j", (node, value, values) => {
    const invalid = keyword.invalid!(node, value, context);
    expect(invalid).toEqual(values);
    for (const fault of invalid) expect(checkValue(node, fault.value).map((p) => p.code)).toEqual([fault.code]);
  });

  it.each([
    [arr({ maxItems: 1 }), arr({ maxItems: 2 }), [{ kind: "bound-changed", severity: "breaking", message: "maxItems of /x changed from 1 to 2.", note: "Values the old guards reject can now be sent." }]],
    [arr({ minItems: 1 }), arr({ minItems: 2 }), [{ kind: "bound-changed", severity: "non-breaking", message: "minItems of /x changed from 1 to 2." }]],
  ])("diff %j → %j", (before, after, changes) => {
    expect(keyword.diff(before, after, "/x")).toEqual(changes);
  });
});
