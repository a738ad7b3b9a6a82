import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DOCS_PAGE_SPEC, SHARED_SPECS, SPEC } from "./support/helpers.js";

/** The vendored specs are byte-for-byte copies of Zoom's files, as published in shared/ beside the repo. */
describe.skipIf(!existsSync(SHARED_SPECS))("vendored specs", () => {
  it.each([
    [SPEC, "cobrowse-webhooks.json"],
    [DOCS_PAGE_SPEC, "cobrowse-events-page-openapi.json"],
  ])("%s is a byte-for-byte copy of %s", (vendored, original) => {
    expect(readFileSync(vendored).equals(readFileSync(path.join(SHARED_SPECS, original)))).toBe(true);
  });
});
