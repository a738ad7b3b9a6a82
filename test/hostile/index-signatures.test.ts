import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../src/index.js";
import { compile, compilePackage } from "../support/compile.js";
import { importFrom, removeTempDirs, tempDir } from "../support/helpers.js";

/**
 * Declared properties beside an index signature of another type (additionalProperties or patternProperties as a
 * schema): JSON Schema holds only undeclared properties to it, TypeScript holds every property. The types were
 * `{ open: boolean } & { [key: string]: string }`, where `open` is `never`; the package's own fixtures did not compile.
 */
const object = (extra: Record<string, unknown>) => ({
  type: "object",
  required: ["name", "open"],
  properties: { name: { type: "string" }, open: { type: "boolean" }, count: { type: "integer" } },
  ...extra,
});
const payload = {
  type: "object",
  required: ["additional", "pattern_closed", "pattern_open"],
  properties: {
    additional: object({ additionalProperties: { type: "string" } }),
    pattern_closed: object({ patternProperties: { "^x_": { type: "integer" } }, additionalProperties: false }),
    pattern_open: object({ patternProperties: { "^x_": { type: "integer" } } }),
  },
  additionalProperties: false,
};
const spec = {
  openapi: "3.1.0",
  info: { title: "Index Signatures", version: "1.0.0" },
  webhooks: {
    "thing.indexed": {
      post: {
        requestBody: {
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["event", "payload"],
                properties: { event: { type: "string", enum: ["thing.indexed"] }, payload },
                additionalProperties: false,
              },
            },
          },
        },
        responses: { "200": { description: "OK" } },
      },
    },
  },
};

let out: string;
beforeAll(async () => {
  const dir = tempDir();
  const file = path.join(dir, "spec.json");
  writeFileSync(file, JSON.stringify(spec));
  out = path.join(dir, "out");
  await generate({ spec: file, outDir: out, typeCheck: true });
});
afterAll(removeTempDirs);

describe("declared properties beside an index signature of another type", () => {
  it("compile strictly, fixtures included, and keep their own types", () => {
    expect(compilePackage(out)).toEqual({ sources: [], declarations: [] });
    const consumer = path.join(out, "consumer.ts");
    writeFileSync(
      consumer,
      [
        `import type { ThingIndexedEvent } from "./src/index.js";`,
        `type P = ThingIndexedEvent["payload"];`,
        ...["additional", "pattern_closed", "pattern_open"].flatMap((key) => [
          `// @ts-expect-error a boolean, not never`,
          `export const ${key}_open: string = null as unknown as P["${key}"]["open"];`,
          `export const ${key}_flag: boolean = null as unknown as P["${key}"]["open"];`,
          `export const ${key}_value: P["${key}"] = { name: "n", open: true, count: 1 };`,
        ]),
      ].join("\n"),
    );
    expect(compile([consumer])).toEqual([]);
  });

  it("the guards still hold undeclared properties to the index schema", async () => {
    const api = await importFrom<any>(path.join(out, "dist/index.js"));
    const { fixtures } = await importFrom<any>(path.join(out, "dist/fixtures.js"));
    const full = fixtures["thing.indexed"].full;
    expect(api.validateWebhookEvent(full)).toMatchObject({ ok: true });
    const bad = { ...full, payload: { ...full.payload, additional: { ...full.payload.additional, extra: true } } };
    expect(api.validateWebhookEvent(bad)).toMatchObject({ ok: false, issues: [{ pointer: "/payload/additional/extra" }] });
  });
});
