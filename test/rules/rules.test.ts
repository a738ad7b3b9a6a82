import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/errors.js";
import { DOCUMENT_RULES, SCHEMA_RULES, applyDocumentRules, applySchemaRules } from "../../src/normalize/rules/index.js";
import { refIntoPaths } from "../../src/normalize/rules/ref-into-paths.js";
import { typeAliases, typeEnumList } from "../../src/normalize/rules/type-aliases.js";
import { allOfMerge, singleVariantUnion } from "../../src/normalize/rules/all-of-merge.js";
import { missingType } from "../../src/normalize/rules/infer-missing-type.js";
import { mayAcceptNull, nullableKeyword } from "../../src/normalize/rules/rewrite-nullable-keyword.js";
import { unreachableEnumValue } from "../../src/normalize/rules/drop-unreachable-null.js";
import { requiredNotDefined } from "../../src/normalize/rules/drop-undefined-required.js";
import { exclusiveBoundBoolean, misplacedBound } from "../../src/normalize/rules/repair-bounds.js";

const ctx = () => ({ file: "spec.json", warnings: [] as Diagnostic[] });

describe("the rules run in a fixed, named order", () => {
  it("lists every rule once, by name", () => {
    expect(DOCUMENT_RULES.map((r) => r.name)).toEqual(["ref-into-paths"]);
    expect(SCHEMA_RULES.map((r) => r.name)).toEqual([
      "keyword-in-properties",
      "type-enum-list",
      "type-alias",
      "numeric-string-keyword",
      "array-enum-to-items",
      "single-variant-union",
      "all-of-merge",
      "missing-type",
      "nullable-keyword",
      "unreachable-enum-value",
      "required-not-defined",
      "misplaced-bound",
      "exclusive-bound-boolean",
    ]);
    for (const rule of [...DOCUMENT_RULES, ...SCHEMA_RULES]) expect(rule.description.length).toBeGreaterThan(20);
  });
});

describe("rule ref-into-paths (in → out)", () => {
  const event = { post: { requestBody: { content: { "application/json": { schema: { properties: { a: { type: "string" }, b: { $ref: "#/paths/x.y/post/requestBody/content/application~1json/schema/properties/a" } } } } } } } };

  it("points a dangling #/paths ref at the same place under #/webhooks, with a warning at the ref", () => {
    const c = ctx();
    const document = { webhooks: { "x.y": structuredClone(event) } };
    applyDocumentRules(document, c);
    expect(document.webhooks["x.y"].post.requestBody.content["application/json"].schema.properties.b).toEqual({
      $ref: "#/webhooks/x.y/post/requestBody/content/application~1json/schema/properties/a",
    });
    expect(c.warnings).toMatchObject([{ code: "rule:ref-into-paths", pointer: "/webhooks/x.y/post/requestBody/content/application~1json/schema/properties/b/$ref" }]);
  });

  it.each([
    ["a ref that resolves under #/paths (the docs-page form)", { paths: { "x.y": structuredClone(event) } }],
    ["a ref that resolves nowhere", { webhooks: { "x.z": structuredClone(event) } }],
  ])("leaves %s alone", (_, document) => {
    const c = ctx();
    const before = structuredClone(document);
    refIntoPaths.apply(document, c);
    expect(document).toEqual(before);
    expect(c.warnings).toEqual([]);
  });
});

