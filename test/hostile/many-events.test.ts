import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../src/index.js";
import { MAX_LISTED_ENUM_VALUES } from "../../src/model/model.js";
import { importFrom, removeTempDirs, tempDir } from "../support/helpers.js";

/** A spec with many events: the issue for an unknown or missing event name listed every one of them. */
const EVENTS = 200;
const body = (name: string) => ({
  content: {
    "application/json": {
      schema: { type: "object", required: ["event"], properties: { event: { type: "string", enum: [name] } } },
    },
  },
});
const spec = {
  openapi: "3.1.0",
  info: { title: "Many Events", version: "1.0.0" },
  webhooks: Object.fromEntries(
    Array.from({ length: EVENTS }, (_, i) => {
      const name = `thing.happened_${String(i).padStart(3, "0")}`;
      return [name, { post: { requestBody: body(name), responses: { "200": { description: "OK" } } } }];
    }),
  ),
};

afterAll(removeTempDirs);

describe("a spec with many events", () => {
  it("names at most MAX_LISTED_ENUM_VALUES of them in an unknown_event or missing_property issue", async () => {
    const dir = tempDir();
    const file = path.join(dir, "spec.json");
    writeFileSync(file, JSON.stringify(spec));
    const out = path.join(dir, "out");
    await generate({ spec: file, outDir: out });
    const api = await importFrom<any>(path.join(out, "dist/index.js"));
    for (const [value, code] of [
      [{ event: "nope" }, "unknown_event"],
      [{}, "missing_property"],
    ] as const) {
      const result = api.validateWebhookEvent(value);
      expect(result).toMatchObject({ ok: false, issues: [{ code, pointer: "/event" }] });
      const { message, expected } = result.issues[0];
      expect(expected).toContain(`... and ${EVENTS - MAX_LISTED_ENUM_VALUES} more`);
      expect(expected.split(" | ")).toHaveLength(MAX_LISTED_ENUM_VALUES + 1);
      expect(message.length).toBeLessThan(1_500);
    }
    expect(api.validateWebhookEvent({ event: "thing.happened_199" })).toMatchObject({ ok: true });
  });
});
