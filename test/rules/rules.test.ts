import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/errors.js";
import { DOCUMENT_RULES, SCHEMA_RULES, applyDocumentRules, applySchemaRules } from "../../src/rules/index.js";
import { refIntoPaths } from "../../src/rules/ref-into-paths.js";
import { typeAliases, typeEnumList } from "../../src/rules/type-aliases.js";

const ctx = () => ({ file: "spec.json", warnings: [] as Diagnostic[] });

describe("the rules run in a fixed, named order", () => {
  it("lists every rule once, by name", () => {
    expect(DOCUMENT_RULES.map((r) => r.name)).toEqual(["ref-into-paths"]);
    expect(SCHEMA_RULES.map((r) => r.name)).toEqual(["type-enum-list", "type-alias"]);
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
