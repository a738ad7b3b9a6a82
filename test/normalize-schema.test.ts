import { describe, expect, it } from "vitest";
import { CobrowseGenError, type Diagnostic } from "../src/errors.js";
import { normalizeSchema } from "../src/normalize/normalize-schema.js";

function normalize(schema: unknown) {
  const warnings: Diagnostic[] = [];
  const node = normalizeSchema(schema, "/s", { file: "spec.json", warnings });
  return { node, warnings: warnings.map((w) => `${w.code} ${w.pointer}`) };
}

describe("normalizeSchema: what each input becomes", () => {
  it.each([
    { title: "empty schema is any value", in: {}, out: { kind: "unknown", nullable: false }, warnings: [] },
    { title: "true is any value", in: true, out: { kind: "unknown", nullable: false }, warnings: [] },
    {
      title: "string with format and description",
      in: { type: "string", format: "date-time", description: "When." },
      out: { kind: "string", format: "date-time", description: "When.", nullable: false },
      warnings: [],
    },
    {
      title: "int64 integer",
      in: { type: "integer", format: "int64" },
      out: { kind: "integer", format: "int64", nullable: false },
      warnings: [],
    },
    {
      title: "type list with null is nullable",
      in: { type: ["string", "null"] },
      out: { kind: "string", nullable: true },
      warnings: [],
    },
    {
      title: "OpenAPI 3.0 nullable is read, with a warning",
      in: { type: "string", nullable: true },
      out: { kind: "string", nullable: true },
      warnings: ["rule:nullable-keyword /s/nullable"],
    },
    {
      title: "enum with null makes the node nullable and keeps the other values",
      in: { type: ["string", "null"], enum: ["a", null] },
      out: { kind: "string", enum: ["a"], nullable: true },
      warnings: [],
    },
    { title: "const is a one-value enum", in: { const: "x" }, out: { kind: "string", enum: ["x"], nullable: false }, warnings: [] },
    {
      title: "enum without type gets its type from the values",
      in: { enum: [1, 2] },
      out: { kind: "integer", enum: [1, 2], nullable: false },
      warnings: [],
    },
    {
      title: "properties without type is an object, with a warning",
      in: { properties: { a: { type: "string" } } },
      out: { kind: "object", additionalProperties: true, nullable: false, properties: [{ name: "a", required: false, schema: { kind: "string", pointer: "/s/properties/a", nullable: false } }] },
      warnings: ["rule:missing-type /s"],
    },
    {
      title: "array without items holds any values",
      in: { type: "array" },
      out: { kind: "array", nullable: false, items: { kind: "unknown", pointer: "/s/items", nullable: false } },
      warnings: [],
    },
    {
      title: "closed object with required properties, in spec order",
      in: { type: "object", required: ["b"], additionalProperties: false, properties: { b: { type: "boolean" }, a: { type: "null" } } },
      out: {
        kind: "object",
        additionalProperties: false,
        nullable: false,
        properties: [
          { name: "b", required: true, schema: { kind: "boolean", pointer: "/s/properties/b", nullable: false } },
          { name: "a", required: false, schema: { kind: "null", pointer: "/s/properties/a", nullable: false } },
        ],
      },
      warnings: [],
    },
    {
      title: "required name missing from properties of a closed object is dropped, with a warning",
      in: { type: "object", required: ["ghost"], additionalProperties: false, properties: {} },
      out: { kind: "object", additionalProperties: false, nullable: false, properties: [] },
      warnings: ["rule:required-not-defined /s/required/0"],
    },
    {
      title: "required name missing from properties of an open object is a required property of any value, with a warning",
      in: { type: "object", required: ["ghost"], properties: { a: { type: "null" } } },
      out: {
        kind: "object",
        additionalProperties: true,
        nullable: false,
        properties: [
          { name: "a", required: false, schema: { kind: "null", pointer: "/s/properties/a", nullable: false } },
          { name: "ghost", required: true, schema: { kind: "unknown", pointer: "/s/required/0", nullable: false } },
        ],
      },
      warnings: ["required-not-defined /s/required/0"],
    },
    {
      title: "required name missing from properties is typed by additionalProperties' schema",
      in: { type: "object", required: ["ghost", "ghost"], additionalProperties: { type: "string" } },
      out: {
        kind: "object",
        additionalProperties: true,
        additionalSchema: { kind: "string", pointer: "/s/additionalProperties", nullable: false },
        nullable: false,
        properties: [{ name: "ghost", required: true, schema: { kind: "string", pointer: "/s/additionalProperties", nullable: false } }],
      },
      warnings: ["required-not-defined /s/required/0"],
    },
    {
      title: "required name missing from properties is typed by the patternProperties schema its name matches, closed or not",
      in: { type: "object", required: ["x-ghost"], additionalProperties: false, patternProperties: { "^x-": { type: "integer" } } },
      out: {
        kind: "object",
        additionalProperties: false,
        nullable: false,
        properties: [{ name: "x-ghost", required: true, schema: { kind: "integer", pointer: "/s/patternProperties/^x-", nullable: false } }],
      },
      warnings: ["required-not-defined /s/required/0"],
    },
    {
      title: "a default stays an annotation",
      in: { type: "string", default: "x", deprecated: true, title: "T" },
      out: { kind: "string", default: "x", deprecated: true, title: "T", nullable: false },
      warnings: [],
    },
    {
      title: "an unknown keyword is ignored, with a warning",
      in: { type: "string", fromat: "date-time" },
      out: { kind: "string", nullable: false },
      warnings: ["unknown-keyword /s/fromat"],
    },
    {
      title: "an unchecked format is an annotation, with a warning",
      in: { type: "string", format: "email" },
      out: { kind: "string", format: "email", nullable: false },
      warnings: ["unchecked-format /s/format"],
    },
    {
      title: "null listed in enum but not allowed by type is ignored, with a warning",
      in: { type: "string", enum: ["a", null] },
      out: { kind: "string", enum: ["a"], nullable: false },
      warnings: ["rule:unreachable-enum-value /s/enum"],
    },
    { title: "an enum of only null is the null type", in: { type: ["string", "null"], enum: [null] }, out: { kind: "null", nullable: false }, warnings: [] },
    {
      title: "a type alias is repaired by its rule, with a warning",
      in: { type: "long" },
      out: { kind: "integer", format: "int64", nullable: false },
      warnings: ["rule:type-alias /s/type"],
    },
    {
      title: "length, range and size bounds",
      in: { type: "object", properties: { s: { type: "string", minLength: 1, maxLength: 3 }, n: { type: "number", minimum: 0, exclusiveMaximum: 1 }, a: { type: "array", maxItems: 2 } } },
      out: {
        kind: "object",
        nullable: false,
        properties: [
          { name: "s", schema: { kind: "string", minLength: 1, maxLength: 3 } },
          { name: "n", schema: { kind: "number", minimum: 0, exclusiveMaximum: 1 } },
          { name: "a", schema: { kind: "array", maxItems: 2 } },
        ],
      },
      warnings: [],
    },
    {
      title: "OpenAPI 3.0's boolean exclusiveMinimum becomes the 2020-12 bound, with a warning",
      in: { type: "integer", minimum: 5, exclusiveMinimum: true },
      out: { kind: "integer", exclusiveMinimum: 5, nullable: false },
      warnings: ["rule:exclusive-bound-boolean /s/exclusiveMinimum"],
    },
    {
      title: "a bound on the wrong kind of value is ignored, with a warning",
      in: { type: "string", maximum: 3 },
      out: { kind: "string", nullable: false },
      warnings: ["rule:misplaced-bound /s/maximum"],
    },
    { title: "x- extensions are annotations", in: { type: "string", "x-enum-descriptions": ["a"] }, out: { kind: "string", nullable: false }, warnings: [] },
  ])("$title", ({ in: input, out, warnings }) => {
    const result = normalize(input);
    expect(result.node).toMatchObject({ pointer: "/s", ...out });
    expect(result.warnings).toEqual(warnings);
  });
});

