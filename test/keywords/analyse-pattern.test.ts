import { describe, expect, it } from "vitest";
import { CobrowseGenError, type Diagnostic } from "../../src/errors.js";
import { analysePattern } from "../../src/keywords/analyse-pattern.js";
import { normalizeSchema } from "../../src/normalize/normalize-schema.js";
import { patternKeyword } from "../../src/keywords/check-pattern.js";
import { read, str } from "./support.js";

describe("analysePattern: the worst backtracking of a pattern, as the guards compile it (u flag)", () => {
  it.each([
    // Safe: no two quantifiers can trade characters, or a match is found at once.
    { pattern: "^[A-Z]{3}-\\d{4}$", worst: "linear" },
    { pattern: "^[a-z0-9]+(?:-[a-z0-9]+)*$", worst: "linear" },
    { pattern: "^\\p{L}+$", worst: "linear" },
    { pattern: "(a+)+", worst: "linear" }, // unanchored: the first "a" is already a match
    { pattern: "", worst: "linear" },
    // Polynomial: two quantifiers over the same characters, or an unanchored search that restarts at every position.
    { pattern: "^\\d+\\d+$", worst: "polynomial", attack: "0" },
    { pattern: "a+b", worst: "polynomial", attack: "a" },
    { pattern: "^(a+){2,5}$", worst: "polynomial", attack: "a" },
    // Exponential: a quantifier that can reach itself through another.
    { pattern: "^(a+)+$", worst: "exponential", attack: "a" },
    { pattern: "^(\\w+\\s?)*$", worst: "exponential" },
    { pattern: "^([a-z0-9]+[.-]?)+@example\\.com$", worst: "exponential" },
    { pattern: "(x+x+)+y", worst: "exponential", attack: "x", fix: "(x{2,})+y" },
  ] as const)("$pattern: $worst", ({ pattern, ...want }) => {
    expect(analysePattern(pattern)).toMatchObject(want);
  });

  // The analyser's own time grows steeply with the unbounded quantifiers (20 nested over \p{L} take 10 s, 5,000
  // characters of (a+)? minutes) and with length: past the limits a pattern is not analysed, and not trusted.
  it.each([
    ["too many unbounded quantifiers", "(a+)?".repeat(200), /200 unbounded quantifiers, more than 12/],
    ["nested too deep for the analyser", "(".repeat(40) + "a+" + ")+".repeat(40), /41 unbounded quantifiers, more than 12/],
    ["too long", "x".repeat(5_001), /5001 characters long, more than 5000/],
    ["so deep the parser's stack runs out", "(".repeat(2_000) + ")".repeat(2_000), /nested too deeply to analyse/],
  ])("%s: unknown, and why", (_title, pattern, why) => {
    const analysis = analysePattern(pattern);
    expect(analysis.worst).toBe("unknown");
    expect(analysis.why).toMatch(why);
  });

  it("stays within its limits: 12 unbounded quantifiers, 5,000 characters", () => {
    expect(analysePattern("^" + "(".repeat(11) + "a+" + ")+".repeat(11) + "$").worst).toBe("exponential");
    expect(analysePattern("^" + "(".repeat(12) + "a+" + ")+".repeat(12) + "$")).toMatchObject({ worst: "unknown", why: "it has 13 unbounded quantifiers, more than 12" });
    expect(analysePattern("x".repeat(5_000)).worst).toBe("linear");
  });
});

const EXPONENTIAL_MESSAGE = 'The pattern "^(a+)+$" backtracks exponentially';

