import { describe, expect, it } from "vitest";
import { CobrowseGenError } from "../../src/errors.js";
import { patternKeyword as keyword } from "../../src/keywords/check-pattern.js";
import { checkValue } from "../../src/model/check-value.js";
import { context, failing, firstFailure, int, read, str } from "./support.js";

describe("pattern", () => {
  it.each([
    { schema: { pattern: "^[a-z]+$" }, kind: "string", out: { fields: { pattern: "^[a-z]+$" }, warnings: [] } },
    // JSON Schema ignores a pattern on other kinds, and normalize does not even read it.
    { schema: { pattern: 5 }, kind: "integer", out: { fields: {}, warnings: [] } },
    { schema: { pattern: 5 }, kind: "string", out: { error: "unsupported-schema /s/pattern: A pattern must be a string. (Write the regular expression as a string.)" } },
    {
      schema: { pattern: "(" },
      kind: "string",
      out: { error: 'unsupported-schema /s/pattern: Invalid regular expression "(": Invalid regular expression: /(/u: Unterminated group. (JSON Schema patterns are ECMA-262 regular expressions (Unicode mode).)' },
    },
    // Unicode mode: an escape that is an identity escape elsewhere is an error here, as ajv and the guards read it.
    { schema: { pattern: "\\-" }, kind: "string", out: { error: 'unsupported-schema /s/pattern: Invalid regular expression "\\\\-": Invalid regular expression: /\\-/u: Invalid escape. (JSON Schema patterns are ECMA-262 regular expressions (Unicode mode).)' } },
  ] as const)("read %j", ({ schema, kind, out }) => {
    expect(read(keyword, schema, kind)).toEqual(out);
  });

  it.each([
    [str({ pattern: "^a" }), { pattern: "^a" }],
    [str(), {}],
  ])("write %j", (node, schema) => {
    expect(keyword.write(node)).toEqual(schema);
  });

  it.each([
    [str({ pattern: "^[A-Z]{3}-\\d{4}$" }), "ABC-1234", null],
    [str({ pattern: "^[A-Z]{3}-\\d{4}$" }), "abc-1234", { code: "invalid_format", message: "expected a match of ^[A-Z]{3}-\\d{4}$", expected: "string matching /^[A-Z]{3}-\\d{4}$/" }],
    // Not anchored: a match anywhere will do.
    [str({ pattern: "\\d{3}" }), "ab123cd", null],
    [str({ pattern: "^.$" }), "😀", null],
  ])("check %j against %j", (node, value, problem) => {
    expect(firstFailure(keyword, node, value)).toEqual(problem);
  });

  it("tests through the RegExp the emitter names", () => {
    expect(failing(keyword, str({ pattern: "^a" }))).toEqual(["!RE(^a).test(v as string)"]);
    expect(failing(keyword, int({ pattern: "^a" }))).toEqual([]);
  });

  it.each([
    ["a fitted value that matches is kept", str({ pattern: "^x" }), "xyz", "xyz"],
    ["else the schema's example", str({ pattern: "^ABC-", example: "ABC-1" }), "nope", "ABC-1"],
    ["else one sampled from the pattern", str({ pattern: "^[0-9]{3}$" }), "nope", "555"],
    ["one that also satisfies the other keywords", str({ pattern: "^a{2,}$", maxLength: 3, example: "aaaa" }), "b", "aa"],
  ])("pick: %s", (_title, node, value, picked) => {
    const random = () => () => 0.5;
    const out = keyword.pick!(node, value, { ...context, random });
    expect(out).toBe(picked);
    expect(checkValue(node, out)).toEqual([]);
  });

  it("refuses when nothing matches the pattern and the schema's other keywords", () => {
    const node = str({ pattern: "^a$", minLength: 3 });
    expect(() => keyword.pick!(node, "zzz", context)).toThrow(CobrowseGenError);
    expect(() => keyword.pick!(node, "zzz", context)).toThrow('No fixture value could be made for the pattern "^a$" (with the schema\'s other constraints).');
  });

  it.each([
    [str({ pattern: "^[a-z]+$" }), [{ name: "bad-pattern", says: "does not match its pattern", code: "invalid_format", value: "" }]],
    // "" is too short: the next miss that fails only the pattern.
    [str({ pattern: "^[a-z]+$", minLength: 1 }), [{ name: "bad-pattern", says: "does not match its pattern", code: "invalid_format", value: "!" }]],
    // A pattern every candidate matches: no fixture.
    [str({ pattern: "" }), []],
    [str({ pattern: "^a", enum: ["a"] }), []],
    [str({ pattern: "^a", format: "email" }), []],
  ])("invalid values of %j", (node, values) => {
    const invalid = keyword.invalid!(node, "abc", context);
    expect(invalid).toEqual(values);
    for (const fault of invalid) expect(checkValue(node, fault.value).map((p) => p.code)).toEqual([fault.code]);
  });

  it.each([
    [str(), str({ pattern: "^a" }), [{ kind: "pattern-changed", severity: "breaking", message: "The pattern of /x changed from none to ^a.", note: "A new regular expression the regenerated guards run on every value here, rejecting values they accepted before: review it." }]],
    [
      str(),
      str({ uncheckedPattern: "^(a+)+$" }),
      [
        {
          kind: "pattern-changed",
          severity: "breaking",
          message: "The pattern of /x changed from none to ^(a+)+$.",
          note: "A new regular expression the regenerated guards run on every value here, rejecting values they accepted before: review it. It backtracks exponentially: generation refuses it (or, with --unsafe-patterns annotate, does not check it).",
        },
      ],
    ],
    [str({ pattern: "^a" }), str({ pattern: "^b" }), [{ kind: "pattern-changed", severity: "breaking", message: "The pattern of /x changed from ^a to ^b.", note: "Values valid under the new pattern can fail the old guards." }]],
    [str({ pattern: "^a" }), str(), [{ kind: "pattern-changed", severity: "breaking", message: "The pattern of /x changed from ^a to none.", note: "Values valid under the new pattern can fail the old guards." }]],
    [str({ pattern: "^a" }), str({ pattern: "^a" }), []],
  ])("diff %j → %j", (before, after, changes) => {
    expect(keyword.diff(before, after, "/x")).toEqual(changes);
  });
});
