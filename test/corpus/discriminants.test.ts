import path from "node:path";
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../src/index.js";
import type { SpecModel } from "../../src/model/model.js";
import { compilePackage } from "../support/compile.js";
import { importFrom, removeTempDirs, runCli, tempDir } from "../support/helpers.js";
import { webhookSpec } from "../support/spec-builders.js";

/** A webhook whose body is exactly `schema` (no `event` pinned, unlike spec-builders' webhook). */
const hook = (schema: Record<string, unknown>): Record<string, unknown> => ({ post: { requestBody: { content: { "application/json": { schema } } } } });
const closed = (required: string[], properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: "object", additionalProperties: false, required, properties, ...extra });

const SPECS = {
  // `type` const, with values that are not the webhook keys.
  typed: webhookSpec("Billing", {
    invoiceCreated: hook(closed(["type", "id"], { type: { type: "string", const: "invoice.created" }, id: { type: "string" } })),
    invoicePaid: hook(closed(["type", "amount"], { type: { type: "string", enum: ["invoice.paid"] }, amount: { type: "integer" }, note: { type: "string" } })),
  }),
  // discriminator.propertyName (not `type`, and an optional const besides).
  declared: webhookSpec("Shapes", {
    circle: hook(closed(["shape", "radius"], { shape: { type: "string", const: "circle" }, radius: { type: "number" } }, { discriminator: { propertyName: "shape" } })),
    square: hook(closed(["shape", "side"], { shape: { type: "string", const: "square" }, side: { type: "number" } }, { discriminator: { propertyName: "shape" } })),
  }),
  // Nothing tells the events apart; gammaOne and gammaTwo have the same shape.
  none: webhookSpec("Loose", {
    alpha: hook(closed(["x"], { x: { type: "string" } })),
    beta: hook(closed(["y"], { y: { type: "integer" } })),
    gammaOne: hook(closed(["z"], { z: { type: "string" } })),
    gammaTwo: hook(closed(["z"], { z: { type: "string" } })),
  }),
} as const;

interface Subject {
  dir: string;
  model: SpecModel;
  warnings: readonly { code: string; message: string }[];
  api: Record<string, any>;
  fx: Record<string, any>;
}
const subjects = new Map<string, Subject>();

beforeAll(async () => {
  for (const [name, spec] of Object.entries(SPECS)) {
    const dir = tempDir();
    const file = path.join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(spec));
    const out = path.join(dir, "out");
    const { model, warnings } = await generate({ spec: file, outDir: out });
    subjects.set(name, { dir: out, model, warnings, api: await importFrom(path.join(out, "dist/index.js")), fx: await importFrom(path.join(out, "dist/fixtures.js")) });
  }
}, 120_000);
afterAll(removeTempDirs);

describe.each([
  ["typed", { property: "type", pointer: "/type", source: "const" }, { invoiceCreated: "invoice.created", invoicePaid: "invoice.paid" }],
  ["declared", { property: "shape", pointer: "/shape", source: "discriminator" }, { circle: "circle", square: "square" }],
  ["none", undefined, {}],
] as const)("a package discriminated %s", (name, discriminant, values) => {
  it("has the discriminant in its model, reported once", () => {
    const { model, warnings } = subjects.get(name)!;
    expect(model.discriminant).toEqual(discriminant);
    expect(Object.fromEntries(model.events.filter((e) => e.discriminantValue !== undefined).map((e) => [e.name, e.discriminantValue]))).toEqual(values);
    expect(warnings.filter((w) => w.code === "discriminant")).toHaveLength(1);
  });

  it("compiles under strict settings, its router too", () => {
    const { sources, declarations } = compilePackage(subjects.get(name)!.dir);
    expect(sources).toEqual([]);
    expect(declarations).toEqual([]);
  });

  it("every valid fixture passes its event's guard, and validateWebhookEvent names its event (unless two events share the shape)", () => {
    const { model, api, fx } = subjects.get(name)!;
    for (const event of model.events) {
      const set = fx.fixtures[event.name];
      for (const value of [...set.examples, set.minimal, set.full, ...set.variants]) {
        expect(api[`validate${event.typeName}`](value), event.name).toMatchObject({ ok: true, warnings: [] });
        if (event.name.startsWith("gamma")) continue;
        expect(api.validateWebhookEvent(value), event.name).toEqual({ ok: true, value, warnings: [], event: event.name });
        expect(api.isWebhookEvent(value)).toBe(true);
      }
    }
  });

  it("every invalid fixture fails as labelled (validateWebhookEvent with a discriminant, else its event's guard)", () => {
    const { model, api, fx } = subjects.get(name)!;
    for (const event of model.events) {
      const invalid = fx.invalidFixtures[event.name] as { name: string; expected: { pointer: string; code: string }[]; value: unknown }[];
      expect(invalid.some((f) => f.name === "unknown-event")).toBe(discriminant !== undefined);
      for (const fixture of invalid) {
        const result = model.discriminant === undefined ? api[`validate${event.typeName}`](fixture.value) : api.validateWebhookEvent(fixture.value);
        expect(result.ok, fixture.name).toBe(false);
        expect(result.issues.map((i: { pointer: string; code: string }) => ({ pointer: i.pointer, code: i.code })), `${event.name} ${fixture.name}`).toEqual(fixture.expected);
      }
    }
  });
});