describe("pattern: an unsafe pattern is refused, or annotated, or warned about", () => {
  it.each([
    { title: "safe: checked, no warning", schema: { pattern: "^[a-z]+$" }, options: {}, out: { fields: { pattern: "^[a-z]+$" }, warnings: [] } },
    { title: "polynomial: checked, warned", schema: { pattern: "^\\d+\\d+$" }, options: {}, out: { fields: { pattern: "^\\d+\\d+$" }, warnings: ["slow-pattern /s/pattern"] } },
    { title: "polynomial under annotate: still checked, warned", schema: { pattern: "^\\d+\\d+$" }, options: { unsafePatterns: "annotate" }, out: { fields: { pattern: "^\\d+\\d+$" }, warnings: ["slow-pattern /s/pattern"] } },
    { title: "exponential under annotate: documented only, warned", schema: { pattern: "^(a+)+$" }, options: { unsafePatterns: "annotate" }, out: { fields: { uncheckedPattern: "^(a+)+$" }, warnings: ["unsafe-pattern /s/pattern"] } },
  ] as const)("$title", ({ schema, options, out }) => {
    expect(read(patternKeyword, schema, "string", options)).toEqual(out);
  });

  it("refuses an exponential pattern by default, at its pointer, with the fixes", () => {
    const { error } = read(patternKeyword, { pattern: "^(a+)+$" }, "string");
    expect(error).toContain(`unsafe-pattern /s/pattern: ${EXPONENTIAL_MESSAGE}`);
    expect(error).toContain("--unsafe-patterns annotate");
    expect(error).toMatch(/Rewrite the pattern/);
  });

  it("refuses a pattern too complex to analyse, or annotates it", () => {
    const pattern = "(a+)?".repeat(200);
    expect(read(patternKeyword, { pattern }, "string").error).toMatch(/unsafe-pattern \/s\/pattern: The pattern ".*" cannot be checked for catastrophic backtracking: it has 200 unbounded quantifiers/);
    expect(read(patternKeyword, { pattern }, "string", { unsafePatterns: "annotate" })).toEqual({ fields: { uncheckedPattern: pattern }, warnings: ["unsafe-pattern /s/pattern"] });
  });

  it("names scslre's rewrite when it has one", () => {
    expect(read(patternKeyword, { pattern: "(x+x+)+y" }, "string").error).toContain('"(x{2,})+y" matches the same strings');
  });

  it("does not analyse (nor refuse) a pattern on a node JSON Schema ignores it on", () => {
    expect(read(patternKeyword, { pattern: "^(a+)+$" }, "integer")).toEqual({ fields: {}, warnings: [] });
  });

  it("leaves the annotated pattern out of the checks and the invalid catalogue", () => {
    const node = str({ uncheckedPattern: "^(a+)+$" });
    expect(patternKeyword.checks(node)).toEqual([]);
    expect(patternKeyword.invalid!(node, "a", { file: "spec.json", pointer: "/x", random: () => () => 0.5, satisfies: () => true, skip: () => undefined })).toEqual([]);
  });
});

describe("patternProperties: each key is analysed like a pattern", () => {
  const normalize = (schema: unknown, unsafePatterns?: "refuse" | "annotate") => {
    const warnings: Diagnostic[] = [];
    const node = normalizeSchema(schema, "/s", { file: "spec.json", warnings, ...(unsafePatterns ? { unsafePatterns } : {}) });
    return { node, warnings: warnings.map((w) => `${w.code} ${w.pointer}`) };
  };
  const closed = { type: "object", properties: { id: { type: "string" } }, additionalProperties: false, patternProperties: { "^x-": { type: "integer" }, "^(a+)+$": { type: "string" } } };

  it("refuses an exponential key by default, at the key's pointer", () => {
    let caught: unknown;
    try {
      normalize(closed);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CobrowseGenError);
    const [d] = (caught as CobrowseGenError).diagnostics;
    expect(d).toMatchObject({ code: "unsafe-pattern", pointer: "/s/patternProperties/^(a+)+$" });
    expect(d!.message).toContain(EXPONENTIAL_MESSAGE);
    expect(d!.hint).toContain("--unsafe-patterns annotate");
  });

  it("annotates it: its properties cannot be told apart, so any other property is accepted (never stricter than the spec)", () => {
    const { node, warnings } = normalize(closed, "annotate");
    expect(warnings).toEqual(["unsafe-pattern /s/patternProperties/^(a+)+$"]);
    expect(node).toMatchObject({ kind: "object", additionalProperties: true, patternProperties: [{ pattern: "^x-" }], uncheckedPatternProperties: ["^(a+)+$"] });
    expect(node).not.toHaveProperty("additionalSchema");
  });

  it("warns about a polynomial key and still checks it", () => {
    const { node, warnings } = normalize({ type: "object", patternProperties: { "^\\d+\\d+$": { type: "string" } } });
    expect(warnings).toEqual(["slow-pattern /s/patternProperties/^\\d+\\d+$"]);
    expect(node).toMatchObject({ patternProperties: [{ pattern: "^\\d+\\d+$" }] });
  });
});
