import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkTypes } from "../src/verify/check-types.js";
import { emitEventsMd } from "../src/emit/emit-events-md.js";
import { emitFixtureFiles, emitFixturesModule } from "../src/emit/emit-fixtures.js";
import { describeExpected, emitGuards } from "../src/emit/emit-guards.js";
import { emitIndex } from "../src/emit/emit-index.js";
import { emitJsonSchemas } from "../src/emit/emit-json-schemas.js";
import { emitPackageJson } from "../src/emit/emit-package-json.js";
import { emitReadme } from "../src/emit/emit-readme.js";
import { emitTypes } from "../src/emit/emit-types.js";
import { toJsonSchema } from "../src/model/to-json-schema.js";
import { literal as literalNode, printExpression } from "../src/emit/write-code.js";
import { emitSources, generate } from "../src/index.js";
import { loadRuntime } from "../src/load/load-runtime.js";
import { loadSpec } from "../src/load/load-spec.js";
import type { SchemaNode, SpecModel } from "../src/model/model.js";
import { assignFileNames } from "../src/model/naming.js";
import { normalizeSpec } from "../src/normalize/normalize-spec.js";
import { synthesizeSpec, type SynthesizedSpec } from "../src/synthesize/synthesize-fixtures.js";
import { KITCHEN_SINK_SPEC, importFrom, readTree, removeTempDirs, tempDir } from "./support/helpers.js";

afterAll(removeTempDirs);

