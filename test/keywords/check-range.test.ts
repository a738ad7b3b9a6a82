import { describe, expect, it } from "vitest";
import { rangeKeyword as keyword } from "../../src/keywords/check-range.js";
import { checkValue } from "../../src/model/check-value.js";
import { context, failing, firstFailure, int, num, read, str } from "./support.js";

describe("range: minimum / maximum / exclusiveMinimum / exclusiveMaximum", () => {
  it.each([
    { schema: { minimum: -1.5, exclusiveMaximum: 2 }, kind: "number", out: { fields: { minimum: -1.5, exclusiveMaximum: 2 }, warnings: [] } },
    { schema: { maximum: 9, exclusiveMinimum: 0 }, kind: "integer", out: { fields: { maximum: 9, exclusiveMinimum: 0 }, warnings: [] } },
    { schema: { maximum: 9 }, kind: "string", out: { fields: {}, warnings: [] } },
    { schema: { minimum: "abc" }, kind: "number", out: { error: 'unsupported-schema /s/minimum: `minimum` must be a finite number, found "abc". (Fix `minimum`.)' } },
    // OpenAPI 3.0's boolean form is rule exclusive-bound-boolean's to rewrite; what reaches here is refused.
    { schema: { exclusiveMinimum: true }, kind: "integer", out: { error: "unsupported-schema /s/exclusiveMinimum: `exclusiveMinimum` must be a finite number, found true. (Fix `exclusiveMinimum`.)" } },
    // The first bad bound in the order they are read: maximum before exclusiveMinimum.
    { schema: { exclusiveMinimum: "x", maximum: "y" }, kind: "string", out: { error: 'unsupported-schema /s/maximum: `maximum` must be a finite number, found "y". (Fix `maximum`.)' } },
  ] as const)("read %j", ({ schema, kind, out }) => {
    expect(read(keyword, schema, kind)).toEqual(out);
  });

  it("writes in JSON Schema's order, whatever the model's", () => {
    expect(Object.keys(keyword.write(num({ exclusiveMaximum: 4, exclusiveMinimum: 3, maximum: 2, minimum: 1 })))).toEqual(["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]);
    expect(keyword.write(str({ minimum: 1 }))).toEqual({});
  });

  it.each([
    [int({ minimum: 5 }), 4, { code: "too_small", message: "below the minimum", expected: "integer >= 5" }],
    [int({ minimum: 5 }), 5, null],
    [num({ exclusiveMinimum: 0 }), 0, { code: "too_small", message: "below the minimum", expected: "number > 0" }],
    [num({ maximum: 1.5 }), 1.75, { code: "too_big", message: "above the maximum", expected: "number <= 1.5" }],
    [num({ exclusiveMaximum: 1 }), 1, { code: "too_big", message: "above the maximum", expected: "number < 1" }],
    [num({ exclusiveMaximum: 1 }), 0.99, null],
    // Lower bounds first; minimum before exclusiveMinimum.
    [int({ minimum: 3, exclusiveMinimum: 4, maximum: 2 }), 1, { code: "too_small", message: "below the minimum", expected: "integer >= 3" }],
    [int({ minimum: 3, exclusiveMinimum: 4 }), 4, { code: "too_small", message: "below the minimum", expected: "integer > 4" }],
  ])("check %j against %j", (node, value, problem) => {
    expect(firstFailure(keyword, node, value)).toEqual(problem);
  });

  it("guard tests, in check order", () => {
    expect(failing(keyword, int({ maximum: 9, exclusiveMaximum: 8, minimum: -3, exclusiveMinimum: 4 }))).toEqual([
      "(v as number) < -3",
      "(v as number) <= 4",
      "(v as number) > 9",
      "(v as number) >= 8",
    ]);
  });

  it.each([
    [int({ minimum: 10 }), 3, 10],
    [int({ exclusiveMinimum: 0.5, exclusiveMaximum: 9.5 }), 42, 9],
    [int({ exclusiveMinimum: 3 }), 1, 4],
    [num({ exclusiveMaximum: 1 }), 5, 0.5],
    [num({ minimum: -1.5, maximum: -1 }), 7.5, -1],
    [int({ maximum: 2, enum: [1, 2, 3] }), 3, 3],
    [str({ minimum: 3 }), "a", "a"],
  ])("fit %j: %j → %j", (node, value, fitted) => {
    expect(keyword.fit!(node, value)).toBe(fitted);
  });

  it.each([
    [int({ minimum: 1, maximum: 10 }), [
      { name: "too-small", says: "is below its minimum 1", code: "too_small", value: 0 },
      { name: "too-big", says: "is above its maximum 10", code: "too_big", value: 11 },
    ]],
    [num({ exclusiveMinimum: 0, exclusiveMaximum: 1 }), [
      { name: "too-small", says: "is at its exclusive minimum 0", code: "too_small", value: 0 },
      { name: "too-big", says: "is at its exclusive maximum 1", code: "too_big", value: 1 },
    ]],
    [num({ minimum: 0 }), [{ name: "too-small", says: "is below its minimum 0", code: "too_small", value: -0.5 }]],
    // No integer is at an exclusive bound of 0.5.
    [int({ exclusiveMinimum: 0.5, exclusiveMaximum: 9 }), [{ name: "too-big", says: "is at its exclusive maximum 9", code: "too_big", value: 9 }]],
    [int({ minimum: 1, format: "int32" }), []],
    [int({ minimum: 1, enum: [1, 2] }), []],
  ])("invalid values of %j", (node, values) => {
    const invalid = keyword.invalid!(node, 5, context);
    expect(invalid).toEqual(values);
    for (const fault of invalid) expect(checkValue(node, fault.value).map((p) => p.code)).toEqual([fault.code]);
  });

  it.each([
    [int({ minimum: 1 }), int({ minimum: 0 }), [{ kind: "bound-changed", severity: "breaking", message: "minimum of /x changed from 1 to 0.", note: "Values the old guards reject can now be sent." }]],
    [int({ maximum: 1 }), int({ maximum: 0 }), [{ kind: "bound-changed", severity: "non-breaking", message: "maximum of /x changed from 1 to 0." }]],
    [num({ exclusiveMaximum: 1 }), num(), [{ kind: "bound-changed", severity: "breaking", message: "exclusiveMaximum of /x changed from 1 to none.", note: "Values the old guards reject can now be sent." }]],
    // Reported in JSON Schema's order.
    [num({ minimum: 0, maximum: 9, exclusiveMinimum: 1 }), num({ maximum: 8, exclusiveMinimum: 2, minimum: 1 }), [
      { kind: "bound-changed", severity: "non-breaking", message: "minimum of /x changed from 0 to 1." },
      { kind: "bound-changed", severity: "non-breaking", message: "maximum of /x changed from 9 to 8." },
      { kind: "bound-changed", severity: "non-breaking", message: "exclusiveMinimum of /x changed from 1 to 2." },
    ]],
  ])("diff %j → %j", (before, after, changes) => {
    expect(keyword.diff(before, after, "/x")).toEqual(changes);
  });
});