describe("normalizeSchema: the rest of the 2020-12 vocabulary", () => {
  it.each([
    {
      title: "oneOf of tagged objects gets a discriminator",
      in: { oneOf: [{ type: "object", properties: { k: { const: "a" } } }, { type: "object", properties: { k: { enum: ["b", "c"] } } }] },
      out: { kind: "union", mode: "oneOf", discriminator: { property: "k", cases: [{ value: "a", variant: 0 }, { value: "b", variant: 1 }, { value: "c", variant: 1 }] } },
      warnings: [],
    },
    {
      title: "siblings of anyOf are merged into each variant",
      in: { type: "object", required: ["id"], properties: { id: { type: "string" } }, anyOf: [{ properties: { a: { type: "integer" } } }, { properties: { b: { type: "boolean" } } }] },
      out: {
        kind: "union",
        mode: "anyOf",
        variants: [
          { kind: "object", pointer: "/s/anyOf/0", properties: [{ name: "id", required: true }, { name: "a", required: false }] },
          { kind: "object", pointer: "/s/anyOf/1", properties: [{ name: "id", required: true }, { name: "b", required: false }] },
        ],
      },
      warnings: [],
    },
    {
      title: "a type list of several types is an anyOf, one variant per type, keeping each type's keywords",
      in: { type: ["string", "integer", "null"], maxLength: 3, minimum: 1 },
      out: { kind: "union", mode: "anyOf", nullable: true, variants: [{ kind: "string", maxLength: 3, nullable: false }, { kind: "integer", minimum: 1, nullable: false }] },
      warnings: [],
    },
    {
      title: "a type list with OpenAPI 3.0's nullable: true also allows null",
      in: { type: ["string", "integer"], nullable: true },
      out: { kind: "union", mode: "anyOf", nullable: true, variants: [{ kind: "string", nullable: false }, { kind: "integer", nullable: false }] },
      warnings: ["rule:nullable-keyword /s/nullable"],
    },
    {
      title: "OpenAPI 3.1's anyOf with a null variant is a nullable union",
      in: { anyOf: [{ type: "string" }, { type: "integer" }, { type: "null" }] },
      out: { kind: "union", mode: "anyOf", nullable: true, variants: [{ kind: "string" }, { kind: "integer" }] },
      warnings: [],
    },
    {
      title: "a oneOf whose other variant takes null too keeps its null variant (null matches two: refused)",
      in: { oneOf: [{ type: ["string", "null"] }, { type: "null" }] },
      out: { kind: "union", mode: "oneOf", nullable: false, variants: [{ kind: "string", nullable: true }, { kind: "null" }] },
      warnings: [],
    },
    {
      title: "OpenAPI 3.0's nullable on a oneOf of tagged objects: a nullable union, still switched on the tag",
      in: { nullable: true, oneOf: [{ type: "object", properties: { k: { const: "a" } } }, { type: "object", properties: { k: { const: "b" } } }] },
      out: { kind: "union", mode: "oneOf", nullable: true, variants: [{ kind: "object" }, { kind: "object" }], discriminator: { property: "k" } },
      warnings: ["rule:nullable-keyword /s/nullable"],
    },
    {
      title: "OpenAPI 3.0's nullable on a oneOf one of whose variants takes null already: null beside the oneOf",
      in: { nullable: true, oneOf: [{ type: "string", nullable: true }, { type: "integer" }] },
      out: { kind: "union", mode: "anyOf", nullable: true, variants: [{ kind: "union", mode: "oneOf", nullable: false, variants: [{ kind: "string", nullable: true }, { kind: "integer" }] }] },
      warnings: ["rule:nullable-keyword /s/nullable", "rule:nullable-keyword /s/anyOf/1/oneOf/0/nullable"],
    },
    {
      title: "an enum of mixed types is an anyOf of per-type enums",
      in: { enum: ["a", 1, 2.5, true, null] },
      out: { kind: "union", mode: "anyOf", nullable: true, variants: [{ kind: "string", enum: ["a"] }, { kind: "number", enum: [1, 2.5] }, { kind: "boolean", enum: [true] }] },
      warnings: [],
    },
    {
      title: "pattern",
      in: { type: "string", pattern: "^[A-Z]+$" },
      out: { kind: "string", pattern: "^[A-Z]+$" },
      warnings: [],
    },
    {
      title: "prefixItems with items: false is a tuple with maxItems",
      in: { type: "array", prefixItems: [{ type: "string" }, { type: "integer" }], items: false },
      out: { kind: "array", prefixItems: [{ kind: "string" }, { kind: "integer" }], items: { kind: "unknown" }, maxItems: 2 },
      warnings: [],
    },
    {
      title: "additionalProperties as a schema, and patternProperties",
      in: { type: "object", additionalProperties: { type: "string" }, patternProperties: { "^x-": { type: "integer" } } },
      out: { kind: "object", additionalProperties: true, additionalSchema: { kind: "string" }, patternProperties: [{ pattern: "^x-", schema: { kind: "integer" } }] },
      warnings: [],
    },
    {
      title: "uint64 is a checked format",
      in: { type: "integer", format: "uint64" },
      out: { kind: "integer", format: "uint64" },
      warnings: [],
    },
    {
      title: "not, if/then/else, uniqueItems: warned, then ignored",
      in: { type: "string", not: { const: "x" }, if: { minLength: 2 }, then: { maxLength: 4 } },
      out: { kind: "string" },
      warnings: ["unsupported-keyword /s/not", "unsupported-keyword /s/if", "unsupported-keyword /s/then"],
    },
    {
      title: "a $ref left by dereferencing (recursion) with nothing to resolve it: any value, warned",
      in: { $ref: "#/components/schemas/Self" },
      out: { kind: "unknown" },
      warnings: ["recursive-ref /s/$ref"],
    },
  ])("$title", ({ in: input, out, warnings }) => {
    const result = normalize(input);
    expect(result.node).toMatchObject(out);
    expect(result.warnings).toEqual(warnings);
  });

  it("gives no discriminator when the tags overlap", () => {
    const { node } = normalize({ oneOf: [{ type: "object", properties: { k: { enum: ["a", "b"] } } }, { type: "object", properties: { k: { enum: ["b"] } } }] });
    expect(node).toMatchObject({ kind: "union", mode: "oneOf" });
    expect(node).not.toHaveProperty("discriminator");
  });

  it("expands a recursive $ref until it meets itself", () => {
    const node = { type: "object", properties: { name: { type: "string" }, children: { type: "array", items: { $ref: "#/N" } } } };
    const warnings: Diagnostic[] = [];
    const result = normalizeSchema({ $ref: "#/N" }, "/s", { file: "spec.json", warnings, resolveRef: (ref) => (ref === "#/N" ? node : undefined), refStack: [] });
    expect(result).toMatchObject({ kind: "object", properties: [{ name: "name" }, { name: "children", schema: { kind: "array", items: { kind: "unknown" } } }] });
    expect(warnings.map((w) => `${w.code} ${w.pointer}`)).toEqual(["recursive-ref /s/properties/children/items/$ref"]);
  });
});