describe("rules type-alias and type-enum-list (in → out)", () => {
  it.each([
    [{ type: "long", description: "d" }, { type: "integer", format: "int64", description: "d" }],
    [{ type: "int" }, { type: "integer", format: "int32" }],
    [{ type: "double" }, { type: "number", format: "double" }],
    [{ type: "datetime" }, { type: "string", format: "date-time" }],
    [{ type: "Long", format: "int32" }, { type: "integer", format: "int32" }],
    [{ type: "enum, country┃states┃city" }, { type: "string", enum: ["country", "states", "city"] }],
    [{ type: "enum, a | b" }, { type: "string", enum: ["a", "b"] }],
    [{ type: "enum, a┃b", enum: ["a"] }, { type: "string", enum: ["a"] }],
  ])("%j → %j, with one warning at /s/type", (input, output) => {
    const c = ctx();
    expect(applySchemaRules(input, "/s", c)).toEqual(output);
    expect(c.warnings).toHaveLength(1);
    expect(c.warnings[0]).toMatchObject({ pointer: "/s/type", code: expect.stringMatching(/^rule:type-/) });
  });

  it.each([{ type: "string" }, { type: ["integer", "null"] }, { enum: ["a"] }, {}])("leaves %j alone", (schema) => {
    const c = ctx();
    expect(typeAliases.apply(schema, "/s", c)).toBe(schema);
    expect(typeEnumList.apply(schema, "/s", c)).toBe(schema);
    expect(c.warnings).toEqual([]);
  });
});

describe("rules numeric-string-keyword and array-enum-to-items (in → out)", () => {
  it.each([
    [{ type: "integer", minimum: "1", maximum: "10" }, { type: "integer", minimum: 1, maximum: 10 }, 2],
    [{ type: "string", maxLength: " 64 " }, { type: "string", maxLength: 64 }, 1],
    [{ type: "array", enum: ["English", "German"], items: { type: "string" } }, { type: "array", items: { type: "string", enum: ["English", "German"] } }, 1],
    [{ type: "array", enum: ["a"] }, { type: "array", items: { enum: ["a"] } }, 1],
  ])("%j → %j", (input, output, warnings) => {
    const c = ctx();
    expect(applySchemaRules(input, "/s", c)).toEqual(output);
    expect(c.warnings).toHaveLength(warnings);
  });

  it.each([
    { type: "integer", minimum: "one" },
    { type: "array", enum: [["a"]] },
    { type: "array", enum: ["a"], items: { enum: ["b"] } },
  ])("leaves %j alone", (schema) => {
    const c = ctx();
    expect(applySchemaRules(schema, "/s", c)).toEqual(schema);
    expect(c.warnings).toEqual([]);
  });
});

describe("rule keyword-in-properties (in → out)", () => {
  it("moves a type name, an additionalProperties boolean and a required list up to the object", () => {
    const c = ctx();
    const input = { properties: { type: "object", additionalProperties: false, required: ["a"], a: { type: "string" } } };
    expect(applySchemaRules(input, "/s", c)).toEqual({ type: "object", additionalProperties: false, required: ["a"], properties: { a: { type: "string" } } });
    expect(c.warnings.map((w) => w.pointer)).toEqual(["/s/properties/type", "/s/properties/additionalProperties", "/s/properties/required"]);
  });

  it("keeps real properties named type or items", () => {
    const c = ctx();
    const input = { type: "object", properties: { type: { type: "string", enum: ["a"] }, items: { type: "array" } } };
    expect(applySchemaRules(input, "/s", c)).toEqual(input);
    expect(c.warnings).toEqual([]);
  });
});

describe("rule single-variant-union (in → out)", () => {
  it.each([
    [{ anyOf: [{ type: "string", maxLength: 3 }] }, { type: "string", maxLength: 3 }, "/s/anyOf"],
    [{ description: "d", oneOf: [{ type: "object", description: "inner", properties: { a: { type: "string" } } }] }, { description: "d", type: "object", properties: { a: { type: "string" } } }, "/s/oneOf"],
    [{ type: "object", required: ["a"], anyOf: [{ properties: { a: { type: "string" } } }] }, { type: "object", required: ["a"], properties: { a: { type: "string" } } }, "/s/anyOf"],
  ])("%j → %j, with one warning", (input, output, pointer) => {
    const c = ctx();
    expect(singleVariantUnion.apply(input, "/s", c)).toEqual(output);
    expect(c.warnings).toMatchObject([{ code: "rule:single-variant-union", pointer }]);
  });

  it.each([{ anyOf: [{ type: "string" }, { type: "integer" }] }, { oneOf: [] }, { type: "string" }])("leaves %j alone", (schema) => {
    const c = ctx();
    expect(singleVariantUnion.apply(schema, "/s", c)).toBe(schema);
    expect(c.warnings).toEqual([]);
  });
});

