import { describe, expect, it } from "vitest";
import { buildPackage } from "../src/index.js";
import { KITCHEN_SINK_SPEC, SPEC } from "./support/helpers.js";

/**
 * One file snapshot per generated file. The snapshots end in `.snap` so that no tool treats them as source. A change
 * here is a change users see: read the diff before updating (`npx vitest run test/golden.test.ts -u`).
 */
describe.each([
  ["cobrowse", SPEC],
  ["kitchen-sink", KITCHEN_SINK_SPEC],
])("golden files: %s", async (name, spec) => {
  const { files } = await buildPackage({ spec });

  it("has the expected file list", () => {
    expect(files.map((f) => f.path)).toMatchSnapshot();
  });

  it.each(files.map((f) => [f.path, f.contents]))("%s", async (path, contents) => {
    await expect(contents).toMatchFileSnapshot(`golden/${name}/${path}.snap`);
  });
});