describe("normalizeSchema: constructs it refuses, with the pointer", () => {
  it.each([
    [{ oneOf: [{ type: "string" }, { type: "boolean" }], anyOf: [{ type: "string" }, { type: "integer" }] }, "/s/anyOf", /oneOf` and `anyOf` on the same schema/],
    [{ type: "object", properties: { a: { anyOf: [] } } }, "/s/properties/a/anyOf", /anyOf/],
    [{ oneOf: [1, 2] }, "/s/oneOf", /non-empty array of schemas/],
    [{ type: "string", pattern: "(" }, "/s/pattern", /Invalid regular expression/],
    [{ type: "object", patternProperties: { "[": {} } }, "/s/patternProperties/[", /Invalid regular expression/],
    [{ type: "object", additionalProperties: 3 }, "/s/additionalProperties", /boolean or a schema/],
    [{ allOf: [{ type: "string" }, { type: "integer" }] }, "/s/allOf", /no value can satisfy/],
    [{ allOf: [{ type: "string", format: "date" }, { format: "date-time" }] }, "/s/allOf", /cannot be merged/],
    [{ type: "decimal" }, "/s/type", /Invalid type "decimal"/],
    [{ type: "string", enum: ["a", 1] }, "/s/enum", /not of the schema's type/],
    [{ enum: [] }, "/s/enum", /non-empty/],
    [{ type: "object", required: ["xy"], patternProperties: { "^x": { type: "string" }, "y$": { type: "string" } } }, "/s/required/0", /several patternProperties/],
    ["string", "/s", /Expected a schema object/],
    [{ type: "string", const: "a", enum: ["b"] }, "/s/enum", /No value can satisfy/],
    [{ type: "string", const: null }, "/s/const", /No value can satisfy/],
    [{ type: "number", enum: [Infinity, 1] }, "/s/enum", /not a finite number/],
    [{ type: "object", enum: [{ a: 1 }] }, "/s/enum", /objects or arrays/],
    [{ type: "array", const: [1] }, "/s/const", /objects or arrays/],
    [{ type: [] }, "/s/type", /empty list/],
    [{ type: "string", maxLength: -1 }, "/s/maxLength", /non-negative integer/],
    [{ type: "number", minimum: "low" }, "/s/minimum", /finite number/],
    [{ $ref: 5 }, "/s/$ref", /must be a string/],
    [{ type: "object", properties: null }, "/s/properties", /must be an object/],
    [JSON.parse('{"type":"object","properties":{"a":'.repeat(70) + "{}" + "}}".repeat(70)), "/s" + "/properties/a".repeat(65), /nested more than 64 levels/],
  ])("%j → error at %s", (schema, pointer, message) => {
    let caught: unknown;
    try {
      normalize(schema);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CobrowseGenError);
    const [diagnostic] = (caught as CobrowseGenError).diagnostics;
    expect(diagnostic?.pointer).toBe(pointer);
    expect(diagnostic?.file).toBe("spec.json");
    expect(diagnostic?.message).toMatch(message);
    expect(diagnostic?.hint).toBeTruthy();
  });
});