describe("rule all-of-merge (in → out)", () => {
  it.each([
    [
      "objects: properties and required united, a shared property's schemas combined",
      { allOf: [{ type: "object", required: ["a"], properties: { a: { type: "string" } } }, { required: ["b"], properties: { b: { type: "integer" }, a: { maxLength: 5 } } }] },
      { type: "object", required: ["a", "b"], properties: { a: { allOf: [{ type: "string" }, { maxLength: 5 }] }, b: { type: "integer" } } },
    ],
    [
      "types intersected, bounds tightened, enums intersected, first description kept",
      { description: "outer", allOf: [{ type: ["number", "null"], minimum: 1, maximum: 10, enum: [1, 2, 3] }, { type: "integer", minimum: 2, enum: [2, 3, 4], description: "inner" }] },
      { description: "outer", type: "integer", minimum: 2, maximum: 10, enum: [2, 3] },
    ],
    [
      "nested allOf flattened",
      { allOf: [{ allOf: [{ type: "string" }, { minLength: 1 }] }, { maxLength: 9 }] },
      { type: "string", minLength: 1, maxLength: 9 },
    ],
  ])("%s", (_, input, output) => {
    const c = ctx();
    expect(allOfMerge.apply(input as never, "/s", c)).toEqual(output);
    // One warning per allOf in the file, inner ones first.
    const inner = JSON.stringify(input).includes('"allOf":[{"allOf"') ? [{ code: "rule:all-of-merge", pointer: "/s/allOf/0/allOf" }] : [];
    expect(c.warnings).toMatchObject([...inner, { code: "rule:all-of-merge", pointer: "/s/allOf" }]);
  });

  it("says so when a closed part meets properties from another part", () => {
    const c = ctx();
    const out = allOfMerge.apply({ allOf: [{ type: "object", additionalProperties: false, properties: { a: { type: "string" } } }, { properties: { b: { type: "string" } } }] }, "/s", c);
    expect(out).toEqual({ type: "object", additionalProperties: false, properties: { a: { type: "string" }, b: { type: "string" } } });
    expect(c.warnings).toMatchObject([{ code: "rule:all-of-merge", pointer: "/s/allOf", message: expect.stringMatching(/closed .* "b"/) }]);
  });

  it("leaves a schema without allOf alone", () => {
    const c = ctx();
    const schema = { type: "string" };
    expect(allOfMerge.apply(schema, "/s", c)).toBe(schema);
    expect(c.warnings).toEqual([]);
  });
});

describe("rule missing-type (in → out)", () => {
  it.each([
    [{ properties: { a: { type: "string" } } }, { type: "object", properties: { a: { type: "string" } } }, "object"],
    [{ additionalProperties: false }, { type: "object", additionalProperties: false }, "object"],
    [{ required: ["a"], description: "d" }, { type: "object", required: ["a"], description: "d" }, "object"],
    [{ items: { type: "string" } }, { type: "array", items: { type: "string" } }, "array"],
    [{ properties: {}, items: {} }, { type: "object", properties: {}, items: {} }, "object"],
    // Typed first, then made nullable (rule nullable-keyword, after it).
    [{ properties: {}, nullable: true }, { type: ["object", "null"], properties: {} }, "object"],
  ])("%j → %j, with one warning at the schema", (input, output, type) => {
    const c = ctx();
    expect(applySchemaRules(input, "/s", c)).toEqual(output);
    expect(c.warnings.filter((w) => w.code === "rule:missing-type")).toMatchObject([{ pointer: "/s", message: expect.stringContaining(`read as "${type}"`) }]);
  });

  it.each([
    { type: "string", properties: {} },
    { enum: ["a"], properties: {} },
    { const: 1, items: {} },
    { anyOf: [{ type: "string" }, { type: "integer" }], properties: {} },
    { $ref: "#/components/schemas/Self", properties: {} },
    { description: "any value" },
    { prefixItems: [{ type: "string" }] },
    { properties: null },
  ])("leaves %j alone", (schema) => {
    const c = ctx();
    expect(missingType.apply(schema, "/s", c)).toBe(schema);
    expect(c.warnings).toEqual([]);
  });
});

