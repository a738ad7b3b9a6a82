import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../src/errors.js";
import { loadSpecText } from "../src/load/load-spec.js";
import { checkValue } from "../src/model/check-value.js";
import { normalizeSpec } from "../src/normalize/normalize-spec.js";
import { MAX_ARRAY_ITEMS, MAX_FIXTURE_SIZE, MAX_STRING_LENGTH } from "../src/synthesize/fixture-limits.js";
import { synthesizeSpec, type SynthesizedSpec } from "../src/synthesize/synthesize-fixtures.js";

/** A spec whose one event carries `payload.thing` (required unless `optional`), with a fixed other field beside it. */
function specText(thing: unknown, optional = false): string {
  return JSON.stringify({
    openapi: "3.1.0",
    info: { title: "Limits", version: "1.0.0" },
    webhooks: {
      "thing.happened": {
        post: {
          requestBody: {
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["event", "payload"],
                  properties: {
                    event: { type: "string", enum: ["thing.happened"] },
                    payload: { type: "object", required: optional ? ["id"] : ["id", "thing"], properties: { id: { type: "string" }, thing } },
                  },
                },
              },
            },
          },
          responses: { "200": { description: "OK" } },
        },
      },
    },
  });
}

const AT = "/webhooks/thing.happened/post/requestBody/content/application~1json/schema/properties/payload/properties/thing";

async function synthesize(thing: unknown, optional = false): Promise<{ spec: SynthesizedSpec; warnings: Diagnostic[] }> {
  const { model } = normalizeSpec(await loadSpecText(specText(thing, optional), "spec.json"));
  const warnings: Diagnostic[] = [];
  return { spec: synthesizeSpec(model, "spec.json", warnings), warnings };
}

const size = (value: unknown) => JSON.stringify(value).length;

describe("fixture synthesis stays within its limits", () => {
  it.each([
    ["a required string of minLength 1e8 (V8 crashed)", { type: "string", minLength: 100_000_000 }, `${AT}/minLength`],
    ["a required array of minItems 1e8 (minutes, 2.4 GB)", { type: "array", items: { type: "string" }, minItems: 100_000_000 }, `${AT}/minItems`],
    ["a required array of minItems 200000 (93 MB written)", { type: "array", items: { type: "string" }, minItems: 200_000 }, `${AT}/minItems`],
    [
      "nested arrays of 3000 × 3000 (ran for minutes)",
      { type: "array", minItems: 3000, items: { type: "array", minItems: 3000, items: { type: "integer" } } },
      `${AT}/items`,
    ],
  ])("%s: the spec's error, exit 2 at the bound, before anything large is built", async (_, thing, pointer) => {
    await expect(synthesize(thing)).rejects.toMatchObject({ name: "CobrowseGenError", diagnostics: [{ code: "fixture-too-large", pointer }] });
  });

  it.each([
    ["minLength 1e8", { type: "string", minLength: 100_000_000 }, `${AT}/minLength`],
    ["minItems 1e8", { type: "array", items: { type: "string" }, minItems: 100_000_000 }, `${AT}/minItems`],
  ])("an optional property with %s is left out of full, with a warning at the bound", async (_, thing, pointer) => {
    const { spec, warnings } = await synthesize(thing, true);
    const { full, minimal } = spec.events[0]!.fixtures;
    expect((full as { payload: object }).payload).not.toHaveProperty("thing");
    expect(minimal).toBeDefined();
    expect(warnings).toEqual([expect.objectContaining({ code: "fixture-too-large", pointer })]);
    expect(warnings[0]!.hint).toBeTruthy();
  });

  it.each([
    ["maxLength 1e9 (exit 3: one character too long)", { type: "string", maxLength: 1_000_000_000 }, `${AT}/maxLength`],
    ["maxItems 1e9 (V8 crashed)", { type: "array", items: { type: "string" }, maxItems: 1_000_000_000 }, `${AT}/maxItems`],
    ["maxItems 20000", { type: "array", items: { type: "string" }, maxItems: 20_000 }, `${AT}/maxItems`],
  ])("%s: the too-big invalid fixture is skipped with a warning; the rest is written", async (_, thing, pointer) => {
    const { spec, warnings } = await synthesize(thing);
    const { invalid } = spec.events[0]!.fixtures;
    expect(invalid.map((f) => f.name)).not.toContain("too-big-payload-thing");
    expect(invalid.map((f) => f.name)).toContain("missing-payload-thing");
    expect(warnings).toEqual([expect.objectContaining({ code: "fixture-too-large", pointer })]);
  });

  it("a bound within the limits gets the smallest satisfying value, and its invalid fixtures", async () => {
    const { spec, warnings } = await synthesize({ type: "string", minLength: 5000, maxLength: 5000 });
    const { full, invalid } = spec.events[0]!.fixtures;
    expect((full as { payload: { thing: string } }).payload.thing).toHaveLength(5000);
    expect(invalid.map((f) => f.name)).toEqual(expect.arrayContaining(["too-small-payload-thing", "too-big-payload-thing"]));
    expect(warnings).toEqual([]);
  });

  it("a limit itself is allowed: a string of MAX_STRING_LENGTH characters", async () => {
    const { spec, warnings } = await synthesize({ type: "string", minLength: MAX_STRING_LENGTH });
    expect((spec.events[0]!.fixtures.full as { payload: { thing: string } }).payload.thing).toHaveLength(MAX_STRING_LENGTH);
    expect(warnings).toEqual([]);
  });

  it("no fixture is larger than MAX_FIXTURE_SIZE, however the arrays nest", async () => {
    const { spec, warnings } = await synthesize(
      { type: "array", minItems: 2, items: { type: "array", minItems: MAX_ARRAY_ITEMS, items: { type: "string", minLength: 60 } } },
      true,
    );
    const { full, invalid } = spec.events[0]!.fixtures;
    for (const value of [full, ...invalid.map((f) => f.value)]) expect(size(value)).toBeLessThanOrEqual(MAX_FIXTURE_SIZE);
    expect(warnings.map((w) => w.code)).toContain("fixture-too-large");
  });

  it("a pattern that asks for 1e8 characters is exit 2 at the schema, not a crash", async () => {
    await expect(synthesize({ type: "string", pattern: "^a{100000000}$" })).rejects.toMatchObject({ name: "CobrowseGenError", diagnostics: [{ pointer: AT }] });
  });
});

