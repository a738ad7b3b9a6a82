import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPackage, checkOutput, generate, hasDrift } from "../src/index.js";
import type { EventModel, ObjectSchema, SchemaNode } from "../src/model/model.js";
import type * as Generated from "../generated/src/index.js";
import { STRICT, compile, compilePackage } from "./support/compile.js";
import { KITCHEN_SINK_SPEC, ROOT, SPEC, importFrom, readTree, removeTempDirs, tempDir } from "./support/helpers.js";

const GENERATED = path.join(ROOT, "generated");
type Api = typeof Generated;
let cobrowse: Api;
let sink: Api;
let sinkDir: string;
let cobrowseEvents: readonly EventModel[];
let sinkEvents: readonly EventModel[];
let cobrowseExamples: Record<string, unknown>;

beforeAll(async () => {
  sinkDir = path.join(tempDir(), "sink");
  const [built, sinkBuilt] = await Promise.all([buildPackage({ spec: SPEC }), generate({ spec: KITCHEN_SINK_SPEC, outDir: sinkDir })]);
  cobrowseEvents = built.model.events;
  sinkEvents = sinkBuilt.model.events;
  cobrowse = await importFrom<Api>(path.join(GENERATED, "dist/index.js"));
  sink = await importFrom<Api>(path.join(sinkDir, "dist/index.js"));
  const { fixtures } = await importFrom<{ fixtures: Record<string, { example: unknown }> }>(path.join(GENERATED, "dist/fixtures.js"));
  cobrowseExamples = Object.fromEntries(Object.entries(fixtures).map(([name, set]) => [name, set.example]));
});
afterAll(removeTempDirs);

describe("generated/ is committed and fresh", () => {
  it("matches what the current generator writes for specs/webhooks.json, byte for byte", async () => {
    const built = await buildPackage({ spec: SPEC });
    const drift = await checkOutput(GENERATED, built.files);
    expect(drift).toEqual({ changed: [], added: [], removed: [] });
    expect(hasDrift(drift)).toBe(false);
  });
});

describe("the package compiles under tsc --strict --exactOptionalPropertyTypes --noUncheckedIndexedAccess", () => {
  it("generated/src and generated/dist (ES2022 and web-standard globals only: no Node.js typings)", () => {
    expect(compilePackage(GENERATED)).toEqual({ sources: [], declarations: [] });
  });

  it("the kitchen-sink package (arrays, nullable, open objects, prototype-named keys)", () => {
    expect(compilePackage(sinkDir)).toEqual({ sources: [], declarations: [] });
  });

  it("a consumer importing the package by name through its exports compiles and runs", () => {
    const project = tempDir("cg-consumer-");
    writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "consumer", type: "module", private: true }));
    mkdirSync(path.join(project, "node_modules/@types"), { recursive: true });
    symlinkSync(GENERATED, path.join(project, "node_modules/cobrowse-sdk-webhooks"), "dir");
    symlinkSync(path.join(ROOT, "node_modules/@types/node"), path.join(project, "node_modules/@types/node"), "dir");
    copyFileSync(path.join(ROOT, "test/consumer/consumer.ts"), path.join(project, "consumer.ts"));
    const errors = compile([path.join(project, "consumer.ts")], {
      ...STRICT,
      noEmit: false,
      outDir: path.join(project, "out"),
      types: ["node"],
      typeRoots: [path.join(project, "node_modules/@types")],
      noUnusedLocals: true,
    });
    expect(errors).toEqual([]);
    const output = execFileSync(process.execPath, [path.join(project, "out/consumer.js")], { cwd: project, encoding: "utf8" });
    expect(output.trim()).toBe("consumer ok");
  });
});

