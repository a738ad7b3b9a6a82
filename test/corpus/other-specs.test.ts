import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../src/index.js";
import type { GenerateOptions } from "../../src/commands/generate.js";
import { compilePackage } from "../support/compile.js";
import {
  importFrom,
  removeTempDirs,
  ROOT,
  tempDir,
} from "../support/helpers.js";
import { checkJsonSchemas } from "../support/json-schemas.js";

afterAll(removeTempDirs);

const DIR = path.join(ROOT, "test/specs/other");

/**
 * Specs that are not Zoom's, each as a new user would generate it. The table says what each one exercises and how it
 * is generated; a spec in the folder without a row fails the first test, so none is silently left out.
 */
const SPECS: Record<
  string,
  { readonly options?: Partial<GenerateOptions>; readonly events: number }
> = {
  // The OpenAPI Specification's own webhook example (one event, no discriminant), as published in YAML, and in JSON.
  "openapi-webhook-example.yaml": { events: 1 },
  "openapi-webhook-example.json": { events: 1 },
  // Zoom's shape (`event`) with components: path items with overrides, request bodies, examples and shared schemas.
  // Detected as Zoom's (an `event` property, no servers): the router is asked for.
  "openapi-webhook-example-event.json": { options: { receiver: "none" }, events: 1 },
  "path-items.json": { options: { receiver: "none" }, events: 4 },
  // Path items, request bodies and example refs, told apart by discriminator.propertyName (`kind`).
  "path-items-discriminator.json": { events: 3 },
  // Standard Webhooks: a `type` const (found automatically), one event named apart from its type, a shared component.
  "standard-webhooks.json": { options: { receiver: "standard" }, events: 3 },
  // No property tells the events apart.
  "no-discriminant.json": { events: 2 },
};

interface Package {
  validateWebhookEvent(
    value: unknown,
    options?: { unknownProperties?: string },
  ): { ok: boolean; event?: string; issues?: { code: string }[] };
}
interface Fixtures {
  fixtures: Record<
    string,
    { example?: unknown; minimal: unknown; full: unknown; variants: unknown[] }
  >;
  invalidFixtures: Record<string, { description: string; value: unknown }[]>;
}

it("every spec of test/specs/other has a row", () => {
  expect(readdirSync(DIR).sort()).toEqual(Object.keys(SPECS).sort());
});

describe.each(Object.entries(SPECS))("%s", (file, { options, events }) => {
  let out: string;
  let files: readonly { path: string; contents: string }[];

  it("generates a package", async () => {
    out = path.join(tempDir(), "pkg");
    const result = await generate({
      spec: path.join(DIR, file),
      outDir: out,
      ...options,
    });
    expect(result.model.events).toHaveLength(events);
    files = result.files;
  });

  it("type-checks under the strict flags", () => {
    const { sources, declarations } = compilePackage(out);
    expect(sources).toEqual([]);
    expect(declarations).toEqual([]);
  });

  it("has every fixture pass its guard, and every invalid one fail", async () => {
    const guards = await importFrom<Package>(path.join(out, "dist/guards.js"));
    const { fixtures, invalidFixtures } = await importFrom<Fixtures>(
      path.join(out, "dist/fixtures.js"),
    );
    expect(Object.keys(fixtures)).toHaveLength(events);
    for (const [name, set] of Object.entries(fixtures)) {
      for (const value of [
        set.example,
        set.minimal,
        set.full,
        ...set.variants,
      ].filter((v) => v !== undefined)) {
        const result = guards.validateWebhookEvent(value, {
          unknownProperties: "reject",
        });
        expect(result, `${name}: ${JSON.stringify(value)}`).toMatchObject({
          ok: true,
        });
      }
      for (const invalid of invalidFixtures[name] ?? []) {
        expect(
          guards.validateWebhookEvent(invalid.value, {
            unknownProperties: "reject",
          }).ok,
          `${name}: ${invalid.description}`,
        ).toBe(false);
      }
    }
  });

  it("has every fixture agree with ajv over the JSON Schema files", () => {
    const check = checkJsonSchemas(files);
    expect(check.disagreements).toEqual([]);
    expect(check.valid).toBeGreaterThan(0);
  });

  it("routes every valid fixture to its event's handler", async () => {
    const { createWebhookRouter } = await importFrom<
      typeof import("../support/router-package.js")
    >(path.join(out, "dist/receiver.js"));
    const { fixtures } = await importFrom<Fixtures>(
      path.join(out, "dist/fixtures.js"),
    );
    const seen: string[] = [];
    const on = Object.fromEntries(
      Object.keys(fixtures).map((name) => [name, () => void seen.push(name)]),
    );
    const router = createWebhookRouter({ on, onError: () => undefined });
    for (const [name, set] of Object.entries(fixtures)) {
      seen.length = 0;
      expect(await router.routeBody(JSON.stringify(set.full))).toEqual({
        status: "handled",
        event: name,
      });
      expect(seen).toEqual([name]);
    }
  });
});
