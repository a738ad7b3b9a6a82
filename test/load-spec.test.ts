import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CobrowseGenError, loadSpec, normalizeSpec, synthesizeSpec } from "../src/index.js";
import { DOCS_PAGE_SPEC, SPEC, removeTempDirs, tempDir } from "./support/helpers.js";

afterAll(removeTempDirs);

const real = () => JSON.parse(readFileSync(SPEC, "utf8")) as Record<string, any>;

function writeSpec(spec: unknown): string {
  const file = path.join(tempDir("cg-load-"), "spec.json");
  writeFileSync(file, typeof spec === "string" ? spec : JSON.stringify(spec));
  return file;
}

async function errorOf(promise: Promise<unknown>): Promise<CobrowseGenError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CobrowseGenError) return error;
    throw error;
  }
  throw new Error("expected a CobrowseGenError");
}

describe("loadSpec", () => {
  it("reads the webhooks form and reports the 4 missing response descriptions as warnings with pointers", async () => {
    const spec = await loadSpec(SPEC);
    expect(spec.shape).toBe("webhooks");
    expect(spec.webhooks.map((w) => [w.name, w.pointer])).toEqual([
      ["cobrowse.session_started", "/webhooks/cobrowse.session_started"],
      ["cobrowse.session_user_left", "/webhooks/cobrowse.session_user_left"],
      ["cobrowse.session_user_joined", "/webhooks/cobrowse.session_user_joined"],
      ["cobrowse.session_ended", "/webhooks/cobrowse.session_ended"],
    ]);
    expect(spec.warnings.map((w) => [w.code, w.pointer])).toEqual(
      spec.webhooks.map((w) => ["openapi-schema", `${w.pointer}/post/responses/200`]),
    );
  });

  it("reads the docs-page form (events under paths) with pointers into that file", async () => {
    const spec = await loadSpec(DOCS_PAGE_SPEC);
    expect(spec.shape).toBe("docs-page");
    expect(spec.webhooks.map((w) => w.pointer)[0]).toBe("/paths/cobrowse.session_started");
    expect(spec.warnings.map((w) => w.pointer)).toEqual(spec.webhooks.map((w) => `${w.pointer}/post/responses/200`));
  });

  it("gives both forms the same model", async () => {
    const a = normalizeSpec(await loadSpec(SPEC)).model;
    const b = normalizeSpec(await loadSpec(DOCS_PAGE_SPEC)).model;
    const strip = (m: typeof a) => JSON.parse(JSON.stringify(m, (key, value) => (key === "pointer" ? undefined : value)));
    expect(strip(b)).toEqual(strip(a));
  });

  it("ignores real paths next to docs-page events, and resolves refs into #/paths", async () => {
    const spec = real();
    const started = spec.webhooks["cobrowse.session_started"];
    spec.paths = { "/health": { get: { responses: { "200": { description: "ok" } } } }, "cobrowse.session_started": started };
    spec.webhooks = { "cobrowse.session_ended": { post: { ...spec.webhooks["cobrowse.session_ended"].post, requestBody: { $ref: "#/paths/cobrowse.session_started/post/requestBody" } } } };
    const loaded = await loadSpec(writeSpec(spec));
    expect(loaded.webhooks.map((w) => w.name).sort()).toEqual(["cobrowse.session_ended", "cobrowse.session_started"]);
  });

  it("skips x- extension keys under paths", async () => {
    const spec = real();
    spec.paths = { "x-internal-note": "hello" };
    expect((await loadSpec(writeSpec(spec))).webhooks).toHaveLength(4);
  });

  it.each([
    ["a truncated file of 200000 [", "[".repeat(200_000), "invalid-json"],
    ["a schema 3000 levels deep", (() => {
      const spec = real();
      // Built as text: JSON.stringify itself would overflow on it.
      const deep = '{"type":"object","properties":{"a":'.repeat(3000) + '{"type":"string"}' + "}}".repeat(3000);
      spec.webhooks["cobrowse.session_started"].post.requestBody.content["application/json"].schema.properties.payload = "DEEP";
      return JSON.stringify(spec).replace('"DEEP"', deep);
    })(), undefined],
  ])("turns %s into a clear error, not a stack overflow", async (_, text, code) => {
    const { buildPackage } = await import("../src/index.js");
    const error = await errorOf(buildPackage({ spec: writeSpec(text) }));
    if (code) expect(error.diagnostics[0]?.code).toBe(code);
    expect(error.diagnostics[0]?.message).toMatch(/deep|JSON/);
  });

  it("does not mutate or depend on shared objects: loading twice gives equal results", async () => {
    const [{ resolveRef: resolveA, sourcePointer: _a, ...a }, { resolveRef: resolveB, sourcePointer: _b, ...b }] = await Promise.all([loadSpec(SPEC), loadSpec(SPEC)]);
    expect(a).toEqual(b);
    expect(resolveA!("#/info/title")).toEqual(resolveB!("#/info/title"));
  });

  it.each([
    ["the same event in webhooks and paths", (s: any) => (s.paths = { "cobrowse.session_started": s.webhooks["cobrowse.session_started"] }), "duplicate-event", "/paths/cobrowse.session_started"],
    ["webhooks that is not an object", (s: any) => (s.webhooks = []), "no-webhooks", "/webhooks"],
    ["an external $ref", (s: any) => (s.webhooks["cobrowse.session_started"].post.requestBody = { $ref: "other.json#/x" }), "external-ref", "/webhooks/cobrowse.session_started/post/requestBody/$ref"],
    ["a $ref with a bad escape", (s: any) => (s.webhooks["cobrowse.session_started"].post.requestBody = { $ref: "#/%E0%A4%A" }), "broken-ref", "/webhooks/cobrowse.session_started/post/requestBody/$ref"],
  ])("rejects %s", async (_, edit, code, pointer) => {
    const spec = real();
    edit(spec);
    const error = await errorOf(loadSpec(writeSpec(spec)));
    expect(error.diagnostics[0]).toMatchObject({ code, pointer });
  });

  it("lists every broken $ref at once", async () => {
    const spec = real();
    spec.webhooks["cobrowse.session_started"].post.requestBody = { $ref: "#/nope/1" };
    spec.webhooks["cobrowse.session_ended"].post.requestBody = { $ref: "#/nope/2" };
    const error = await errorOf(loadSpec(writeSpec(spec)));
    expect(error.diagnostics.map((d) => d.code)).toEqual(["broken-ref", "broken-ref"]);
  });
});

