import { describe, expect, it } from "vitest";
import { createStandardSchema, type StandardSchemaV1 } from "../../src/runtime/create-standard-schema.js";
import { makeIssue } from "../../src/runtime/make-issue.js";
import { readMode, type ValidationOptions, type ValidationResult } from "../../src/runtime/run-guard.js";

/** Accepts `{ n }` alone; another key is an issue in reject mode, a warning in allow mode. */
function validate(value: unknown, options?: ValidationOptions): ValidationResult<{ n: number }> {
  const allow = readMode(options);
  const keys = Object.keys(value as object);
  if (keys.length === 1 || allow) return { ok: true, value: value as { n: number }, warnings: [] };
  return { ok: false, issues: [makeIssue(["x"], "/x", "unknown_property", undefined, 1)] };
}

describe("createStandardSchema", () => {
  const reject = createStandardSchema(validate, {});
  const allow = createStandardSchema(validate, { unknownProperties: "allow" });

  it("is a Standard Schema v1 object", () => {
    const schema: StandardSchemaV1<{ n: number }> = reject;
    expect(schema["~standard"]).toMatchObject({ version: 1, vendor: "cobrowse-gen" });
  });

  it.each<[string, StandardSchemaV1<{ n: number }>, StandardSchemaV1.Options | undefined, unknown, "value" | "issues"]>([
    ["a valid value", reject, undefined, { n: 1 }, "value"],
    ["an extra key under the default (reject)", reject, undefined, { n: 1, x: 1 }, "issues"],
    ["an extra key under the lenient defaults", allow, undefined, { n: 1, x: 1 }, "value"],
    ["libraryOptions overrides the defaults (allow)", reject, { libraryOptions: { unknownProperties: "allow" } }, { n: 1, x: 1 }, "value"],
    ["libraryOptions overrides the defaults (reject)", allow, { libraryOptions: { unknownProperties: "reject" } }, { n: 1, x: 1 }, "issues"],
    ["other libraryOptions keep the defaults", allow, { libraryOptions: { other: true } }, { n: 1, x: 1 }, "value"],
  ])("%s", (_, schema, options, value, outcome) => {
    const result = schema["~standard"].validate(value, options) as StandardSchemaV1.Result<{ n: number }>;
    if (outcome === "value") expect(result).toEqual({ value });
    else expect(result).toEqual({ issues: [expect.objectContaining({ code: "unknown_property", path: ["x"], message: expect.any(String) })] });
  });

  it("lets an invalid libraryOptions value throw, as the validators do", () => {
    expect(() => reject["~standard"].validate({ n: 1 }, { libraryOptions: { unknownProperties: "sometimes" } })).toThrow(TypeError);
  });
});