async function modelOf(spec: string): Promise<SynthesizedSpec> {
  return synthesizeSpec(normalizeSpec(await loadSpec(spec), { runtimeExports: (await loadRuntime()).exportNames }).model, spec);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

describe("each emitter is a pure function of the model returning { path, contents } (a module: its source and its dist/ files)", () => {
  const emitters: [string, (m: SynthesizedSpec) => unknown, string[]][] = [
    ["emitTypes", emitTypes, ["src/types.ts", "dist/types.js", "dist/types.d.ts"]],
    ["emitGuards", emitGuards, ["src/guards.ts", "dist/guards.js", "dist/guards.d.ts"]],
    ["emitFixturesModule", emitFixturesModule, ["src/fixtures.ts", "dist/fixtures.js", "dist/fixtures.d.ts"]],
    ["emitIndex", emitIndex, ["src/index.ts", "dist/index.js", "dist/index.d.ts"]],
    ["emitPackageJson", emitPackageJson, ["package.json"]],
    ["emitReadme", emitReadme, ["README.md"]],
    [
      "emitFixtureFiles",
      emitFixtureFiles,
      ["example.json", "example-2.json", "minimal.json", "full.json", "full-2.json", "full-3.json", "full-4.json"].map((f) => `fixtures/sink.everything/${f}`),
    ],
    ["emitEventsMd", emitEventsMd, ["EVENTS.md"]],
    ["emitJsonSchemas", emitJsonSchemas, ["schemas/sink.everything.json", "schemas/sink.open.json", "schemas/index.json"]],
  ];

  it.each(emitters)("%s", async (_, emit, paths) => {
    const model = deepFreeze(await modelOf(KITCHEN_SINK_SPEC));
    const first = emit(model);
    const files = (Array.isArray(first) ? first : [first]) as { path: string; contents: string }[];
    // Fixture files: the valid ones first, then the invalid catalogue (checked in fixtures.test.ts).
    expect(files.map((f) => f.path).filter((p) => !p.includes("/invalid/") && !p.startsWith("fixtures/sink.open/"))).toEqual(paths);
    for (const file of files) expect(file.contents.length).toBeGreaterThan(0);
    expect(emit(model)).toEqual(first);
  });
});

describe("emitter details", () => {
  it.each<[SchemaNode, string]>([
    [{ kind: "string", pointer: "", nullable: false }, "string"],
    [{ kind: "string", pointer: "", nullable: true, format: "date-time" }, "string (date-time) | null"],
    [{ kind: "string", pointer: "", nullable: false, enum: ["a", 'b"'] }, '"a" | "b\\""'],
    [{ kind: "integer", pointer: "", nullable: false, format: "int64" }, "integer (int64)"],
    [{ kind: "boolean", pointer: "", nullable: false, enum: [true] }, "true"],
    [{ kind: "unknown", pointer: "", nullable: false }, "any value"],
    [{ kind: "array", pointer: "", nullable: false, items: { kind: "unknown", pointer: "", nullable: false } }, "array"],
  ])("describeExpected(%j) = %s", (node, expected) => {
    expect(describeExpected(node)).toBe(expected);
  });

  it.each<[SchemaNode, unknown]>([
    [{ kind: "string", pointer: "", nullable: true, enum: ["a"], description: "d" }, { description: "d", type: ["string", "null"], enum: ["a", null] }],
    [
      { kind: "object", pointer: "", nullable: false, additionalProperties: false, properties: [{ name: "x", required: true, schema: { kind: "null", pointer: "", nullable: false } }] },
      { type: "object", properties: { x: { type: "null" } }, required: ["x"], additionalProperties: false },
    ],
    [{ kind: "unknown", pointer: "", nullable: false, default: 3 }, { default: 3 }],
  ])("toJsonSchema(%j)", (node, schema) => {
    expect(toJsonSchema(node)).toEqual(schema);
  });

  it.each([
    [{ a: 1 }, "{ a: 1 }"],
    [{ ["__proto__"]: { x: [null, true] } }, '{ ["__proto__"]: { x: [null, true] } }'],
    ["</script>\u2028", "\"</script>\\u2028\""],
  ])("a JSON value as a literal: %j", (value, literal) => {
    const parsed = typeof value === "object" ? JSON.parse(JSON.stringify(value)) : value;
    expect(printExpression(literalNode(parsed))).toBe(literal);
    // eslint-disable-next-line no-new-func
    expect(new Function(`return ${literal};`)()).toEqual(parsed);
  });

  it("keeps fixture folder names safe and unique", () => {
    expect(Object.fromEntries(assignFileNames(["cobrowse.session_started", "../../etc", "a/b", "A_b", "..", ""]))).toEqual({
      "": "_",
      "..": "_..",
      "../../etc": ".._.._etc",
      A_b: "A_b",
      "a/b": "a_b-2",
      "cobrowse.session_started": "cobrowse.session_started",
    });
  });

  it("--type-check reports generated code that does not compile as a cobrowse-gen bug", () => {
    expect(() => checkTypes([{ path: "src/index.ts", contents: "export const x: number = 'no';" }])).toThrow(/does not compile \(a cobrowse-gen bug/);
    expect(() => checkTypes([{ path: "src/index.ts", contents: "export const x: number = 1;" }])).not.toThrow();
  });

});

describe("spec strings cannot break out of the generated code", () => {
  const EVIL = 'evil */ "quote" \'single\' `tick` ${injected} \\ </script> \u2028 end';
  const spec = {
    openapi: "3.1.0",
    info: { title: `Evil */ <!-- --> "Title"`, version: "1.0.0", description: EVIL },
    webhooks: {
      [`evil."name"*/\`\${x}\``]: {
        post: {
          summary: EVIL,
          requestBody: {
            description: EVIL,
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["event", EVIL],
                  additionalProperties: false,
                  properties: {
                    event: { type: "string", enum: [`evil."name"*/\`\${x}\``], description: EVIL },
                    [EVIL]: { type: "string", enum: [EVIL, "*/", "\n"], description: EVIL, default: EVIL },
                    "../../escape": { type: "string" },
                  },
                },
                examples: {
                  [EVIL]: { summary: EVIL, value: JSON.stringify({ event: `evil."name"*/\`\${x}\``, [EVIL]: EVIL, "../../escape": "ok" }) },
                },
              },
            },
          },
        },
      },
      ["__proto__"]: {
        post: { requestBody: { content: { "application/json": { schema: { type: "object", properties: { event: { type: "string", enum: ["__proto__"] } }, required: ["event"] }, example: { event: "__proto__" } } } } },
      },
      "../../outside": {
        post: { requestBody: { content: { "application/json": { schema: { type: "object", properties: { event: { type: "string", enum: ["../../outside"] } }, required: ["event"] } } } } },
      },
    },
  };

  it("generates a package that compiles and validates the hostile example, writing only inside --out", async () => {
    const dir = tempDir("cg-evil-");
    const file = path.join(dir, "evil.json");
    writeFileSync(file, JSON.stringify(spec));
    const out = path.join(dir, "out", "pkg");
    const result = await generate({ spec: file, outDir: out });
    expect(result.model.events.map((e) => e.fileName)).toEqual([".._.._outside", "__proto__", "evil._name______x__"]);
    expect([...readTree(path.join(dir, "out")).keys()].every((p) => p.startsWith("pkg/"))).toBe(true);
    expect(existsSync(path.join(dir, "outside"))).toBe(false);

    const api = await importFrom<any>(path.join(out, "dist/index.js"));
    const { fixtures } = await importFrom<any>(path.join(out, "dist/fixtures.js"));
    const example = fixtures[`evil."name"*/\`\${x}\``].example;
    expect(example[EVIL]).toBe(EVIL);
    expect(api.validateWebhookEvent(example)).toMatchObject({ ok: true });
    expect(api.validateWebhookEvent({ ...example, [EVIL]: "other" })).toMatchObject({
      ok: false,
      issues: [{ code: "invalid_enum", path: [EVIL] }],
    });
    expect(api.webhookEventNames).toEqual(["../../outside", "__proto__", `evil."name"*/\`\${x}\``]);
    expect(Object.prototype.hasOwnProperty.call(fixtures, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(fixtures)).toBe(Object.prototype);
    expect(api.validateWebhookEvent(fixtures["__proto__"].example)).toMatchObject({ ok: true });
  });

  it("every emitter output of the hostile model still parses (the banner and JSDoc are escaped)", async () => {
    const dir = tempDir("cg-evil-");
    const file = path.join(dir, "evil.json");
    writeFileSync(file, JSON.stringify(spec));
    const files = emitSources(await modelOf(file), await loadRuntime());
    for (const f of files.filter((x) => x.path.endsWith(".json"))) expect(() => JSON.parse(f.contents)).not.toThrow();
    const readme = files.find((f) => f.path === "README.md")!.contents;
    expect(readme.split("\n")[0]).toMatch(/^<!-- .* -->$/);
    expect(readme.split("\n")[0]!.slice(4, -3)).not.toContain("--");
  });
});