describe("normalizeSpec", () => {
  it("builds the Cobrowse model: names, pointers, summaries, parsed examples", async () => {
    const { model, warnings } = normalizeSpec(await loadSpec(SPEC));
    expect(warnings).toEqual([]);
    expect(model).toMatchObject({ title: "Cobrowse SDK", version: "1.0.0", packageName: "cobrowse-sdk-webhooks", packageVersion: "1.0.0" });
    expect(model.events.map((e) => [e.name, e.typeName, e.fileName])).toEqual([
      ["cobrowse.session_ended", "CobrowseSessionEndedEvent", "cobrowse.session_ended"],
      ["cobrowse.session_started", "CobrowseSessionStartedEvent", "cobrowse.session_started"],
      ["cobrowse.session_user_joined", "CobrowseSessionUserJoinedEvent", "cobrowse.session_user_joined"],
      ["cobrowse.session_user_left", "CobrowseSessionUserLeftEvent", "cobrowse.session_user_left"],
    ]);
    const started = model.events[1]!;
    expect(started.summary).toBe("The Session Start event is triggered when the first user joins.");
    expect(started.description).not.toMatch(/^# /);
    expect(started.body.pointer).toBe("/webhooks/cobrowse.session_started/post/requestBody/content/application~1json/schema");
    expect(started.examples).toEqual([
      {
        key: "json-example",
        pointer: "/webhooks/cobrowse.session_started/post/requestBody/content/application~1json/examples/json-example",
        summary: "JSON example",
        value: expect.objectContaining({ event: "cobrowse.session_started", event_ts: 1743483350000 }),
      },
    ]);
  });

  it.each([
    ["no post operation", (s: any) => (s.webhooks["cobrowse.session_started"] = { get: {} }), "/webhooks/cobrowse.session_started/post", /no `post`/],
    ["no request body", (s: any) => delete s.webhooks["cobrowse.session_started"].post.requestBody, "/webhooks/cobrowse.session_started/post/requestBody", /no request body/],
    ["a body without schema", (s: any) => delete s.webhooks["cobrowse.session_started"].post.requestBody.content["application/json"].schema, "/webhooks/cobrowse.session_started/post/requestBody/content/application~1json/schema", /no body schema/],
    ["a body that is an array", (s: any) => (s.webhooks["cobrowse.session_started"].post.requestBody.content["application/json"].schema = { type: "array" }), "/webhooks/cobrowse.session_started/post/requestBody/content/application~1json/schema", /must be an object schema/],
    ["a body without event", (s: any) => delete s.webhooks["cobrowse.session_started"].post.requestBody.content["application/json"].schema.properties.event, "/webhooks/cobrowse.session_started/post/requestBody/content/application~1json/schema/properties", /no `event` property/],
  ])("rejects %s at its pointer", async (_, edit, pointer, message) => {
    const spec = real();
    edit(spec);
    const error = await errorOf(loadSpec(writeSpec(spec)).then((loaded) => normalizeSpec(loaded)));
    expect(error.diagnostics[0]?.pointer).toBe(pointer);
    expect(error.diagnostics[0]?.message).toMatch(message);
  });

  it("accepts a JSON media type with parameters, and example values given as objects", async () => {
    const spec = real();
    const body = spec.webhooks["cobrowse.session_started"].post.requestBody;
    const media = body.content["application/json"];
    media.examples["json-example"].value = JSON.parse(media.examples["json-example"].value);
    body.content = { "application/json; charset=utf-8": media };
    const { model, warnings } = normalizeSpec(await loadSpec(writeSpec(spec)));
    expect(warnings).toEqual([]);
    expect(model.events.find((e) => e.name === "cobrowse.session_started")!.examples).toHaveLength(1);
  });

  it.each([
    ["an example that is not JSON", (v: string) => v.replace("{", "{ // comment\n"), /does not parse as JSON/],
    ["an example that violates its schema", (v: string) => v.replace('"customer"', '"admin"'), /does not satisfy its own schema \(\/payload\/object\/role_type: expected one of/],
  ])("warns about %s and leaves it out", async (_, edit, message) => {
    const spec = real();
    const examples = spec.webhooks["cobrowse.session_started"].post.requestBody.content["application/json"].examples;
    examples["json-example"].value = edit(examples["json-example"].value);
    const { model, warnings } = normalizeSpec(await loadSpec(writeSpec(spec)));
    expect(warnings).toMatchObject([
      {
        code: "invalid-example",
        message: expect.stringMatching(message),
        pointer: "/webhooks/cobrowse.session_started/post/requestBody/content/application~1json/examples/json-example/value",
      },
    ]);
    expect(model.events.find((e) => e.name === "cobrowse.session_started")!.examples).toEqual([]);
  });

  it("synthesizes fixtures that respect int32 on a *_ts field", async () => {
    const spec = real();
    spec.webhooks["cobrowse.session_started"].post.requestBody.content["application/json"].schema.properties.event_ts.format = "int32";
    delete spec.webhooks["cobrowse.session_started"].post.requestBody.content["application/json"].examples;
    const file = writeSpec(spec);
    const { model } = normalizeSpec(await loadSpec(file));
    const full = synthesizeSpec(model, file).events.find((e) => e.name === "cobrowse.session_started")!.fixtures.full as { event_ts: number };
    expect(full.event_ts).toBeLessThanOrEqual(2147483647);
  });

  it.each([
    ["no enum on event", (e: any) => delete e.enum, "event-enum"],
    ["another event's name in the enum", (e: any) => (e.enum = ["cobrowse.session_ended"]), "event-enum"],
  ])("pins the discriminant when there is %s, with a warning", async (_, edit, code) => {
    const spec = real();
    edit(spec.webhooks["cobrowse.session_started"].post.requestBody.content["application/json"].schema.properties.event);
    const { model, warnings } = normalizeSpec(await loadSpec(writeSpec(spec)));
    expect(warnings.map((w) => w.code)).toEqual([code]);
    const event = model.events.find((e) => e.name === "cobrowse.session_started")!.body.properties[0]!;
    expect(event).toMatchObject({ name: "event", required: true, schema: { kind: "string", enum: ["cobrowse.session_started"] } });
  });
});

describe("every model node points where its schema is written in the file", () => {
  const event = (name: string) => ({
    post: {
      requestBody: {
        content: {
          "application/json": {
            schema: { type: "object", properties: { event: { type: "string" }, payload: { $ref: "#/components/schemas/Payload" } } },
          },
        },
      },
      responses: { "200": { description: "ok" } },
    },
    summary: name,
  });
  const spec = {
    openapi: "3.1.0",
    info: { title: "Shared", version: "1.0.0" },
    webhooks: { "a.one": event("a.one"), "b.two": event("b.two") },
    components: { schemas: { Payload: { type: "object", properties: { id: { type: "string", nullable: true }, n: { type: "integer" } } } } },
  };

  it("a schema shared through components: its nodes point into components, and its warning comes once", async () => {
    const { model, warnings } = normalizeSpec(await loadSpec(writeSpec(spec)));
    for (const e of model.events) {
      const payload = e.body.properties.find((p) => p.name === "payload")!.schema;
      expect(payload.pointer).toBe("/components/schemas/Payload");
      expect(payload.kind === "object" && payload.properties.map((p) => p.schema.pointer)).toEqual(["/components/schemas/Payload/properties/id", "/components/schemas/Payload/properties/n"]);
      expect(e.body.properties[0]!.schema.pointer).toBe(`/webhooks/${e.name}/post/requestBody/content/application~1json/schema/properties/event`);
    }
    expect(warnings.filter((w) => w.code === "rule:nullable-keyword").map((w) => w.pointer)).toEqual(["/components/schemas/Payload/properties/id/nullable"]);
  });
});

describe("the spec's bytes", () => {
  const text = readFileSync(SPEC, "utf8");
  const at = text.indexOf("Cobrowse");
  const line = text.slice(0, at).split("\n").length;
  const column = at - text.lastIndexOf("\n", at - 1);
  const spliced = (bytes: number[]) => Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from(bytes), Buffer.from(text.slice(at))]);
  const writeBytes = (bytes: Buffer) => {
    const file = path.join(tempDir("cg-load-"), "spec.json");
    writeFileSync(file, bytes);
    return file;
  };

  it.each([
    ["a BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
    ["two- to four-byte characters (é, €, 😀)", spliced([0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80])],
  ])("accepts %s", async (_, bytes) => {
    const spec = await loadSpec(writeBytes(bytes));
    expect(spec.webhooks).toHaveLength(4);
  });

  it.each([
    ["a lone 0xFF", [0xff]],
    ["a continuation byte without a lead", [0x80]],
    ["an overlong '/' (C0 AF)", [0xc0, 0xaf]],
    ["a surrogate (ED A0 80)", [0xed, 0xa0, 0x80]],
    ["a truncated three-byte character", [0xe2, 0x82]],
    ["a code point above U+10FFFF (F4 90 80 80)", [0xf4, 0x90, 0x80, 0x80]],
    ["Latin-1 'é' (E9)", [0xe9]],
  ])("refuses %s, at its line:column and byte offset, never as U+FFFD", async (_, bad) => {
    const file = writeBytes(spliced(bad));
    const error = await errorOf(loadSpec(file));
    expect(error.diagnostics).toEqual([
      expect.objectContaining({ code: "invalid-utf8", file, position: { line, column }, message: expect.stringContaining(`offset ${Buffer.byteLength(text.slice(0, at))}`), hint: expect.stringMatching(/UTF-8/) }),
    ]);
  });

  it("refuses invalid UTF-8 in a BOM-prefixed file at the same line:column", async () => {
    const error = await errorOf(loadSpec(writeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), spliced([0xff])]))));
    expect(error.diagnostics[0]).toMatchObject({ code: "invalid-utf8", position: { line, column } });
  });
});