describe("types and schemas", () => {
  it.each([
    ["typed", "export type WebhookEventName = keyof WebhookEventMap;", "Discriminated on `type`"],
    ["none", "export type WebhookEventName = keyof WebhookEventMap;", "cannot be narrowed by a property"],
  ])("%s: WebhookEventName is the map's keys", async (name, alias, doc) => {
    const { readFileSync } = await import("node:fs");
    const types = readFileSync(path.join(subjects.get(name)!.dir, "src/types.ts"), "utf8");
    expect(types).toContain(alias);
    expect(types).toContain(doc);
  });

  it.each([
    ["typed", 'switch (event.type) {\n    case "invoice.created":'],
    ["declared", 'switch (event.shape) {\n    case "circle":'],
    ["none", 'switch (result.event) {\n    case "alpha":'],
  ])("%s: the README's switch is on what tells the events apart", async (name, snippet) => {
    const { readFileSync } = await import("node:fs");
    expect(readFileSync(path.join(subjects.get(name)!.dir, "README.md"), "utf8")).toContain(snippet);
  });

  it("index.json selects by the discriminant, or is a oneOf without one", async () => {
    const { readFileSync } = await import("node:fs");
    const typed = JSON.parse(readFileSync(path.join(subjects.get("typed")!.dir, "schemas/index.json"), "utf8"));
    expect(typed.properties).toEqual({ type: { enum: ["invoice.created", "invoice.paid"] } });
    expect(typed.allOf[0].if).toEqual({ properties: { type: { const: "invoice.created" } }, required: ["type"] });
    const none = JSON.parse(readFileSync(path.join(subjects.get("none")!.dir, "schemas/index.json"), "utf8"));
    expect(none.oneOf).toHaveLength(4);
    expect(none.allOf).toBeUndefined();
  });
});

describe("validateWebhookEvent without a discriminant", () => {
  it.each([
    ["one event matches", { x: "a" }, undefined, { ok: true, event: "alpha" }],
    ["two events match", { z: "a" }, undefined, { ok: false, code: "invalid_union", message: /"gammaOne", "gammaTwo"/ }],
    ["none matches", { x: 1 }, undefined, { ok: false, code: "invalid_union", message: /Matches no event \(alpha: .*; beta: / }],
    ["an extra property, rejected", { x: "a", extra: 1 }, "reject", { ok: false, code: "invalid_union", message: /Matches no event/ }],
    ["an extra property, allowed: the one event that tolerates it", { x: "a", extra: 1 }, "allow", { ok: true, event: "alpha", warnings: 1 }],
    ["an extra property, allowed, two events tolerate it", { z: "a", extra: 1 }, "allow", { ok: false, code: "invalid_union", message: /"gammaOne", "gammaTwo"/ }],
    ["not an object", "text", undefined, { ok: false, code: "invalid_union", message: /Matches no event/ }],
  ] as const)("%s", (_, value, mode, expected) => {
    const { api } = subjects.get("none")!;
    const result = api.validateWebhookEvent(value, mode === undefined ? undefined : { unknownProperties: mode });
    expect(result.ok).toBe(expected.ok);
    if (expected.ok) {
      expect(result.event).toBe(expected.event);
      expect(result.warnings).toHaveLength("warnings" in expected ? expected.warnings : 0);
    } else {
      expect(result.issues).toHaveLength(1);
      expect(result.issues[0].code).toBe(expected.code);
      expect(result.issues[0].message).toMatch(expected.message);
    }
  });

  it("parseWebhookEvent parses, then validates against every event", () => {
    expect(subjects.get("none")!.api.parseWebhookEvent('{"y":3}')).toMatchObject({ ok: true, event: "beta" });
  });
});

describe("--event-property", () => {
  const write = (spec: unknown) => {
    const dir = tempDir();
    const file = path.join(dir, "spec.json");
    writeFileSync(file, JSON.stringify(spec));
    return { file, out: path.join(dir, "out") };
  };
  const twoConsts = webhookSpec("Two", {
    a: hook(closed(["type", "name"], { type: { type: "string", const: "A" }, name: { type: "string", const: "first" } })),
    b: hook(closed(["type", "name"], { type: { type: "string", const: "B" }, name: { type: "string", const: "second" } })),
  });

  it("chooses the property, reported in --report", () => {
    const { file, out } = write(twoConsts);
    const run = runCli([file, "--out", out, "--event-property", "/name", "--report"]);
    expect(run.status, run.stderr).toBe(0);
    const found = runCli([file, "--out", out, "--report"]);
    expect(found.stdout).toMatch(/\| discriminant \| {2}\| Events are discriminated by `\/type` .*chosen over `\/name`/);
  });

  it.each([
    ["a nested pointer", "/data/type", /top-level property/],
    ["a property that is not a string const", "/radius", /"circle" has no required `radius` property that is a string of one value/],
    ["a property of one event only", "/side", /"circle" has no required `side`/],
  ])("refuses %s (exit 2)", (_, pointer, message) => {
    const { file, out } = write(SPECS.declared);
    const run = runCli([file, "--out", out, "--event-property", pointer]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