describe("rule nullable-keyword (in → out)", () => {
  it.each([
    ["null is added to a type", { type: "string", format: "date-time", nullable: true }, { type: ["string", "null"], format: "date-time" }],
    ["and to a type list", { type: ["string", "integer"], nullable: true }, { type: ["string", "integer", "null"] }],
    ["and to the enum beside it", { type: "string", enum: ["a", "b"], nullable: true }, { type: ["string", "null"], enum: ["a", "b", null] }],
    ["a const becomes an enum with null", { type: "integer", const: 3, nullable: true }, { type: ["integer", "null"], enum: [3, null] }],
    ["an enum without type gets null", { enum: ["a", 1], nullable: true }, { enum: ["a", 1, null] }],
    ["a const without type too", { const: "a", nullable: true }, { enum: ["a", null] }],
    ["a type that allows null already: dropped", { type: ["string", "null"], nullable: true }, { type: ["string", "null"] }],
    ["the null type: dropped", { type: "null", nullable: true }, { type: "null" }],
    ["values that allow null already: dropped", { enum: ["a", null], nullable: true }, { enum: ["a", null] }],
    ["a schema that accepts any value: dropped", { description: "d", nullable: true }, { description: "d" }],
    [
      "a union gets a null variant",
      { description: "d", oneOf: [{ type: "string" }, { type: "integer" }], nullable: true },
      { description: "d", oneOf: [{ type: "string" }, { type: "integer" }, { type: "null" }] },
    ],
    [
      "a union's constraints are merged into its variants first (they would refuse null); ignored keywords stay",
      { type: "object", discriminator: { propertyName: "k" }, anyOf: [{ properties: { a: { type: "string" } } }, { properties: { b: { type: "string" } } }], nullable: true },
      { discriminator: { propertyName: "k" }, anyOf: [{ type: "object", properties: { a: { type: "string" } } }, { type: "object", properties: { b: { type: "string" } } }, { type: "null" }] },
    ],
    [
      "a oneOf with a variant that may take null: null beside the oneOf, not in it",
      { description: "d", oneOf: [{ type: ["string", "null"] }, { type: "integer" }], nullable: true },
      { description: "d", anyOf: [{ type: "null" }, { oneOf: [{ type: ["string", "null"] }, { type: "integer" }] }] },
    ],
    [
      "an anyOf with such a variant takes the null variant all the same (null passes either way)",
      { anyOf: [{ type: ["string", "null"] }, { type: "integer" }], nullable: true },
      { anyOf: [{ type: ["string", "null"] }, { type: "integer" }, { type: "null" }] },
    ],
  ])("%s: %j → %j, with one warning at /s/nullable", (_, input, output) => {
    const c = ctx();
    expect(nullableKeyword.apply(input as never, "/s", c)).toEqual(output);
    expect(c.warnings).toMatchObject([{ code: "rule:nullable-keyword", pointer: "/s/nullable" }]);
  });

  it("drops nullable: false (3.0's default, which says nothing) without a warning, as it was always read", () => {
    const c = ctx();
    expect(nullableKeyword.apply({ type: "string", nullable: false }, "/s", c)).toEqual({ type: "string" });
    expect(c.warnings).toEqual([]);
  });

  it.each([
    { type: "string" },
    { $ref: "#/components/schemas/Self", nullable: true },
    { type: "decimal", nullable: true },
    { type: [], nullable: true },
    { oneOf: [], nullable: true },
    { oneOf: [{ type: "string" }], anyOf: [{ type: "string" }], nullable: true },
    { enum: [], nullable: true },
    { const: { a: 1 }, nullable: true },
    { const: "a", enum: ["b"], nullable: true },
  ])("leaves %j alone (a $ref's siblings are not read; the rest normalize-schema refuses)", (schema) => {
    const c = ctx();
    expect(nullableKeyword.apply(schema as never, "/s", c)).toBe(schema);
    expect(c.warnings).toEqual([]);
  });

  it.each([
    [true, true],
    [{}, true],
    [{ description: "d" }, true],
    [{ type: "string" }, false],
    [{ type: ["string", "null"] }, true],
    [{ type: "string", nullable: true }, true],
    [{ properties: {} }, false],
    [{ items: {} }, false],
    [{ enum: ["a"] }, false],
    [{ enum: ["a", null] }, true],
    [{ $ref: "#/x" }, true],
    [{ allOf: [{ type: "string" }] }, true],
    [{ anyOf: [{ type: "string" }, { type: "integer" }] }, false],
    [{ anyOf: [{ type: "string" }, { enum: [null] }] }, true],
    [{ type: ["null"], anyOf: [{ properties: {} }, {}] }, true],
    [{ type: "object", anyOf: [{ nullable: true }, {}] }, true],
  ])("a variant %j may take null: %s", (schema, expected) => {
    expect(mayAcceptNull(schema)).toBe(expected);
  });
});

