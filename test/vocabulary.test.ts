import path from "node:path";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ValidateFunction } from "ajv";
import { generate } from "../src/index.js";
import { cloneJson, setAt } from "../src/synthesize/edit-json.js";
import type { SpecModel } from "../src/model/model.js";
import { importFrom, removeTempDirs, tempDir } from "./support/helpers.js";
import { compileOracle } from "./support/oracle.js";

/**
 * The JSON Schema 2020-12 vocabulary beyond what Zoom's specs use today (test/specs/vocabulary.json: unions, type
 * lists, mixed enums, allOf, tuples, patterns, additionalProperties as a schema, patternProperties, uint64, recursion,
 * and the keywords that are only warned about). The guards are compared with ajv on every fixture with every node
 * replaced by each of a bank of values.
 */
const VOCABULARY_SPEC = path.join(import.meta.dirname, "specs/vocabulary.json");

let model: SpecModel;
let warnings: readonly { code: string; pointer?: string }[];
let api: Record<string, any>;
let fixtures: Record<string, any>;
let invalidFixtures: Record<string, any[]>;
let oracle: Map<string, ValidateFunction>;
let types: string;

beforeAll(async () => {
  const out = path.join(tempDir("cg-vocabulary-"), "out");
  const result = await generate({ spec: VOCABULARY_SPEC, outDir: out });
  model = result.model;
  warnings = result.warnings;
  api = await importFrom(path.join(out, "dist/index.js"));
  ({ fixtures, invalidFixtures } = await importFrom<Record<string, any>>(path.join(out, "dist/fixtures.js")));
  oracle = compileOracle(model);
  types = readFileSync(path.join(out, "src/types.ts"), "utf8");
});
afterAll(removeTempDirs);

const BODY = "/webhooks/vocab.{e}/post/requestBody/content/application~1json/schema/properties";

describe("vocabulary: what is enforced, and what is only warned about", () => {
  it("warns once per construct it does not enforce or rewrites, each at its pointer", () => {
    const list = warnings.map((w) => `${w.code} ${w.pointer}`).sort();
    expect(list).toEqual(
      [
        `rule:nullable-keyword ${BODY.replace("{e}", "unions")}/payload/properties/maybe/nullable`,
        // The recursive schema is written once, in components: its warning points there.
        "recursive-ref /components/schemas/Node/properties/children/items/$ref",
        `rule:all-of-merge ${BODY.replace("{e}", "unions")}/payload/properties/merged/allOf`,
        `rule:single-variant-union ${BODY.replace("{e}", "unions")}/payload/properties/single/anyOf`,
        `unsupported-keyword ${BODY.replace("{e}", "ignored")}/conditional/if`,
        `unsupported-keyword ${BODY.replace("{e}", "ignored")}/conditional/then`,
        `unsupported-keyword ${BODY.replace("{e}", "ignored")}/not_admin/not`,
        `unsupported-keyword ${BODY.replace("{e}", "ignored")}/tags/uniqueItems`,
      ].sort(),
    );
  });

  it("types unions, type lists, mixed enums, tuples and maps", () => {
    expect(types).toContain('mixed: "a" | 1 | true;');
    expect(types).toMatch(/level: \(\("low" \| "high"\) \| \(1 \| 2 \| 3\)\) \| null;/);
    expect(types).toMatch(/pair: \[string, number\];/);
    expect(types).toMatch(/row: \[string\?, \.\.\.number\[\]\];/);
    expect(types).toMatch(/labels: \{\s*\[key: string\]: string;\s*\};/);
    expect(types).toMatch(/kind: "circle";\s*radius: number;\s*\}\s*\|\s*\{\s*(\/\*\*[^*]*\*\/)?\s*kind: "rect" \| "square";/);
  });

  it("switches on a discriminator instead of trying each variant", () => {
    const shape = model.events.find((e) => e.name === "vocab.unions")!.body.properties.find((p) => p.name === "payload")!.schema;
    const node = shape.kind === "object" ? shape.properties.find((p) => p.name === "shape")!.schema : undefined;
    expect(node).toMatchObject({ kind: "union", mode: "oneOf", discriminator: { property: "kind", cases: [{ value: "circle", variant: 0 }, { value: "rect", variant: 1 }, { value: "square", variant: 1 }] } });
    // An optional tag still decides when present; an object without it is tried against every variant.
    const location = shape.kind === "object" ? shape.properties.find((p) => p.name === "location")!.schema : undefined;
    expect(location).toMatchObject({ kind: "union", mode: "oneOf", discriminator: { property: "location_type" } });
    const id = shape.kind === "object" ? shape.properties.find((p) => p.name === "id")!.schema : undefined;
    expect(id).toMatchObject({ kind: "union", mode: "anyOf" });
    expect(id).not.toHaveProperty("discriminator");
  });
});

