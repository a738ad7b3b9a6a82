import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FORMAT_RULES } from "../src/emit/emit-json-schemas.js";
import { buildPackage } from "../src/index.js";
import { CHECKED_FORMATS } from "../src/keywords/check-format.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { validateWebhookEvent } from "cobrowse-sdk-webhooks";
import { fixtures } from "cobrowse-sdk-webhooks/fixtures";
import { checkJsonSchemas, createSchemaAjv } from "./support/json-schemas.js";
import { KITCHEN_SINK_SPEC, ROOT, SPEC } from "./support/helpers.js";

const HOSTILE = path.join(ROOT, "test/hostile/cases");
const require = createRequire(path.join(ROOT, "package.json"));

// ajv-formats is CommonJS with a default export; under NodeNext its callable is on `.default`.
type AddFormats = (ajv: Ajv2020, formats: string[]) => Ajv2020;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as AddFormats;

/**
 * ajv leaves a schema's property named `__proto__` out of `properties` (allSchemaProperties in ajv's
 * vocabularies/code.js), so it accepts an invalid `__proto__` value the schema rejects: ajv's limitation, not the
 * schema's. Every other disagreement is a failure.
 */
const ajvProtoLimitation = (line: string) => /\/invalid\/[^/:]*__proto__[^/:]*\.json: schemas\/\S+ accepted$/.test(line);

describe("schemas/: the guards' contract as JSON Schema 2020-12", () => {
  it.each([
    ["the vendored spec", SPEC, {}],
    ["the kitchen sink", KITCHEN_SINK_SPEC, {}],
    ["the keyword vocabulary", path.join(ROOT, "test/specs/vocabulary.json"), {}],
    ["an unsafe pattern, annotated", path.join(HOSTILE, "05-pattern-exponential-annotated.json"), { unsafePatterns: "annotate" as const }],
    ["unsafe patternProperties, annotated", path.join(HOSTILE, "05-pattern-properties-annotated.json"), { unsafePatterns: "annotate" as const }],
  ])("%s: ajv compiles every schema, and accepts every valid fixture and rejects every invalid one", async (_, spec, options) => {
    const { model, files } = await buildPackage({ spec, ...options });
    const check = checkJsonSchemas(files);
    expect(check.disagreements.filter((line) => !ajvProtoLimitation(line))).toEqual([]);
    expect(check.warnings).toEqual([]);
    expect(check.compiled).toBe(model.events.length + 1);
    expect(check.valid).toBeGreaterThanOrEqual(model.events.length);
    expect(check.invalid).toBeGreaterThan(0);
  });

  it("the files' $comment defines every format the guards check", () => {
    expect(Object.keys(FORMAT_RULES)).toEqual(Object.keys(CHECKED_FORMATS));
  });

  it("every schema has the dialect and an $id unique to the package, its version and the file", async () => {
    const { model, files } = await buildPackage({ spec: KITCHEN_SINK_SPEC, packageName: "@scope/a-name", packageVersion: "2.0.0-beta.1" });
    const schemas = files.filter((f) => f.path.startsWith("schemas/")).map((f) => [f.path, JSON.parse(f.contents)] as const);
    expect(schemas.map(([p]) => p)).toEqual([...model.events.map((e) => `schemas/${e.fileName}.json`), "schemas/index.json"].sort());
    for (const [file, schema] of schemas) {
      expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
      expect(schema.$id).toBe(`urn:npm:%40scope%2Fa-name:2.0.0-beta.1:${file}`);
    }
  });

  it("a pattern the guards do not check is not in the schema's pattern, but in a $comment", async () => {
    for (const [spec, pattern] of [
      ["05-pattern-exponential-annotated.json", "^(a+)+$"],
      ["05-pattern-properties-annotated.json", undefined],
    ] as const) {
      const { files } = await buildPackage({ spec: path.join(HOSTILE, spec), unsafePatterns: "annotate" });
      const texts = files.filter((f) => f.path.startsWith("schemas/") && f.path !== "schemas/index.json").map((f) => f.contents);
      expect(texts.join("")).not.toMatch(/"pattern(Properties)?":/);
      expect(texts.join(""), spec).toMatch(/"\$comment": "[^"]*(Pattern|patternProperties)[^"]*not checked by the guards/);
      if (pattern !== undefined) expect(texts.join("")).toContain(JSON.stringify(pattern).slice(1, -1));
    }
  });

  it("is exported by the installed package: <pkg>/schemas/<file>.json resolves and is the generated file", () => {
    const index = require.resolve("cobrowse-sdk-webhooks/schemas/index.json");
    expect(path.relative(ROOT, index)).toBe(path.join("generated", "schemas", "index.json"));
    const event = require("cobrowse-sdk-webhooks/schemas/cobrowse.session_started.json") as { $id: string };
    expect(event.$id).toMatch(/^urn:npm:cobrowse-sdk-webhooks:[^:]+:schemas\/cobrowse\.session_started\.json$/);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "generated/package.json"), "utf8")) as { files: string[] };
    expect(pkg.files).toContain("schemas");
  });

  // Why the test registers the guards' date-time: ajv-formats' accepts these, the guards and the schema (as its
  // $comment defines the format) do not.
  it.each(["2025-04-01 12:22:26Z", "2025-04-01T12:22:26+0100", "2025-04-01T12:22:26+01"])(
    "a date-time the guards reject, %s, fails the schema, though ajv-formats' date-time accepts it",
    (time) => {
      const schema = require("cobrowse-sdk-webhooks/schemas/cobrowse.session_started.json") as { $id: string };
      const base = fixtures["cobrowse.session_started"].full;
      const value = { ...base, payload: { ...base.payload, object: { ...base.payload.object, start_time: time } } };
      expect(validateWebhookEvent(value).ok).toBe(false);
      expect(createSchemaAjv([schema]).validate(schema.$id, value)).toBe(false);
      const lenient = new Ajv2020({ strict: false });
      addFormats(lenient, ["date-time"]);
      expect(lenient.validate(schema, value)).toBe(true);
    },
  );
});
