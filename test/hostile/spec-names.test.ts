import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../src/index.js";
import { mergeSchemas } from "../../src/normalize/rules/all-of-merge.js";
import { checkValue } from "../../src/model/check-value.js";
import { MAX_LISTED_ENUM_VALUES, MAX_TYPED_ENUM_VALUES } from "../../src/model/model.js";
import { compilePackage } from "../support/compile.js";
import { importFrom, removeTempDirs, tempDir } from "../support/helpers.js";

/**
 * What spec names and values do to the package (issue 12, items 7 and 8): huge enums, long names, property names that
 * are Object.prototype's own (`__proto__`, `constructor`, ...), and keys the spec writes twice.
 */

afterAll(removeTempDirs);

type Json = Record<string, unknown>;

const webhook = (name: string, payload: Json) => ({
  post: {
    requestBody: {
      content: {
        "application/json": {
          schema: {
            type: "object",
            required: ["event", "payload"],
            properties: { event: { type: "string", enum: [name] }, payload },
            additionalProperties: false,
          },
        },
      },
    },
    responses: { "200": { description: "OK" } },
  },
});

/** Writes `text` (a spec) to a temporary folder and generates it there; returns the output folder and the result. */
async function generateText(text: string) {
  const dir = tempDir("cg-spec-names-");
  const spec = path.join(dir, "spec.json");
  writeFileSync(spec, text);
  const out = path.join(dir, "out");
  const result = await generate({ spec, outDir: out });
  return { out, spec, ...result };
}

const specText = (webhooks: Json) => JSON.stringify({ openapi: "3.1.0", info: { title: "Names", version: "1.0.0" }, webhooks }, null, 2);