describe("rule unreachable-enum-value (in → out)", () => {
  it.each([
    [{ type: "string", enum: ["a", null] }, { type: "string", enum: ["a"] }],
    [{ type: ["integer"], enum: [null, 1, 2] }, { type: ["integer"], enum: [1, 2] }],
    [{ type: "number", enum: [1.5, null], description: "d" }, { type: "number", enum: [1.5], description: "d" }],
  ])("%j → %j, with one warning at /s/enum", (input, output) => {
    const c = ctx();
    expect(unreachableEnumValue.apply(input, "/s", c)).toEqual(output);
    expect(c.warnings).toMatchObject([{ code: "rule:unreachable-enum-value", pointer: "/s/enum" }]);
  });

  it.each([
    { type: ["string", "null"], enum: ["a", null] },
    { enum: ["a", null] },
    { type: "string", enum: ["a"] },
    { type: "string", enum: [null] },
    { type: "string", const: null },
    { type: "string", const: "a", enum: ["a", null] },
    { type: "boolean", const: true, enum: [true, null] },
    { type: ["string", "integer"], enum: ["a", 1, null] },
    { anyOf: [{ type: "string" }, { type: "integer" }], type: "string", enum: ["a", null] },
  ])("leaves %j alone (null allowed; nothing left, which normalize-schema refuses; not this schema's values; split per type)", (schema) => {
    const c = ctx();
    expect(unreachableEnumValue.apply(schema, "/s", c)).toBe(schema);
    expect(c.warnings).toEqual([]);
  });
});