describe("vocabulary: fixtures", () => {
  it("every valid fixture passes the guards and ajv; every invalid one fails as labelled, for ajv too", () => {
    for (const event of model.events) {
      const set = fixtures[event.name];
      for (const value of [set.minimal, set.full, ...set.variants]) {
        expect(api.validateWebhookEvent(value), event.name).toMatchObject({ ok: true });
        expect(oracle.get(event.name)!(value), `ajv: ${event.name}`).toBe(true);
      }
      expect(invalidFixtures[event.name]!.length).toBeGreaterThan(5);
      for (const fixture of invalidFixtures[event.name]!) {
        const result = api.validateWebhookEvent(fixture.value);
        expect(result.ok, `${event.name} ${fixture.name}`).toBe(false);
        expect(result.issues.map((i: { pointer: string; code: string }) => ({ pointer: i.pointer, code: i.code })), `${event.name} ${fixture.name}`).toEqual(fixture.expected);
        if (fixture.name !== "unknown-event") expect(oracle.get(event.name)!(fixture.value), `ajv: ${event.name} ${fixture.name}`).toBe(false);
      }
    }
  });

  it("covers every union variant and every pattern", () => {
    const full = fixtures["vocab.unions"];
    const shapes = [full.full, ...full.variants].map((v: any) => v.payload.shape.kind);
    expect(new Set(shapes)).toEqual(new Set(["circle", "rect", "square"]));
    expect(fixtures["vocab.collections"].full.payload.code).toMatch(/^[A-Z]{3}-\d{4}$/);
    expect(fixtures["vocab.collections"].full.payload.slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    const labels = invalidFixtures["vocab.unions"]!.map((f) => f.name);
    expect(labels).toEqual(expect.arrayContaining(["wrong-type-payload-shape", "missing-payload-shape-radius", "wrong-type-payload-id"]));
  });
});

const BANK: unknown[] = [
  null, true, false, 0, 7, -1, 1.5, 2 ** 53 + 2, "", "text", "ABC-1234", "abc-12", "low", "a", "2025-04-01T12:00:00Z", "2025-04-01",
  [], ["x"], ["x", 1], ["x", 1, 2], ["2025-04-01", 1.5], {}, { kind: "circle", radius: 1 }, { kind: "circle", radius: -1 },
  { kind: "rect", width: 1, height: 2 }, { kind: "square", radius: 1 }, { location_type: "zoom" }, { location_type: "phone", info: "x" },
  { id: "x" }, { id: "x", extra: 1 }, { "x-a": "b" }, { "x-a": 1 }, { host: "h", y: 1 }, { a: "abc", b: 3 }, { a: "abcdefg", b: 3 }, { name: "n", children: [1] },
];

/** Every path into `value`, the root excluded. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = at.length > 0 ? [at] : [];
  if (Array.isArray(value)) value.forEach((item, index) => out.push(...paths(item, [...at, index])));
  else if (typeof value === "object" && value !== null) for (const [key, child] of Object.entries(value)) out.push(...paths(child, [...at, key]));
  return out;
}

const pointerOf = (p: readonly (string | number)[]) => p.map((t) => "/" + String(t).replace(/~/g, "~0").replace(/\//g, "~1")).join("");

describe("vocabulary: differential against ajv", () => {
  it("gives ajv's verdict for every node of every fixture replaced by every value of the bank", () => {
    let total = 0;
    for (const event of model.events) {
      const ajv = oracle.get(event.name)!;
      const validate = api[`validate${event.typeName}`] as (v: unknown, o?: unknown) => any;
      const is = api[`is${event.typeName}`] as (v: unknown, o?: unknown) => boolean;
      const set = fixtures[event.name];
      for (const base of [set.minimal, set.full, ...set.variants]) {
        for (const at of paths(base)) {
          if (at[0] === "event") continue;
          for (const replacement of BANK) {
            const value = cloneJson(base);
            setAt(value, at, cloneJson(replacement));
            total++;
            const label = `${event.name} ${pointerOf(at)} = ${JSON.stringify(replacement)}`;
            const ours = validate(value);
            const theirs = ajv(value);
            expect(is(value), label).toBe(ours.ok);
            if (event.name === "vocab.ignored" || pointerOf(at).includes("/tree/children/")) {
              // Ignored keywords and the recursion point: the guards accept at least what ajv accepts.
              if (theirs) expect(ours.ok, label).toBe(true);
            } else {
              expect(ours.ok, `${label}: ajv says ${theirs}`).toBe(theirs);
            }
            if (!ours.ok) {
              const target = pointerOf(at);
              expect(
                ours.issues.some((i: { pointer: string }) => i.pointer.startsWith(target) || target.startsWith(i.pointer)),
                `${label}: ${JSON.stringify(ours.issues)}`,
              ).toBe(true);
            }
            const allowed = validate(value, { unknownProperties: "allow" });
            if (ours.ok) expect(allowed.ok, label).toBe(true);
            expect(is(value, { unknownProperties: "allow" }), label).toBe(allowed.ok);
          }
        }
      }
    }
    expect(total).toBeGreaterThan(2000);
  });

  it("reports a oneOf that matches two variants, and descends into the variant a tag or a type names", () => {
    const base = cloneJson(fixtures["vocab.unions"].full);
    const both = cloneJson(base);
    setAt(both, ["payload", "location"], {});
    expect(api.validateWebhookEvent(both)).toMatchObject({ ok: false, issues: [{ code: "invalid_union", pointer: "/payload/location", message: expect.stringMatching(/Matches 2 of the schemas/) }] });
    const tagged = cloneJson(base);
    setAt(tagged, ["payload", "shape"], { kind: "rect", width: "wide", height: 1 });
    expect(api.validateWebhookEvent(tagged)).toMatchObject({ ok: false, issues: [{ code: "invalid_type", pointer: "/payload/shape/width" }] });
    const typed = cloneJson(base);
    setAt(typed, ["payload", "id"], 0);
    expect(api.validateWebhookEvent(typed)).toMatchObject({ ok: false, issues: [{ code: "too_small", pointer: "/payload/id" }] });
  });
});
