import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/errors.js";
import { DIFF_ORDER, FIXTURE_ORDER, KEYWORD_NAMES, KEYWORDS, READ_ORDER, keywordChecks, perTypeKeywords } from "../../src/keywords/index.js";
import type { ReadKind } from "../../src/keywords/keyword.js";
import { checkValue } from "../../src/model/check-value.js";
import { normalizeSchema } from "../../src/normalize/normalize-schema.js";
import { arr, bool, context, int, num, obj, str } from "./support.js";

const KINDS: readonly ReadKind[] = ["object", "array", "string", "integer", "number", "boolean", "null"];

/** One node of every kind with every value keyword set that could apply to it. */
const LOADED = [
  str({ format: "date-time", pattern: "^2", minLength: 20, maxLength: 30 }),
  int({ format: "int32", minimum: 1, maximum: 9, exclusiveMinimum: 0, exclusiveMaximum: 10 }),
  num({ format: "uint64", minimum: 1 }),
  arr({ minItems: 1, maxItems: 2 }),
  bool(),
  obj(),
];

describe("the keyword registry", () => {
  it("lists the guards' order: format, pattern, then the length, range and size bounds", () => {
    expect(KEYWORDS.map((k) => k.name)).toEqual(["format", "pattern", "length", "range", "size"]);
    expect(KEYWORD_NAMES).toEqual(["format", "pattern", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems"]);
  });

  it("walks every keyword exactly once in each of the other orders", () => {
    for (const order of [READ_ORDER, DIFF_ORDER, FIXTURE_ORDER]) {
      expect([...order].sort((a, b) => a.name.localeCompare(b.name))).toEqual([...KEYWORDS].sort((a, b) => a.name.localeCompare(b.name)));
    }
    expect(READ_ORDER.map((k) => k.name)).toEqual(["format", "length", "range", "size", "pattern"]);
    expect(FIXTURE_ORDER.map((k) => k.name)).toEqual(["length", "range", "pattern", "format", "size"]);
  });

  it("gives each JSON Schema keyword to one module, and the module sets only its own fields", () => {
    expect(new Set(KEYWORD_NAMES).size).toBe(KEYWORD_NAMES.length);
    const schema = { format: "date", pattern: "^a", minLength: 1, maxLength: 2, minimum: 1, maximum: 2, exclusiveMinimum: 0, exclusiveMaximum: 3, minItems: 1, maxItems: 2 };
    for (const keyword of KEYWORDS) {
      for (const kind of KINDS) {
        const fields = keyword.read(schema, kind, "/s", { file: "spec.json", warnings: [] });
        for (const field of Object.keys(fields)) expect(keyword.keywords).toContain(field);
        if (!keyword.kinds.includes(kind)) expect(fields).toEqual({});
      }
    }
  });

  it("does nothing on nodes of kinds a keyword does not constrain", () => {
    for (const keyword of KEYWORDS) {
      for (const node of LOADED.filter((n) => !keyword.kinds.includes(n.kind as ReadKind))) {
        expect(keyword.write(node)).toEqual({});
        expect(keyword.checks(node)).toEqual([]);
        expect(keyword.invalid?.(node, undefined, context) ?? []).toEqual([]);
      }
    }
  });

  it("writes back what it reads", () => {
    for (const node of LOADED) {
      const written = Object.assign({}, ...KEYWORDS.map((k) => k.write(node)));
      const { kind: _kind, pointer: _pointer, nullable: _nullable, items: _items, properties: _properties, additionalProperties: _open, ...fields } = node as unknown as Record<string, unknown>;
      expect(written).toEqual(fields);
    }
  });

  it("labels every invalid value with the one issue check-value reports for it", () => {
    for (const node of LOADED) {
      const valid = node.kind === "array" ? ["a"] : undefined;
      for (const keyword of KEYWORDS) {
        for (const fault of keyword.invalid?.(node, valid, context) ?? []) {
          const { format: _, ...withoutFormat } = node as unknown as Record<string, unknown>;
          // A format's fixture is checked on the node as it is; a bound's on a node without a format (its gate).
          const problems = checkValue(keyword.name === "format" ? node : (withoutFormat as never), fault.value);
          expect(problems.map((p) => p.code), `${keyword.name} ${fault.name}`).toEqual([fault.code]);
        }
      }
    }
  });

  it("caches a node's checks, in registry order", () => {
    const node = LOADED[0]!;
    expect(keywordChecks(node)).toBe(keywordChecks(node));
    expect(keywordChecks(node).map((c) => c.keyword)).toEqual(["format", "pattern", "minLength", "maxLength"]);
  });

  it("splits a type list's keywords by type, except the format", () => {
    expect(perTypeKeywords("string")).toEqual(["pattern", "minLength", "maxLength"]);
    expect(perTypeKeywords("number")).toEqual(["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]);
    expect(perTypeKeywords("array")).toEqual(["minItems", "maxItems"]);
    const warnings: Diagnostic[] = [];
    const node = normalizeSchema({ type: ["string", "integer"], format: "date-time", minLength: 2, maximum: 9 }, "/s", { file: "spec.json", warnings });
    expect(node).toMatchObject({
      kind: "union",
      variants: [
        { kind: "string", format: "date-time", minLength: 2 },
        { kind: "integer", format: "date-time", maximum: 9 },
      ],
    });
    expect(node.kind === "union" && "minLength" in node.variants[1]!).toBe(false);
    expect(warnings.map((w) => `${w.code} ${w.pointer}`)).toEqual(["unchecked-format /s/format"]);
  });

  it("is what normalize handles: no registry keyword is an unknown keyword", () => {
    const warnings: Diagnostic[] = [];
    const schemas = [
      { type: "string", format: "date", pattern: "^2", minLength: 1, maxLength: 20 },
      { type: "number", format: "int64", minimum: 1, maximum: 2, exclusiveMinimum: 0, exclusiveMaximum: 3 },
      { type: "array", minItems: 1, maxItems: 2 },
    ];
    for (const schema of schemas) normalizeSchema(schema, "/s", { file: "spec.json", warnings });
    expect(warnings).toEqual([]);
    expect(new Set(schemas.flatMap((schema) => Object.keys(schema)).filter((key) => key !== "type"))).toEqual(new Set(KEYWORD_NAMES));
  });
});
