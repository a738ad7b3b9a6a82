import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../src/index.js";
import { importFrom, readTree, removeTempDirs, tempDir } from "./support/helpers.js";
import { mutate } from "./support/mutations.js";
import { compileOracle } from "./support/oracle.js";

afterAll(removeTempDirs);

/** An event with objects big enough to be split into functions of their own (as Zoom's settings events are). */
function largeSpec(): unknown {
  const leaf = (i: number) => (i % 3 === 0 ? { type: "integer", minimum: 0 } : i % 3 === 1 ? { type: "string", enum: ["on", "off"] } : { type: "boolean" });
  const group = (prefix: string, count: number) => ({
    type: "object",
    additionalProperties: false,
    required: [`${prefix}0`],
    properties: Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i}`, leaf(i)])),
  });
  const settings = {
    type: "object",
    additionalProperties: false,
    properties: { meeting: group("m", 30), recording: group("r", 30), nested: { type: "object", additionalProperties: false, properties: { deep: group("d", 45) } } },
  };
  return {
    openapi: "3.1.0",
    info: { title: "Large", version: "1.0.0" },
    webhooks: {
      "account.settings_updated": {
        post: {
          requestBody: {
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  additionalProperties: false,
                  required: ["event", "payload"],
                  properties: { event: { type: "string", enum: ["account.settings_updated"] }, payload: { type: "object", additionalProperties: false, required: ["settings"], properties: { settings, flat: group("f", 45) } } },
                },
              },
            },
          },
        },
      },
    },
  };
}

describe("large objects are split into functions of their own", () => {
  it("emits split functions, and they agree with ajv on the whole mutation corpus, with the right pointers", async () => {
    const dir = tempDir("cg-split-");
    const spec = path.join(dir, "large.json");
    writeFileSync(spec, JSON.stringify(largeSpec()));
    const out = path.join(dir, "pkg");
    const { model } = await generate({ spec, outDir: out });
    const guards = readTree(out).get("src/guards.ts")!;
    // The large settings objects are named types with shared functions; inside those, objects still split off.
    expect(model.namedTypes.map((t) => t.name)).toEqual(["Meeting", "Recording", "Nested", "Deep"]);
    expect(guards).toMatch(/function testMeeting\(value: unknown, allow: boolean\): boolean/);
    expect(guards).toMatch(/function checkDeep\(\s*v: unknown,\s*path: Path,\s*pointer: string/);
    // payload.flat: large, but too shallow to be named: split off the event's own functions.
    expect(guards).toMatch(/function testAccountSettingsUpdatedEvent_1\(v: unknown, allow: boolean, value: unknown\): boolean/);
    expect(guards).toMatch(/function checkAccountSettingsUpdatedEvent_1\(\s*v: unknown,\s*path: Path,\s*pointer: string/);
    const api = await importFrom<Record<string, any>>(path.join(out, "dist/index.js"));
    const { fixtures } = await importFrom<Record<string, any>>(path.join(out, "dist/fixtures.js"));
    const oracle = compileOracle(model).get("account.settings_updated")!;
    const event = model.events[0]!;
    const corpus = mutate(event.body, fixtures["account.settings_updated"].full);
    expect(corpus.length).toBeGreaterThan(300);
    for (const mutation of corpus) {
      const result = api.validateAccountSettingsUpdatedEvent(mutation.value);
      expect(result.ok, mutation.title).toBe(oracle(mutation.value));
      expect(api.isAccountSettingsUpdatedEvent(mutation.value), mutation.title).toBe(result.ok);
      if (!result.ok) {
        const pointer = mutation.path.map((t) => "/" + String(t)).join("");
        expect(result.issues, mutation.title).toContainEqual(expect.objectContaining({ pointer, code: mutation.code, path: [...mutation.path] }));
      }
    }
    // A non-plain object deep inside still takes the checker's path.
    const inherited = JSON.parse(JSON.stringify(fixtures["account.settings_updated"].full));
    inherited.payload.settings.nested.deep = Object.create(inherited.payload.settings.nested.deep);
    expect(api.isAccountSettingsUpdatedEvent(inherited)).toBe(false);
    expect(api.validateAccountSettingsUpdatedEvent(inherited)).toMatchObject({ ok: false });
    // ... and a non-plain object that is valid passes (the shared function's fallback checks the shape's root).
    const plainCopy = JSON.parse(JSON.stringify(fixtures["account.settings_updated"].full));
    plainCopy.payload.settings.meeting = Object.assign(Object.create(null), plainCopy.payload.settings.meeting);
    expect(api.isAccountSettingsUpdatedEvent(plainCopy)).toBe(true);
    const classy = JSON.parse(JSON.stringify(fixtures["account.settings_updated"].full));
    classy.payload.settings.meeting = Object.assign(new (class Meeting {})(), classy.payload.settings.meeting);
    expect(api.isAccountSettingsUpdatedEvent(classy)).toBe(api.validateAccountSettingsUpdatedEvent(classy).ok);
  });
});