describe("the consumer file covers the whole public API", () => {
  it("imports every export (types and values) of both entry points", () => {
    const entries = { "cobrowse-sdk-webhooks": "index", "cobrowse-sdk-webhooks/fixtures": "fixtures" };
    const program = ts.createProgram({ rootNames: Object.values(entries).map((f) => path.join(GENERATED, "src", `${f}.ts`)), options: STRICT });
    const checker = program.getTypeChecker();
    const consumer = ts.createSourceFile("consumer.ts", readFileSync(path.join(ROOT, "test/consumer/consumer.ts"), "utf8"), ts.ScriptTarget.ES2022);
    for (const [specifier, file] of Object.entries(entries)) {
      const source = program.getSourceFile(path.join(GENERATED, "src", `${file}.ts`))!;
      const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!).map((s) => s.name).sort();
      const imported = consumer.statements
        .filter((st): st is ts.ImportDeclaration => ts.isImportDeclaration(st) && (st.moduleSpecifier as ts.StringLiteral).text === specifier)
        .flatMap((st) => {
          const bindings = st.importClause?.namedBindings;
          return bindings && ts.isNamedImports(bindings) ? bindings.elements.map((e) => e.name.text) : [];
        })
        .sort();
      expect(imported, specifier).toEqual(exported);
    }
  });
});

