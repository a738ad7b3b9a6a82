import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildPackage } from "../../src/index.js";
import { SHARED_SPECS } from "../support/helpers.js";
import { checkJsonSchemas } from "../support/json-schemas.js";

/** The Zoom corpus's schemas/ against its fixtures (test/json-schemas.test.ts does the vendored spec). */
const CORPUS = path.join(SHARED_SPECS, "zoom");
const SPECS = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith(".json")).sort() : [];

describe.skipIf(!existsSync(CORPUS))("the Zoom corpus's JSON Schema files", () => {
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