describe("numeric bounds at the edges of doubles", () => {
  it.each([
    ["minimum 0, exclusiveMaximum 1e-300 (exit 3 before)", { type: "number", minimum: 0, exclusiveMaximum: 1e-300 }],
    ["exclusiveMinimum 1e-300 alone", { type: "number", exclusiveMinimum: 1e-300, maximum: 1e-299 }],
    ["minimum 1e308", { type: "number", minimum: 1e308 }],
    ["integer minimum 1e308", { type: "integer", minimum: 1e308 }],
    ["maximum -MAX_VALUE", { type: "number", maximum: -Number.MAX_VALUE }],
    ["exclusiveMinimum just below MAX_VALUE", { type: "number", exclusiveMinimum: 1.7976931348623155e308 }],
    ["integer exclusiveMinimum 1e308", { type: "integer", exclusiveMinimum: 1e308 }],
    ["multipleOf 1e-300 (not enforced)", { type: "number", multipleOf: 1e-300 }],
  ])("%s: every valid fixture is valid", async (_, thing) => {
    const { spec } = await synthesize(thing);
    const { minimal, full, variants, invalid } = spec.events[0]!.fixtures;
    const body = spec.events[0]!.body;
    for (const value of [minimal, full, ...variants]) expect(checkValue(body, value)).toEqual([]);
    for (const fixture of invalid) expect(checkValue(body, fixture.value)).toHaveLength(1);
  });

  it.each([
    ["an integer between 0.2 and 0.8", { type: "integer", minimum: 0.2, maximum: 0.8 }],
    ["minimum MAX_VALUE below exclusiveMaximum MAX_VALUE", { type: "number", minimum: Number.MAX_VALUE, exclusiveMaximum: Number.MAX_VALUE }],
    ["exclusiveMinimum 1 and exclusiveMaximum 1", { type: "number", exclusiveMinimum: 1, exclusiveMaximum: 1 }],
    ["an int32 of at least 1e308", { type: "integer", format: "int32", minimum: 1e308 }],
  ])("%s: no value exists, the spec's error at the schema (exit 3 before)", async (_, thing) => {
    await expect(synthesize(thing)).rejects.toMatchObject({ name: "CobrowseGenError", diagnostics: [{ code: "unsatisfiable-schema", pointer: AT }] });
  });
});