describe("the package has zero runtime dependencies and uses no Node-only API", () => {
  it("package.json: no dependencies, ESM, types first in every export, side-effect free", () => {
    const pkg = JSON.parse(readFileSync(path.join(GENERATED, "package.json"), "utf8"));
    expect(pkg.dependencies).toBeUndefined();
    expect(pkg.peerDependencies).toBeUndefined();
    expect(pkg).toMatchObject({ name: "cobrowse-sdk-webhooks", type: "module", sideEffects: false });
    for (const [subpath, target] of Object.entries<Record<string, string> | string>(pkg.exports)) {
      if (typeof target === "string") continue;
      expect(Object.keys(target)[0], subpath).toBe("types");
      expect(statSync(path.join(GENERATED, target.default!)).isFile()).toBe(true);
      expect(statSync(path.join(GENERATED, target.types!)).isFile()).toBe(true);
    }
  });

  it("package.json `files` covers every generated file (the writer only replaces what it lists)", async () => {
    const pkg = JSON.parse(readFileSync(path.join(GENERATED, "package.json"), "utf8"));
    for (const file of (await buildPackage({ spec: KITCHEN_SINK_SPEC })).files.map((f) => f.path)) {
      const covered = file === "package.json" || pkg.files.some((entry: string) => file === entry || file.startsWith(entry + "/"));
      expect(covered, file).toBe(true);
    }
  });

  it("dist imports nothing but its own files, and reaches Node.js only through an optional global lookup", () => {
    for (const [file, text] of readTree(path.join(GENERATED, "dist"))) {
      const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
      const specifiers = [...code.matchAll(/\b(?:from|import)\s*\(?\s*"([^"]+)"/g)].map((m) => m[1]);
      for (const specifier of specifiers) expect(specifier, file).toMatch(/^\.\//);
      expect(code, file).not.toMatch(/\brequire\(|\bBuffer\.|\b__dirname\b/);
      // The one Node.js API: node:crypto, looked up as globalThis.process?.getBuiltinModule where the runtime has it.
      const bareProcess = [...code.matchAll(/(.{0,11})\bprocess\b/g)].filter((m) => !m[1]!.endsWith("globalThis."));
      expect(bareProcess.map((m) => m[0]), file).toEqual([]);
    }
  });

  it("every generated file starts with the do-not-edit banner (JSON data files excepted; a JSON Schema file has it in $comment)", () => {
    for (const [file, text] of readTree(GENERATED)) {
      if (file.startsWith("fixtures/")) continue;
      expect(text.slice(0, 300), file).toMatch(/^(\/\*\*\n \* |<!-- |\{\n {2}"(\/\/|\$comment)": ")Generated by cobrowse-gen from the OpenAPI spec \\?"Cobrowse SDK\\?" \(version 1\.0\.0\)\.[\s\S]*Do not edit/);
    }
  });
});

/** Closed objects and required properties of a body, with the JSON pointer of each in the payload. */
function walkObjects(node: SchemaNode, pointerPath: string[], visit: (object: ObjectSchema, at: string[]) => void): void {
  if (node.kind === "object") {
    visit(node, pointerPath);
    for (const property of node.properties) walkObjects(property.schema, [...pointerPath, property.name], visit);
  }
}

const pointerOf = (at: string[]) => at.map((t) => "/" + t.replace(/~/g, "~0").replace(/\//g, "~1")).join("");

function getAt(value: any, at: string[]): any {
  return at.reduce((node, key) => node[key], value);
}

describe("guards on the Cobrowse spec's own examples", () => {
  it("every spec example passes validateWebhookEvent, is…, validate… and parseWebhookEvent", () => {
    expect(cobrowseEvents).toHaveLength(4);
    for (const event of cobrowseEvents) {
      expect(event.examples.length, event.name).toBeGreaterThan(0);
      for (const example of event.examples) {
        expect(cobrowse.validateWebhookEvent(example.value)).toEqual({ ok: true, value: example.value, warnings: [] });
        expect((cobrowse as any)[`is${event.typeName}`](example.value)).toBe(true);
        expect((cobrowse as any)[`validate${event.typeName}`](example.value).ok).toBe(true);
        expect(cobrowse.isWebhookEvent(example.value)).toBe(true);
        expect(cobrowse.parseWebhookEvent(JSON.stringify(example.value)).ok).toBe(true);
      }
      expect(cobrowseExamples[event.name]).toEqual(event.examples[0]?.value);
    }
  });

  it("an unknown key at each closed object fails in reject mode with unknown_property at its pointer, and passes in allow mode with one warning", () => {
    let checked = 0;
    for (const event of cobrowseEvents) {
      walkObjects(event.body, [], (object, at) => {
        if (object.additionalProperties) return;
        const value: any = structuredClone(event.examples[0]!.value);
        getAt(value, at).zoom_added_this = "new field";
        const pointer = pointerOf([...at, "zoom_added_this"]);

        const rejected = cobrowse.validateWebhookEvent(value);
        expect(rejected.ok).toBe(false);
        if (!rejected.ok) expect(rejected.issues).toMatchObject([{ code: "unknown_property", pointer, path: [...at, "zoom_added_this"] }]);
        expect(cobrowse.isWebhookEvent(value)).toBe(false);
        expect(cobrowse.validateWebhookEvent(value, { unknownProperties: "reject" }).ok).toBe(false);

        const allowed = cobrowse.validateWebhookEvent(value, { unknownProperties: "allow" });
        expect(allowed.ok).toBe(true);
        if (allowed.ok) {
          expect(allowed.value).toBe(value);
          expect(allowed.warnings).toMatchObject([{ code: "unknown_property", pointer }]);
          expect(allowed.warnings).toHaveLength(1);
        }
        expect(cobrowse.isWebhookEvent(value, { unknownProperties: "allow" })).toBe(true);
        checked++;
      });
    }
    expect(checked).toBe(12);
  });

  it("dropping each required property fails with missing_property at that property's pointer", () => {
    let checked = 0;
    for (const event of cobrowseEvents) {
      walkObjects(event.body, [], (object, at) => {
        for (const property of object.properties.filter((p) => p.required)) {
          const value: any = structuredClone(event.examples[0]!.value);
          delete getAt(value, at)[property.name];
          const pointer = pointerOf([...at, property.name]);
          // Without `event` the dispatcher cannot pick a schema; the per-event validator still can.
          const result = property.name === "event" && at.length === 0 ? (cobrowse as any)[`validate${event.typeName}`](value) : cobrowse.validateWebhookEvent(value);
          expect(result.ok, pointer).toBe(false);
          expect(result.issues, pointer).toMatchObject([{ code: "missing_property", pointer }]);
          expect(result.issues, pointer).toHaveLength(1);
          checked++;
        }
      });
    }
    // 3 at the root, 2 in payload, and 2 + 4 + 4 + 2 in the four payload objects.
    expect(checked).toBe(4 * 5 + 2 + 4 + 4 + 2);
  });

  it("reports a wrong type, enum value and format at their pointers, all at once", () => {
    const value: any = structuredClone(cobrowseExamples["cobrowse.session_user_left"]);
    value.event_ts = 1.5;
    value.payload.object.user_name = 42;
    value.payload.object.role_type = "admin";
    value.payload.object.leave_time = "2025-04-01 12:22:26";
    value.payload.object.leave_reason = null;
    const result = cobrowse.validateWebhookEvent(value);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.code, i.pointer, i.expected, i.received])).toEqual([
      ["invalid_type", "/event_ts", "integer", "number"],
      ["invalid_type", "/payload/object/user_name", "string", "integer"],
      ["invalid_enum", "/payload/object/role_type", '"customer" | "agent"', '"admin"'],
      ["invalid_format", "/payload/object/leave_time", "string (date-time)", '"2025-04-01 12:22:26"'],
      ["invalid_type", "/payload/object/leave_reason", "string", "null"],
    ]);
    expect(result.issues[2]!.message).toBe('Expected "customer" | "agent", received "admin" at /payload/object/role_type');
  });

  it.each([
    [null, "invalid_type", ""],
    [[], "invalid_type", ""],
    ["cobrowse.session_started", "invalid_type", ""],
    [{}, "missing_property", "/event"],
    [{ event: 7 }, "invalid_type", "/event"],
    [{ event: "cobrowse.session_paused" }, "unknown_event", "/event"],
    [{ event: "toString" }, "unknown_event", "/event"],
    [Object.create(null), "missing_property", "/event"],
  ])("validateWebhookEvent(%j) → %s at %j", (value, code, pointer) => {
    const result = cobrowse.validateWebhookEvent(value);
    expect(result).toMatchObject({ ok: false, issues: [{ code, pointer }] });
    expect(cobrowse.isWebhookEvent(value)).toBe(false);
  });

  it("parseWebhookEvent turns every bad body into an issue and never throws", () => {
    const example = JSON.stringify(cobrowseExamples["cobrowse.session_started"]);
    expect(cobrowse.parseWebhookEvent(new TextEncoder().encode(example)).ok).toBe(true);
    expect(cobrowse.parseWebhookEvent("\uFEFF" + example).ok).toBe(true);
    expect(cobrowse.parseWebhookEvent(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(example)])).ok).toBe(true);
    expect(cobrowse.parseWebhookEvent("{not json")).toMatchObject({ ok: false, issues: [{ code: "invalid_json", pointer: "" }] });
    expect(cobrowse.parseWebhookEvent("")).toMatchObject({ ok: false, issues: [{ code: "invalid_json" }] });
    expect(cobrowse.parseWebhookEvent(new Uint8Array([0x7b, 0xff, 0x7d]))).toMatchObject({ ok: false, issues: [{ code: "invalid_json", message: expect.stringMatching(/UTF-8/) }] });
    expect(cobrowse.parseWebhookEvent({ event: "x" } as never)).toMatchObject({ ok: false, issues: [{ code: "invalid_type" }] });
  });

  it("never throws on revoked proxies, as the value or as its event", () => {
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    for (const value of [revoked.proxy, { event: revoked.proxy }, { event: "cobrowse.session_started", payload: revoked.proxy }]) {
      expect(cobrowse.isWebhookEvent(value)).toBe(false);
      expect(cobrowse.validateWebhookEvent(value).ok).toBe(false);
      expect(cobrowse.validateCobrowseSessionStartedEvent(value).ok).toBe(false);
    }
  });

  it("ignores inherited properties: a polluted Object.prototype cannot fill in a missing one", () => {
    const example: any = cobrowseExamples["cobrowse.session_ended"];
    const value = JSON.parse(JSON.stringify({ event: example.event, event_ts: example.event_ts }));
    const proto = Object.prototype as any;
    proto.payload = example.payload;
    try {
      expect(cobrowse.isCobrowseSessionEndedEvent(value)).toBe(false);
      expect(cobrowse.isWebhookEvent(value)).toBe(false);
      expect(cobrowse.validateWebhookEvent(value)).toMatchObject({ ok: false, issues: [{ code: "missing_property", pointer: "/payload" }] });
    } finally {
      delete proto.payload;
    }
    const inherited = Object.create(JSON.parse(JSON.stringify(example)));
    expect(cobrowse.isCobrowseSessionEndedEvent(inherited)).toBe(false);
    expect(cobrowse.validateCobrowseSessionEndedEvent(inherited).ok).toBe(false);
  });

  it("never throws on values whose getters throw, and rejects bad options loudly", () => {
    const hostile = { event: "cobrowse.session_started", get payload(): never { throw new Error("boom"); }, event_ts: 1 };
    expect(cobrowse.isWebhookEvent(hostile)).toBe(false);
    expect(cobrowse.validateWebhookEvent(hostile)).toMatchObject({ ok: false, issues: [{ message: expect.stringMatching(/boom/) }] });
    expect(() => cobrowse.validateWebhookEvent({}, { unknownProperties: "strip" as never })).toThrow(/unknownProperties/);
  });
});

describe("guards on the kitchen-sink spec: arrays, nullable, formats, escaping, prototype keys", () => {
  it("the valid examples pass and the broken ones were left out", () => {
    const event = sinkEvents.find((e) => e.name === "sink.everything")!;
    expect(event.examples.map((e) => e.key)).toEqual(["full", "minimal"]);
    for (const example of event.examples) expect(sink.validateWebhookEvent(example.value)).toMatchObject({ ok: true, warnings: [] });
  });

  it.each([
    ["items[0].kind outside the enum", (v: any) => (v.payload.items[0].kind = "omega"), "invalid_enum", "/payload/items/0/kind"],
    ["an unknown key inside an array item", (v: any) => (v.payload.items[0].extra = 1), "unknown_property", "/payload/items/0/extra"],
    ["a string in a nested integer array", (v: any) => (v.payload.matrix[1][0] = "3"), "invalid_type", "/payload/matrix/1/0"],
    ["a missing id in an array item", (v: any) => delete v.payload.items[0].id, "missing_property", "/payload/items/0/id"],
    ["a non-array", (v: any) => (v.payload.tags = "a,b"), "invalid_type", "/payload/tags"],
    ["a number where null is required", (v: any) => (v.payload.nothing = 0), "invalid_type", "/payload/nothing"],
    ["a bad date-time in a nullable", (v: any) => (v.payload.maybe = "yesterday"), "invalid_format", "/payload/maybe"],
    ["a key that needs escaping", (v: any) => (v.payload["a/b~c"] = 5), "invalid_type", "/payload/a~1b~0c"],
    ["an own __proto__ of the wrong type", (v: any) => Object.defineProperty(v.payload, "__proto__", { value: 5, enumerable: true }), "invalid_type", "/payload/__proto__"],
    ["an integer enum value outside the enum", (v: any) => (v.payload.level = 4), "invalid_enum", "/payload/level"],
    ["Infinity as a number", (v: any) => (v.payload.ratio = Infinity), "invalid_type", "/payload/ratio"],
    ["a fraction in an int64 number", (v: any) => (v.payload.whole = 1.5), "invalid_format", "/payload/whole"],
  ])("%s → %s at %s", (_, mutate, code, pointer) => {
    const event = sinkEvents.find((e) => e.name === "sink.everything")!;
    const value: any = structuredClone(event.examples[0]!.value);
    // structuredClone drops own __proto__ data properties' specialness; rebuild from JSON to keep them own.
    const fresh = JSON.parse(JSON.stringify(value));
    mutate(fresh);
    const result = sink.validateWebhookEvent(fresh);
    expect(result).toMatchObject({ ok: false, issues: [{ code, pointer }] });
    expect(sink.isWebhookEvent(fresh)).toBe(false);
  });

  it("a required property named like an Object.prototype member is missing unless it is an own property", () => {
    const value = JSON.parse(JSON.stringify(sinkEvents[0]!.examples[1]!.value));
    delete value.payload.toString;
    expect(sink.validateWebhookEvent(value)).toMatchObject({ ok: false, issues: [{ code: "missing_property", pointer: "/payload/toString" }] });
  });

  it("open objects accept extra keys in both modes without warnings", () => {
    expect(sink.validateWebhookEvent({ event: "sink.open", note: null, whatever: [1] })).toEqual({
      ok: true,
      value: { event: "sink.open", note: null, whatever: [1] },
      warnings: [],
    });
  });
});

describe("idempotence and purity", () => {
  it("two builds give identical bytes, and generating twice into one folder changes nothing", async () => {
    const before = readFileSync(SPEC);
    const modified = statSync(SPEC).mtimeMs;
    const [a, b] = [await buildPackage({ spec: SPEC }), await buildPackage({ spec: SPEC })];
    expect(a.files).toEqual(b.files);
    const out = path.join(tempDir(), "twice");
    await generate({ spec: SPEC, outDir: out });
    const first = readTree(out);
    await generate({ spec: SPEC, outDir: out });
    expect(readTree(out)).toEqual(first);
    expect(readTree(out)).toEqual(new Map(a.files.map((f) => [f.path, f.contents])));
    expect(readFileSync(SPEC).equals(before)).toBe(true);
    expect(statSync(SPEC).mtimeMs).toBe(modified);
  });
});