describe("rule required-not-defined (in → out)", () => {
  it.each([
    [
      { type: "object", additionalProperties: false, required: ["a", "ghost", "b"], properties: { a: {}, b: {} } },
      { type: "object", additionalProperties: false, required: ["a", "b"], properties: { a: {}, b: {} } },
      ["/s/required/1"],
    ],
    [{ type: ["object", "null"], additionalProperties: false, required: ["ghost", "spirit"] }, { type: ["object", "null"], additionalProperties: false }, ["/s/required/0", "/s/required/1"]],
    [{ type: ["object", "string"], additionalProperties: false, required: ["ghost"], properties: {} }, { type: ["object", "string"], additionalProperties: false, properties: {} }, ["/s/required/0"]],
  ])("%j → %j, with a warning per name", (input, output, pointers) => {
    const c = ctx();
    expect(requiredNotDefined.apply(input, "/s", c)).toEqual(output);
    expect(c.warnings.map((w) => `${w.code} ${w.pointer}`)).toEqual(pointers.map((p) => `rule:required-not-defined ${p}`));
  });

  it.each([
    { type: "object", required: ["ghost"], properties: {} },
    { type: "object", additionalProperties: false, required: ["a"], properties: { a: {} } },
    { type: "object", additionalProperties: {}, required: ["ghost"] },
    { type: "string", additionalProperties: false, required: ["ghost"] },
    { additionalProperties: false, required: ["ghost"], anyOf: [{ type: "object" }, { type: "object", properties: {} }] },
    { type: "object", additionalProperties: false, required: "ghost" },
    { type: "object", additionalProperties: false, required: ["x-ghost"], patternProperties: { "^x-": { type: "string" } } },
  ])("leaves %j alone (an open object's name, or one a pattern defines, is a property normalize-schema types; a union's variants are judged one by one)", (schema) => {
    const c = ctx();
    expect(requiredNotDefined.apply(schema, "/s", c)).toBe(schema);
    expect(c.warnings).toEqual([]);
  });
});

describe("rules misplaced-bound and exclusive-bound-boolean (in → out)", () => {
  it.each([
    [{ type: "string", maximum: 3, minLength: 1 }, { type: "string", minLength: 1 }, ["rule:misplaced-bound /s/maximum"]],
    [{ type: "object", minItems: 1, maxLength: 2 }, { type: "object" }, ["rule:misplaced-bound /s/maxLength", "rule:misplaced-bound /s/minItems"]],
    [{ enum: [true, false], minimum: 1 }, { enum: [true, false] }, ["rule:misplaced-bound /s/minimum"]],
    [{ type: "integer", minimum: 5, exclusiveMinimum: true }, { type: "integer", exclusiveMinimum: 5 }, ["rule:exclusive-bound-boolean /s/exclusiveMinimum"]],
    [
      { type: "number", minimum: 0, exclusiveMinimum: false, maximum: 1, exclusiveMaximum: true },
      { type: "number", minimum: 0, exclusiveMaximum: 1 },
      ["rule:exclusive-bound-boolean /s/exclusiveMaximum"],
    ],
    [{ type: ["string", "integer"], minimum: 5, exclusiveMinimum: true }, { type: ["string", "integer"], exclusiveMinimum: 5 }, ["rule:exclusive-bound-boolean /s/exclusiveMinimum"]],
    [{ type: "integer", exclusiveMinimum: true }, { type: "integer" }, []],
    // On a string the pair is one misplaced maximum; the boolean beside it then says nothing.
    [{ type: "string", maximum: 3, exclusiveMaximum: true }, { type: "string" }, ["rule:misplaced-bound /s/maximum"]],
  ])("%j → %j", (input, output, warnings) => {
    const c = ctx();
    expect(applySchemaRules(input, "/s", c)).toEqual(output);
    expect(c.warnings.map((w) => `${w.code} ${w.pointer}`)).toEqual(warnings);
  });

  it.each([
    { type: "integer", minimum: 1, maximum: 3 },
    { type: ["string", "integer"], maxLength: 3, minimum: 1 },
    { type: ["string", "boolean"], minimum: 5, exclusiveMinimum: true },
    { maxLength: 3, minimum: 5, exclusiveMinimum: true },
    { type: "string", maximum: "high" },
    { anyOf: [{ type: "string" }, { type: "integer" }], maxLength: 3, minimum: 5, exclusiveMinimum: true },
    { type: ["string", "null"], enum: [null], maxItems: 2 },
  ])("leaves %j alone (split per type, any value, refused later, or read through its variants)", (schema) => {
    const c = ctx();
    expect(misplacedBound.apply(schema, "/s", c)).toBe(schema);
    expect(exclusiveBoundBoolean.apply(schema, "/s", c)).toBe(schema);
    expect(c.warnings).toEqual([]);
  });
});
