import path from "node:path";
import { describe, expect, it } from "vitest";
import { CobrowseGenError, buildPackage, loadSpec, loadSpecText, normalizeSpec } from "../src/index.js";
import type { ObjectSchema, SchemaNode } from "../src/model/model.js";
import { webhook, webhookSpec } from "./support/spec-builders.js";

/** General OpenAPI 3.1 webhook documents (not Zoom's): refs to components, examples of every form, any event key. */

const OTHER = path.resolve(import.meta.dirname, "specs/other");
const PATH_ITEMS = path.join(OTHER, "path-items.json");

async function errorOf(promise: Promise<unknown>): Promise<CobrowseGenError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CobrowseGenError) return error;
    throw error;
  }
  throw new Error("expected a CobrowseGenError");
}

/** The typeName of the object at a property path of a body. */
function typeNameAt(body: ObjectSchema, names: readonly string[]): string | undefined {
  let node: SchemaNode = body;
  for (const name of names) {
    if (node.kind !== "object") return undefined;
    node = node.properties.find((p) => p.name === name)!.schema;
  }
  return node.kind === "object" ? node.typeName : undefined;
}

describe("path-items.json: webhooks and bodies as $refs to components", async () => {
  const spec = await loadSpec(PATH_ITEMS);
  const { model, warnings } = normalizeSpec(spec);
  const event = (name: string) => model.events.find((e) => e.name === name)!;

  it.each([
    {
      title: "a webhook that is a $ref to components/pathItems, with sibling summary and description (the siblings win)",
      name: "pet.created",
      summary: "A pet was added (the webhook's own summary)",
      description: "The webhook's own description wins over the path item's.",
      bodyPointer: "/components/requestBodies/PetCreated/content/application~1json/schema",
      examples: [{ key: "created", pointer: "/components/examples/PetCreated", summary: "A new dog", value: { event: "pet.created", payload: { object: { id: 1, name: "Rex", tag: "dog" } } } }],
    },
    {
      title: "the media type's singular `example`",
      name: "pet.updated",
      summary: "A pet was changed",
      description: undefined,
      bodyPointer: "/webhooks/pet.updated/post/requestBody/content/application~1json/schema",
      examples: [{ key: "example", pointer: "/webhooks/pet.updated/post/requestBody/content/application~1json/example", value: { event: "pet.updated", pet: { id: 1, name: "Rex" }, old_pet: { id: 1, name: "Rox" } } }],
    },
    {
      title: "the body schema's `examples` array, when the media type has none",
      name: "pet.deleted",
      summary: undefined,
      description: undefined,
      bodyPointer: "/webhooks/pet.deleted/post/requestBody/content/application~1json/schema",
      examples: [{ key: "schema-examples-0", pointer: "/webhooks/pet.deleted/post/requestBody/content/application~1json/schema/examples/0", value: { event: "pet.deleted", id: 7 } }],
    },
    {
      title: "an example $ref to components/examples whose value is JSON text (Zoom's form); the schema's examples are not used beside it",
      name: "pet.adopted",
      summary: undefined,
      description: undefined,
      bodyPointer: "/webhooks/pet.adopted/post/requestBody/content/application~1json/schema",
      examples: [{ key: "adopted", pointer: "/components/examples/PetAdoptedAsText", summary: "Written as JSON text, as Zoom does", value: { event: "pet.adopted", animal: { id: 2, name: "Tom" }, owner: { name: "Ann" } } }],
    },
  ])("$title", ({ name, summary, description, bodyPointer, examples }) => {
    const e = event(name);
    expect(e.pointer).toBe(`/webhooks/${name}`);
    expect(e.summary).toBe(summary);
    expect(e.description).toBe(description);
    expect(e.body.pointer).toBe(bodyPointer);
    expect(e.examples).toEqual(examples);
  });

  it.each([
    { code: "invalid-example", pointer: "/components/examples/PetCreatedWrong/value", message: /Example "wrong" of "pet.created"/ },
    { code: "invalid-example", pointer: "/webhooks/pet.deleted/post/requestBody/content/application~1json/schema/examples/1", message: /Example "schema-examples-1" of "pet.deleted"/ },
  ])("reports $pointer where it is written", ({ code, pointer, message }) => {
    expect(warnings).toContainEqual(expect.objectContaining({ code, pointer, message: expect.stringMatching(message) }));
  });

  it("loads without warnings of its own (it is valid OpenAPI 3.1)", () => {
    expect(spec.warnings).toEqual([]);
    expect(warnings.map((w) => w.code)).toEqual(["invalid-example", "invalid-example"]);
  });

  it.each([
    { name: "pet.adopted", at: ["animal"], typeName: "Pet" },
    { name: "pet.adopted", at: ["owner"], typeName: "Owner" },
    { name: "pet.created", at: ["payload", "object"], typeName: "Pet" },
    { name: "pet.updated", at: ["pet"], typeName: "Pet" },
    { name: "pet.updated", at: ["old_pet"], typeName: "Pet" },
  ])("a components/schemas shape is named after its component: $name $at → $typeName", ({ name, at, typeName }) => {
    expect(typeNameAt(event(name).body, at)).toBe(typeName);
  });

  it("declares each component once, at its component's pointer", () => {
    expect(model.namedTypes.map((t) => [t.name, t.pointer])).toEqual([
      ["Pet", "/components/schemas/Pet"],
      ["Owner", "/components/schemas/Owner"],
    ]);
  });

  it("builds a package: one interface per component, the examples as fixtures", async () => {
    const { files } = await buildPackage({ spec: PATH_ITEMS });
    const types = files.find((f) => f.path === "src/types.ts")!.contents;
    expect(types.match(/export interface (Pet|Owner)\b/g)).toEqual(["export interface Pet", "export interface Owner"]);
    const fixture = (p: string) => JSON.parse(files.find((f) => f.path === p)!.contents);
    expect(fixture("fixtures/pet.deleted/example.json")).toEqual({ event: "pet.deleted", id: 7 });
    expect(fixture("fixtures/pet.adopted/example.json")).toEqual({ event: "pet.adopted", animal: { id: 2, name: "Tom" }, owner: { name: "Ann" } });
  });
});

