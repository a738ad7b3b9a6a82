import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../src/index.js";
import { SHARED_SPECS, importFrom, removeTempDirs, runCliAsync, tempDir } from "../support/helpers.js";
import { compileOracle } from "../support/oracle.js";

/**
 * The real Zoom webhook specs in shared/specs/zoom (slow: `npm run test:corpus`, also run by .ci/run). Specs that
 * generate must pass the same contract as Cobrowse; the others must fail cleanly, naming what is not supported yet.
 */
const CORPUS = path.join(SHARED_SPECS, "zoom");
const GENERATES = [
  "accounts-events-page-openapi",
  "accounts-webhooks",
  "calendar-webhooks",
  "chatbot-webhooks",
  "mail-webhooks",
  "rooms-webhooks",
  "users-webhooks",
  "video-sdk-webhooks",
];

afterAll(removeTempDirs);

describe.skipIf(!existsSync(CORPUS))("the Zoom spec corpus", () => {
  it("has the 12 specs this test knows about", () => {
    expect(readdirSync(CORPUS).filter((f) => f.endsWith(".json")).length).toBe(12);
  });

  it.each(GENERATES)("%s: generates a package whose fixtures, examples and guards agree with ajv", async (name) => {
    const out = path.join(tempDir("cg-corpus-"), name);
    const { model } = await generate({ spec: path.join(CORPUS, `${name}.json`), outDir: out });
    const api = await importFrom<Record<string, any>>(path.join(out, "dist/index.js"));
    const { fixtures, invalidFixtures } = await importFrom<Record<string, any>>(path.join(out, "dist/fixtures.js"));
    const oracle = compileOracle(model);
    expect(model.events.length).toBeGreaterThan(0);
    for (const event of model.events) {
      const set = fixtures[event.name];
      for (const value of [...set.examples, set.minimal, set.full, ...set.variants]) {
        expect(api.validateWebhookEvent(value).ok, `${event.name}`).toBe(true);
        expect(oracle.get(event.name)!(value), `ajv: ${event.name}`).toBe(true);
      }
      for (const fixture of invalidFixtures[event.name]) {
        const result = api.validateWebhookEvent(fixture.value);
        expect(result.ok, `${event.name} ${fixture.name}`).toBe(false);
        expect(result.issues.map((i: { pointer: string; code: string }) => ({ pointer: i.pointer, code: i.code })), `${event.name} ${fixture.name}`).toEqual(fixture.expected);
      }
    }
  });

  const failing = existsSync(CORPUS)
    ? readdirSync(CORPUS)
        .filter((f) => f.endsWith(".json"))
        .map((f) => f.replace(/\.json$/, ""))
        .filter((n) => !GENERATES.includes(n))
    : [];
  it.each(failing)("%s: not supported yet, and says so cleanly (exit 2, a pointer, no crash)", async (name) => {
    const run = await runCliAsync([path.join(CORPUS, `${name}.json`), "--out", path.join(tempDir("cg-corpus-"), name), "-q"]);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/^error: .*(not supported yet|does not resolve)/m);
    expect(run.stderr).toMatch(/#\/(webhooks|paths)\//);
  });
});
