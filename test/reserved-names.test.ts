import { writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../src/index.js";
import { loadRuntime } from "../src/load/load-runtime.js";
import type { SpecModel } from "../src/model/model.js";
import { GENERATED_EXPORTS, splitWords, toPascalIdentifier } from "../src/model/naming.js";
import { STRICT } from "./support/compile.js";
import { ROOT, removeTempDirs, tempDir } from "./support/helpers.js";

/**
 * Every name the runtime exports, and every name the generated files declare, is one a spec could produce: a shape
 * under a property `verify_options` is named `VerifyOptions` unless that is taken. A name that collides makes
 * `export *` in the package index ambiguous (TS2308) or shadows an import. Here a spec asks for all of them.
 */


const runtime = await loadRuntime();
const reserved = new Set([...GENERATED_EXPORTS, ...runtime.exportNames]);

/** The property name that names a shape `name` (`VerifyOptions` ← `verify_options`), where there is one. */
function propertyFor(name: string): string | undefined {
  const property = splitWords(name)
    .map((w) => w.toLowerCase())
    .join("_");
  return toPascalIdentifier(property) === name ? property : undefined;
}

const wanted = [...reserved].filter((name) => propertyFor(name) !== undefined).sort();

/** A distinct object per name (identical shapes would share one name), under `payload.<property>`. */
const payload = {
  type: "object",
  properties: Object.fromEntries(
    wanted.map((name) => {
      const property = propertyFor(name)!;
      return [property, { type: "object", properties: { [`${property}_id`]: { type: "string" } } }];
    }),
  ),
};

const webhook = (name: string, body: Record<string, unknown> = {}) => ({
  post: {
    requestBody: {
      content: {
        "application/json": {
          schema: {
            type: "object",
            required: ["event"],
            properties: { event: { type: "string", enum: [name] }, ...body },
          },
        },
      },
    },
  },
});

const spec = {
  openapi: "3.1.0",
  info: { title: "Reserved Names", version: "1.0.0" },
  webhooks: {
    // Each shape occurs in both events: a repeated shape gets a name of its own.
    "a.one": webhook("a.one", { payload }),
    "b.two": webhook("b.two", { payload }),
    // Event type names: `WebhookEvent` is the package's union, `UnknownWebhookEvent` a runtime type.
    webhook: webhook("webhook"),
    "unknown.webhook": webhook("unknown.webhook"),
  },
};

function exportsOf(program: ts.Program, file: string): string[] {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file)!;
  return checker
    .getExportsOfModule(checker.getSymbolAtLocation(source)!)
    .map((s) => s.name)
    .sort();
}

/** What the Cobrowse package exports from an entry point, the names of its own events and shapes aside. */
function fixedExports(entry: string, cobrowse: ts.Program): string[] {
  return exportsOf(cobrowse, path.join(ROOT, "generated/src", `${entry}.ts`)).filter((name) => !name.includes("CobrowseSession"));
}

let out: string;
let model: SpecModel;

beforeAll(async () => {
  const dir = tempDir("cg-reserved-");
  writeFileSync(path.join(dir, "spec.json"), JSON.stringify(spec));
  out = path.join(dir, "pkg");
  ({ model } = await generate({ spec: path.join(dir, "spec.json"), outDir: out }));
});
afterAll(removeTempDirs);

describe("a spec whose shapes and events are named like every reserved name", () => {
  it("asks for every name the runtime exports that a shape can have", () => {
    // PascalCase runtime exports; the rest (makeIssue, OBJECT_PROTOTYPE, ...) cannot be a type name.
    const pascal = [...runtime.exportNames].filter((name) => /^[A-Z][a-z]/.test(name) && !name.includes("_"));
    expect(pascal.filter((name) => !wanted.includes(name))).toEqual([]);
    expect(wanted).toEqual(expect.arrayContaining(["VerifyOptions", "ValidationIssue", "WebhookHandlerOptions", "StandardSchemaV1"]));
  });

  it("gives no event or shape a reserved name", () => {
    const names = [
      ...model.events.flatMap((e) => [e.typeName, `is${e.typeName}`, `validate${e.typeName}`]),
      ...model.namedTypes.map((t) => t.name),
    ];
    expect(names.filter((name) => reserved.has(name))).toEqual([]);
    expect(model.events.map((e) => e.typeName)).toEqual(["AOneEvent", "BTwoEvent", "UnknownWebhookEvent2", "WebhookEvent2"]);
    // One named shape per reserved name asked for (each renamed, none merged with another), and the payload.
    const shapes = model.namedTypes.map((t) => t.name);
    expect(shapes).toHaveLength(wanted.length + 1);
    expect(shapes).toContain("AOneVerifyOptions");
  });

  it("compiles under tsc --strict, and exports exactly the package API plus its own events and shapes", () => {
    const files = ["index", "fixtures"].map((f) => path.join(out, "src", `${f}.ts`));
    const program = ts.createProgram({ rootNames: files, options: STRICT });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(errors).toEqual([]);

    const cobrowse = ts.createProgram({ rootNames: ["index", "fixtures"].map((f) => path.join(ROOT, "generated/src", `${f}.ts`)), options: STRICT });
    const events = model.events.map((e) => e.typeName);
    const index = [
      ...fixedExports("index", cobrowse),
      ...events.flatMap((t) => [t, `is${t}`, `validate${t}`]),
      ...model.namedTypes.map((t) => t.name),
    ].sort();
    const fixtures = [...fixedExports("fixtures", cobrowse), ...events.map((t) => `build${t}`)].sort();
    expect(exportsOf(program, files[0]!)).toEqual(index);
    expect(exportsOf(program, files[1]!)).toEqual(fixtures);
  });

  it("reserves every name the package exports for every spec (so a new export cannot collide unnoticed)", () => {
    const cobrowse = ts.createProgram({ rootNames: ["index", "fixtures"].map((f) => path.join(ROOT, "generated/src", `${f}.ts`)), options: STRICT });
    const fixed = [...fixedExports("index", cobrowse), ...fixedExports("fixtures", cobrowse)];
    expect(fixed.filter((name) => !reserved.has(name))).toEqual([]);
  });

  it("keeps the runtime's internals out of the package API", () => {
    const cobrowse = ts.createProgram({ rootNames: ["index", "fixtures"].map((f) => path.join(ROOT, "generated/src", `${f}.ts`)), options: STRICT });
    const fixed = new Set([...fixedExports("index", cobrowse), ...fixedExports("fixtures", cobrowse)]);
    for (const name of ["makeIssue", "escapeToken", "readMode", "run", "hasOwn", "createHandler", "buildFixture", "sha256", "hmacHex"]) {
      expect(fixed.has(name), name).toBe(false);
    }
  });
});
