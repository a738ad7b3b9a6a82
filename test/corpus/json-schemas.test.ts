import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildPackage } from "../../src/index.js";
import { checkJsonSchemas } from "../support/json-schemas.js";
import { ZOOM_CORPUS, ZOOM_CORPUS_PRESENT } from "../support/zoom-corpus.js";

/** The Zoom corpus's schemas/ against its fixtures (test/json-schemas.test.ts does the vendored spec). */
const CORPUS = ZOOM_CORPUS;
const SPECS = ZOOM_CORPUS_PRESENT ? readdirSync(CORPUS).filter((f) => f.endsWith(".json")).sort() : [];

describe.skipIf(!ZOOM_CORPUS_PRESENT)("the Zoom corpus's JSON Schema files", () => {
  it.each(SPECS)("%s: ajv compiles every schema, and accepts every valid fixture and rejects every invalid one", async (file) => {
    const { model, files } = await buildPackage({ spec: path.join(CORPUS, file) });
    const check = checkJsonSchemas(files);
    expect(check.disagreements).toEqual([]);
    expect(check.warnings).toEqual([]);
    expect(check.compiled).toBe(model.events.length + 1);
    expect(check.valid).toBeGreaterThanOrEqual(model.events.length);
    expect(check.invalid).toBeGreaterThan(0);
  });
});
