import { describe, expect, it } from "vitest";
import { CHECKED_FORMATS, formatKeyword as keyword, isCheckedFormat } from "../../src/keywords/check-format.js";
import { checkValue } from "../../src/model/check-value.js";
import { arr, bool, context, failing, firstFailure, int, num, read, str } from "./support.js";

const HINT = "Checked formats: date-time, date, int32, int64, uint64.";

describe("format", () => {
  it("checks date-time and date on strings, int32, int64 and uint64 on integers and numbers", () => {
    const table = Object.keys(CHECKED_FORMATS).map((format) => [format, ["string", "integer", "number", "boolean"].filter((kind) => isCheckedFormat(format, kind))]);
    expect(table).toEqual([
      ["date-time", ["string"]],
      ["date", ["string"]],
      ["int32", ["integer", "number"]],
      ["int64", ["integer", "number"]],
      ["uint64", ["integer", "number"]],
    ]);
    // A format named like an Object.prototype member is no checked format.
    expect(isCheckedFormat("constructor", "string")).toBe(false);
  });

  it.each([
    { schema: { format: "date-time" }, kind: "string", out: { fields: { format: "date-time" }, warnings: [] } },
    { schema: { format: "int64" }, kind: "number", out: { fields: { format: "int64" }, warnings: [] } },
    { schema: { format: "double" }, kind: "number", out: { fields: { format: "double" }, warnings: [] } },
    { schema: { format: "float" }, kind: "integer", out: { fields: { format: "float" }, warnings: [] } },
    // Unchecked: kept, as an annotation, with a warning.
    { schema: { format: "email" }, kind: "string", out: { fields: { format: "email" }, warnings: ["unchecked-format /s/format"] } },
    { schema: { format: "date-time" }, kind: "integer", out: { fields: { format: "date-time" }, warnings: ["unchecked-format /s/format"] } },
    { schema: { format: "int32" }, kind: "string", out: { fields: { format: "int32" }, warnings: ["unchecked-format /s/format"] } },
    // On a kind with no format field: warned about, not kept.
    { schema: { format: "date" }, kind: "boolean", out: { fields: {}, warnings: ["unchecked-format /s/format"] } },
    { schema: { format: "" }, kind: "string", out: { fields: {}, warnings: ["unchecked-format /s/format"] } },
    // A format that is not a string means nothing.
    { schema: { format: 5 }, kind: "string", out: { fields: {}, warnings: [] } },
  ] as const)("read %j on a %s", ({ schema, kind, out }) => {
    expect(read(keyword, schema, kind)).toEqual(out);
  });

  it("names the checked formats in its warning", () => {
    const warnings: { message: string; hint?: string }[] = [];
    keyword.read({ format: "uuid" }, "string", "/s", { file: "spec.json", warnings: warnings as never });
    expect(warnings).toMatchObject([{ message: 'Format "uuid" on a string is an annotation only: the guards do not check it.', hint: HINT }]);
  });

  it.each([
    [str({ format: "date-time" }), { format: "date-time" }],
    [int({ format: "int64" }), { format: "int64" }],
    [bool(), {}],
  ])("write %j", (node, schema) => {
    expect(keyword.write(node)).toEqual(schema);
  });

  it.each([
    [str({ format: "date-time" }), "2025-04-01T12:22:26Z", null],
    [str({ format: "date-time" }), "2025-04-01 12:22:26", { code: "invalid_format", message: "expected date-time", expected: undefined }],
    [str({ format: "date" }), "2025-02-30", { code: "invalid_format", message: "expected date", expected: undefined }],
    [int({ format: "int32" }), 2147483648, { code: "invalid_format", message: "expected int32", expected: undefined }],
    [num({ format: "int32" }), 1.5, { code: "invalid_format", message: "expected int32", expected: undefined }],
    [num({ format: "int64" }), 1.5, { code: "invalid_format", message: "expected int64", expected: undefined }],
    [num({ format: "uint64" }), -1, { code: "invalid_format", message: "expected uint64", expected: undefined }],
    [int({ format: "uint64" }), -1, { code: "invalid_format", message: "expected uint64", expected: undefined }],
    [int({ format: "uint64" }), 0, null],
    // Annotations check nothing.
    [str({ format: "email" }), "not an email", null],
    [int({ format: "date-time" }), 5, null],
    [str({ format: "int32" }), "x", null],
  ])("check %j against %j", (node, value, problem) => {
    expect(firstFailure(keyword, node, value)).toEqual(problem);
  });

  it.each([
    [str({ format: "date-time" }), ["!isDateTime(v)"]],
    [str({ format: "date" }), ["!isDate(v)"]],
    [int({ format: "int32" }), ["!isInt32(v)"]],
    [num({ format: "int32" }), ["!isInt32(v)"]],
    // The integer type says all int64 says.
    [int({ format: "int64" }), []],
    [num({ format: "int64" }), ["!Number.isInteger(v)"]],
    [int({ format: "uint64" }), ["(v as number) < 0"]],
    [num({ format: "uint64" }), ["!Number.isInteger(v)", "(v as number) < 0"]],
    [str({ format: "uuid" }), []],
  ])("guard tests of %j", (node, tests) => {
    expect(failing(keyword, node)).toEqual(tests);
  });

  it.each([
    [str({ format: "date-time" }), "2025-04-01T12:00:00Z"],
    // A date is the event's day.
    [str({ format: "date" }), "2025-04-02"],
    [str({ format: "email" }), undefined],
    [int({ format: "int32" }), undefined],
    [int({ format: "date-time" }), undefined],
  ])("make %j", (node, made) => {
    expect(keyword.make!(node, { event: Date.UTC(2025, 3, 2, 0, 5), field: Date.UTC(2025, 3, 1, 12) })).toBe(made);
  });

  it.each([
    [str({ format: "date-time" }), [{ name: "bad-format", says: "is a date-time without T and zone", code: "invalid_format", value: "2025-04-01 12:22:26" }]],
    [str({ format: "date" }), [{ name: "bad-format", says: "is a date that does not exist", code: "invalid_format", value: "2025-02-30" }]],
    [int({ format: "int32" }), [{ name: "bad-format", says: "is an integer beyond int32", code: "invalid_format", value: 2147483648 }]],
    [num({ format: "int32" }), [{ name: "bad-format", says: "is an integer beyond int32", code: "invalid_format", value: 2147483648 }]],
    [num({ format: "int64" }), [{ name: "bad-format", says: "is a fraction", code: "invalid_format", value: 1.5 }]],
    // An integer cannot be a fraction; uint64 has no fixture; an annotation none either.
    [int({ format: "int64" }), []],
    [int({ format: "uint64" }), []],
    [int({ format: "date-time" }), []],
    [str({ format: "email" }), []],
    // An enum does not keep the format's fixture (the value breaks both, and the enum reports first: it is filtered later).
    [str({ format: "date", enum: ["2025-04-01"] }), [{ name: "bad-format", says: "is a date that does not exist", code: "invalid_format", value: "2025-02-30" }]],
  ])("invalid values of %j", (node, values) => {
    const invalid = keyword.invalid!(node, undefined, context);
    expect(invalid).toEqual(values);
    if ((node as { enum?: unknown }).enum === undefined) for (const fault of invalid) expect(checkValue(node, fault.value).map((p) => p.code)).toEqual([fault.code]);
  });

  it.each([
    [str({ format: "email" }), str({ format: "uri" }), "non-breaking", "Both are annotations: no guard checks them."],
    [str(), str({ format: "date" }), "non-breaking", "A narrowing: values of the new format passed the old guards too."],
    [str({ format: "date" }), str({ format: "date-time" }), "breaking", "Values valid under the new format can fail the old guards."],
    [str({ format: "date" }), str(), "breaking", "Values valid under the new format can fail the old guards."],
    // Checked is by name: int32 on a string is compared as a checked format.
    [str({ format: "int32" }), str({ format: "email" }), "breaking", "Values valid under the new format can fail the old guards."],
  ])("diff %j → %j", (before, after, severity, note) => {
    const was = "format" in before ? before.format : undefined;
    const now = "format" in after ? after.format : undefined;
    expect(keyword.diff(before, after, "/x")).toEqual([{ kind: "format-changed", severity, message: `The format of /x changed from ${was ?? "none"} to ${now ?? "none"}.`, note }]);
  });

  it("documents the format, checked or not", () => {
    expect([str({ format: "date-time" }), int({ format: "uuid" }), str(), arr()].map((node) => keyword.docs!(node))).toEqual(["date-time", "uuid", undefined, undefined]);
  });
});