describe("the OpenAPI 3.1 specification's webhook example", () => {
  it("loads: newPet's body is the Pet component, reported at /components/schemas/Pet", async () => {
    const spec = await loadSpec(path.join(OTHER, "openapi-webhook-example.json"));
    expect(spec.webhooks.map((w) => [w.name, w.pointer])).toEqual([["newPet", "/webhooks/newPet"]]);
    const schema = (spec.webhooks[0]!.pathItem as any).post.requestBody.content["application/json"].schema;
    expect(Object.keys(schema.properties)).toEqual(["id", "name", "tag"]);
    expect(spec.sourcePointer!(schema)).toBe("/components/schemas/Pet");
  });

  it("with an `event` property: Pet nested in the body is named Pet", async () => {
    const { model, warnings } = normalizeSpec(await loadSpec(path.join(OTHER, "openapi-webhook-example-event.json")));
    expect(warnings).toEqual([]);
    expect(model.events.map((e) => [e.name, e.typeName, e.fileName, e.summary])).toEqual([["newPet", "NewPetEvent", "newPet", "Information about a new pet in the system"]]);
    expect(typeNameAt(model.events[0]!.body, ["pet"])).toBe("Pet");
  });
});

describe("x-webhooks (the OpenAPI 3.0 extension)", () => {
  const a = webhook("a.created", { properties: {} });
  const b = webhook("b.created", { properties: {} });
  it.each([
    { title: "alone: read as webhooks, with a warning", doc: { "x-webhooks": { "a.created": a } }, events: [["a.created", "/x-webhooks/a.created"]], codes: ["x-webhooks-read"] },
    { title: "beside an equal webhooks: ignored without a word", doc: { webhooks: { "a.created": a }, "x-webhooks": { "a.created": structuredClone(a) } }, events: [["a.created", "/webhooks/a.created"]], codes: [] },
    { title: "beside a different webhooks: ignored, with a warning", doc: { webhooks: { "a.created": a }, "x-webhooks": { "b.created": b } }, events: [["a.created", "/webhooks/a.created"]], codes: ["x-webhooks-ignored"] },
  ])("$title", async ({ doc, events, codes }) => {
    const spec = await loadSpecText(JSON.stringify({ openapi: "3.1.0", info: { title: "T", version: "1.0.0" }, ...doc }), "spec.json");
    expect(spec.webhooks.map((w) => [w.name, w.pointer])).toEqual(events);
    expect(spec.warnings.map((w) => w.code)).toEqual(codes);
    if (codes.length > 0) expect(spec.warnings[0]!.pointer).toBe("/x-webhooks");
    expect(normalizeSpec(spec).model.events.map((e) => e.name)).toEqual(events.map(([name]) => name));
  });
});

