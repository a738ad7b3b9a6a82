import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildPackage, generate } from "../../src/index.js";
import { expectPrettierFixedPoints } from "../support/fixed-point.js";
import { importFrom, removeTempDirs, tempDir } from "../support/helpers.js";
import { compilePackage } from "../support/compile.js";
import { compileOracle } from "../support/oracle.js";
import { ZOOM_CORPUS, ZOOM_CORPUS_PRESENT } from "../support/zoom-corpus.js";

/**
 * The real Zoom webhook specs (ZOOM_CORPUS_DIR, default shared/specs/zoom; slow: `npm run test:corpus`, also run by .ci/run). Every one must
 * generate and pass the same contract as Cobrowse.
 */
const CORPUS = ZOOM_CORPUS;
const SPECS = ZOOM_CORPUS_PRESENT ? readdirSync(CORPUS).filter((f) => f.endsWith(".json")).map((f) => f.replace(/\.json$/, "")).sort() : [];

afterAll(removeTempDirs);

describe.skipIf(!ZOOM_CORPUS_PRESENT)("the Zoom spec corpus", () => {
  it("has the 12 specs this test knows about", () => {
    expect(readdirSync(CORPUS).filter((f) => f.endsWith(".json")).length).toBe(12);
  });

  it.each(SPECS)("%s: generates a package that compiles strictly and whose fixtures, examples and guards agree with ajv", async (name) => {
    const out = path.join(tempDir("cg-corpus-"), name);
    const { model } = await generate({ spec: path.join(CORPUS, `${name}.json`), outDir: out });
    const api = await importFrom<Record<string, any>>(path.join(out, "dist/index.js"));
    const { fixtures, invalidFixtures } = await importFrom<Record<string, any>>(path.join(out, "dist/fixtures.js"));
    const oracle = compileOracle(model);
    expect(model.events.length).toBeGreaterThan(0);
    // Generation compiles dist/ file by file without a type check: the check is here.
    expect(compilePackage(out)).toEqual({ sources: [], declarations: [] });
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

  it.each(SPECS)("%s: every generated .ts, .md and .json file is a prettier fixed point", async (name) => {
    const { files } = await buildPackage({ spec: path.join(CORPUS, `${name}.json`) });
    expect(await expectPrettierFixedPoints(files)).toBeGreaterThan(10);
  });
});