describe("an enum of thousands of values (item 7)", async () => {
  const strings = Array.from({ length: 3000 }, (_, i) => `value_${i}`);
  const numbers = Array.from({ length: 3500 }, (_, i) => i * 2);
  const payload = {
    type: "object",
    required: ["kind", "code"],
    properties: { kind: { type: "string", enum: strings }, code: { type: "integer", enum: numbers } },
    additionalProperties: false,
  };
  const { out, warnings } = await generateText(specText({ "thing.happened": webhook("thing.happened", payload) }));
  const api = await importFrom<Record<string, any>>(path.join(out, "dist/index.js"));
  const event = (kind: unknown, code: unknown) => ({ event: "thing.happened", payload: { kind, code } });

  it("generates a package that compiles strictly", () => {
    expect(compilePackage(out)).toEqual({ sources: [], declarations: [] });
  });

  it("types the enums by their base type, with a warning at each", () => {
    const types = readFileSync(path.join(out, "src/types.ts"), "utf8");
    expect(types).toMatch(/kind: string;/);
    expect(types).toMatch(/code: number;/);
    expect(warnings.filter((w) => w.code === "large-enum").map((w) => w.pointer)).toEqual([
      "/webhooks/thing.happened/post/requestBody/content/application~1json/schema/properties/payload/properties/kind/enum",
      "/webhooks/thing.happened/post/requestBody/content/application~1json/schema/properties/payload/properties/code/enum",
    ]);
  });

  it.each([
    ["the first values", "value_0", 0, true],
    ["the last values", "value_2999", 6998, true],
    ["a string not listed", "value_3000", 0, false],
    ["a number not listed", "value_1", 1, false],
    ["a number as a string", "value_1", "2", false],
  ])("keeps exact guards: %s", (_, kind, code, ok) => {
    expect(api.validateWebhookEvent(event(kind, code)).ok).toBe(ok);
  });

  it("checks membership with a Set built once when the module loads", () => {
    const guards = readFileSync(path.join(out, "src/guards.ts"), "utf8");
    expect(guards.match(/^const ENUM_\d+: ReadonlySet<unknown> = new Set\(/gm)).toHaveLength(2);
  });

  it("lists a few values in EVENTS.md and in issue messages, and says how many more", () => {
    const docs = readFileSync(path.join(out, "EVENTS.md"), "utf8");
    expect(docs).toContain(`\`"value_${MAX_LISTED_ENUM_VALUES - 1}"\`, ... and ${3000 - MAX_LISTED_ENUM_VALUES} more`);
    expect(docs).not.toContain("value_2999");
    const result = api.validateWebhookEvent(event("nope", 0));
    expect(result.issues[0].message).toContain(`... and ${3000 - MAX_LISTED_ENUM_VALUES} more`);
    expect(result.issues[0].message.length).toBeLessThan(1000);
  });

  it(`covers ${MAX_TYPED_ENUM_VALUES} values with the fixtures' variants, not thousands`, async () => {
    const { fixtures } = await importFrom<{ fixtures: Record<string, { variants: unknown[] }> }>(path.join(out, "dist/fixtures.js"));
    expect(fixtures["thing.happened"]!.variants).toHaveLength(MAX_TYPED_ENUM_VALUES - 1);
    expect(readdirSync(path.join(out, "fixtures/thing.happened")).length).toBeLessThan(MAX_TYPED_ENUM_VALUES + 10);
  });
});

/** `"PROTO"` in a spec written with JSON.stringify becomes `"__proto__"`: JSON text can say what object literals cannot. */
const withProto = (text: string) => text.replaceAll('"PROTO"', '"__proto__"');

describe("Object.prototype's names as property and event names (item 8)", () => {
  const inner = { type: "object", required: ["x"], properties: { x: { type: "string" } }, additionalProperties: false };
  const forms: [string, Json][] = [
    ["in properties", { type: "object", required: ["id", "PROTO"], properties: { id: { type: "string" }, PROTO: inner }, additionalProperties: false }],
    [
      "added by a later allOf part",
      {
        allOf: [
          { type: "object", required: ["id"], properties: { id: { type: "string" } } },
          { type: "object", required: ["PROTO"], properties: { PROTO: inner } },
        ],
      },
    ],
    [
      "defined by two allOf parts",
      {
        allOf: [
          { type: "object", required: ["id", "PROTO"], properties: { id: { type: "string" }, PROTO: { type: "object" } } },
          { type: "object", properties: { PROTO: inner } },
        ],
      },
    ],
  ];

  it.each(forms)("a required __proto__ %s is typed, guarded, documented and in the fixtures", async (form, payload) => {
    const { out } = await generateText(withProto(specText({ "thing.happened": webhook("thing.happened", payload) })));
    const api = await importFrom<Record<string, any>>(path.join(out, "dist/index.js"));
    const { fixtures } = await importFrom<{ fixtures: Record<string, { full: Json; minimal: Json }> }>(path.join(out, "dist/fixtures.js"));
    const valid = JSON.parse('{"event":"thing.happened","payload":{"id":"a","__proto__":{"x":"y"}}}');
    expect(api.validateWebhookEvent(valid)).toMatchObject({ ok: true });
    const missing = { event: "thing.happened", payload: { id: "a" } };
    expect(api.validateWebhookEvent(missing)).toMatchObject({ ok: false, issues: [{ code: "missing_property", pointer: "/payload/__proto__" }] });
    const inherited = { event: "thing.happened", payload: Object.assign(Object.create({ x: "y" }), { id: "a" }) };
    expect(api.validateWebhookEvent(inherited).ok).toBe(false);
    expect(api.validateWebhookEvent(JSON.parse('{"event":"thing.happened","payload":{"id":"a","__proto__":{"x":1}}}'))).toMatchObject({
      ok: false,
      issues: [{ pointer: "/payload/__proto__/x", code: "invalid_type" }],
    });
    for (const fixture of [fixtures["thing.happened"]!.full, fixtures["thing.happened"]!.minimal]) {
      expect(Object.hasOwn(fixture.payload as object, "__proto__")).toBe(true);
      expect(Object.getPrototypeOf(fixture.payload)).toBe(Object.prototype);
    }
    const json = JSON.parse(readFileSync(path.join(out, "fixtures/thing.happened/minimal.json"), "utf8"));
    expect(Object.hasOwn(json.payload, "__proto__")).toBe(true);
    expect(readFileSync(path.join(out, "EVENTS.md"), "utf8")).toContain("`/payload/__proto__/x`");
    expect(readFileSync(path.join(out, "src/types.ts"), "utf8")).toMatch(/__proto__: \{\n\s+x: string;/);
    // A required `__proto__: T` in an interface is a property TypeScript requires (unlike in an object literal).
    if (form === forms[0]![0]) expect(compilePackage(out)).toEqual({ sources: [], declarations: [] });
  });

  it("constructor, hasOwnProperty, toString and valueOf work as property names and as event names", async () => {
    const names = ["constructor", "hasOwnProperty", "toString", "valueOf"];
    const payload = { type: "object", required: names, properties: Object.fromEntries(names.map((n) => [n, { type: "string" }])), additionalProperties: false };
    const { out } = await generateText(specText(Object.fromEntries(names.map((n) => [n, webhook(n, payload)]))));
    const api = await importFrom<Record<string, any>>(path.join(out, "dist/index.js"));
    const { fixtures } = await importFrom<{ fixtures: Record<string, { full: unknown }> }>(path.join(out, "dist/fixtures.js"));
    for (const name of names) {
      expect(api.validateWebhookEvent(fixtures[name]!.full), name).toMatchObject({ ok: true });
      expect(api.validateWebhookEvent({ event: name, payload: {} })).toMatchObject({ ok: false });
      expect(api.validateWebhookEvent({ event: name, payload: Object.fromEntries(names.map((n) => [n, "s"])) })).toMatchObject({ ok: true });
    }
    expect(api.webhookEventNames).toEqual(names);
    expect(compilePackage(out)).toEqual({ sources: [], declarations: [] });
  });
});

describe("allOf merging keeps spec keys as data (item 8)", () => {
  it.each([
    ["a __proto__ property only a later part defines", ['{"properties":{"a":{}}}', '{"properties":{"__proto__":{"type":"string"}}}'], "__proto__"],
    ["a constructor property only a later part defines", ['{"properties":{"a":{}}}', '{"properties":{"constructor":{"type":"string"}}}'], "constructor"],
    ["an unknown __proto__ keyword", ['{"type":"object"}', '{"__proto__":{"type":"string"}}'], undefined],
  ])("%s", (_, parts, property) => {
    const merged = mergeSchemas(parts.map((p) => JSON.parse(p)), "/allOf", { file: "spec.json", warnings: [] });
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    if (property === undefined) {
      expect(Object.hasOwn(merged, "__proto__")).toBe(true);
      return;
    }
    const properties = merged.properties as object;
    expect(Object.getPrototypeOf(properties)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(properties, property)?.value).toEqual({ type: "string" });
  });
});

describe("an example outside a huge enum (item 7)", () => {
  it("is reported with a few of the values, not all of them", () => {
    const node = { kind: "string", pointer: "", nullable: false, enum: Array.from({ length: 5000 }, (_, i) => `v${i}`) } as const;
    const [problem] = checkValue(node, "nope");
    expect(problem!.message).toBe(`expected one of [${node.enum.slice(0, MAX_LISTED_ENUM_VALUES).map((v) => JSON.stringify(v)).join(",")},... and ${5000 - MAX_LISTED_ENUM_VALUES} more]`);
    expect(checkValue({ ...node, enum: ["a", "b"] }, "c")[0]!.message).toBe('expected one of ["a","b"]');
  });
});