describe("documents with nothing to generate: exit-2 errors that say so", () => {
  const info = { openapi: "3.1.0", info: { title: "T", version: "1.0.0" } };
  it.each([
    { title: "an empty webhooks map", doc: { ...info, webhooks: {} }, code: "no-webhooks", pointer: "/webhooks", message: /^Nothing to generate: the spec defines no webhooks \(`webhooks` is empty\)/ },
    { title: "an empty x-webhooks map", doc: { ...info, "x-webhooks": {} }, code: "no-webhooks", pointer: "/x-webhooks", message: /`x-webhooks` is empty/ },
    { title: "only components", doc: { ...info, components: { schemas: {} } }, code: "no-webhooks", pointer: "", message: /^Nothing to generate: .*no `webhooks` map/ },
    { title: "only API paths", doc: { ...info, paths: { "/pets": {} } }, code: "no-webhooks", pointer: "", message: /`paths` has only API paths/ },
    { title: "none of paths, webhooks and components", doc: info, code: "invalid-openapi", pointer: "", message: /none of `paths`, `webhooks` and `components`/ },
  ])("$title", async ({ doc, code, pointer, message }) => {
    const error = await errorOf(loadSpecText(JSON.stringify(doc), "spec.json"));
    expect(error.diagnostics).toHaveLength(1);
    expect(error.diagnostics[0]).toMatchObject({ code, pointer, message: expect.stringMatching(message) });
  });
});

describe("event keys of any form: names from the naming function", () => {
  it.each([
    { key: "/ACCOUNT_CREATED", pointer: "/webhooks/~1ACCOUNT_CREATED", typeName: "ACCOUNTCREATEDEvent", fileName: "_ACCOUNT_CREATED" },
    { key: "newPet", pointer: "/webhooks/newPet", typeName: "NewPetEvent", fileName: "newPet" },
    { key: "invoice.created", pointer: "/webhooks/invoice.created", typeName: "InvoiceCreatedEvent", fileName: "invoice.created" },
    { key: "invoice_created", pointer: "/webhooks/invoice_created", typeName: "InvoiceCreatedEvent2", fileName: "invoice_created" },
  ])("$key → $typeName, fixtures/$fileName", async ({ key, pointer, typeName, fileName }) => {
    const keys = ["/ACCOUNT_CREATED", "newPet", "invoice_created", "invoice.created"];
    const doc = webhookSpec("Keys", Object.fromEntries(keys.map((k) => [k, webhook(k, { properties: {} })])));
    const spec = await loadSpecText(JSON.stringify(doc), "spec.json");
    // A key starting with "/" under `webhooks` is an event, not the docs-page form's path.
    expect(spec.shape).toBe("webhooks");
    const event = normalizeSpec(spec).model.events.find((e) => e.name === key)!;
    expect({ pointer: event.pointer, typeName: event.typeName, fileName: event.fileName }).toEqual({ pointer, typeName, fileName });
  });
});
