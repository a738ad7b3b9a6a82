import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSpecText } from "../../src/load/load-spec.js";
import { normalizeSpec } from "../../src/normalize/normalize-spec.js";
import { ROOT, removeTempDirs, runCli, tempDir } from "../support/helpers.js";

afterAll(removeTempDirs);

const BASELINE = path.join(ROOT, "test/hostile/cases/00-baseline.json");
const withVersion = (version: unknown) => {
  const spec = JSON.parse(readFileSync(BASELINE, "utf8"));
  spec.info.version = version;
  return JSON.stringify(spec, null, 2);
};

describe("the package version from info.version", () => {
  it.each([
    ["1.0.0", "1.0.0", false],
    ["1.2.3-beta.1", "1.2.3-beta.1", false],
    ["2.0.0+build.7", "2.0.0+build.7", false],
    ["v2", "0.0.0", true],
    ["2024-05-01", "0.0.0", true],
    ["1.0", "0.0.0", true],
    ["01.2.3", "0.0.0", true],
    [3, "0.0.0", true],
  ])("%j → %s, warned: %s (it became 0.0.0 silently)", async (version, packageVersion, warned) => {
    const { model, warnings } = normalizeSpec(await loadSpecText(withVersion(version), "spec.json"));
    expect(model.packageVersion).toBe(packageVersion);
    const found = warnings.filter((w) => w.code === "non-semver-version");
    expect(found).toEqual(warned ? [expect.objectContaining({ pointer: "/info/version", hint: expect.stringContaining("--package-version") })] : []);
  });

  it("an explicit package version needs no warning", async () => {
    const { model, warnings } = normalizeSpec(await loadSpecText(withVersion("v2"), "spec.json"), { packageVersion: "4.5.6" });
    expect(model.packageVersion).toBe("4.5.6");
    expect(warnings.filter((w) => w.code === "non-semver-version")).toEqual([]);
  });

  it("the CLI warns at /info/version, and refuses a --package-version that is not semver (it wrote it into package.json)", () => {
    const dir = tempDir();
    const spec = path.join(dir, "spec.json");
    writeFileSync(spec, withVersion("v2"));
    const warned = runCli([spec, "--out", path.join(dir, "a")]);
    expect(warned.status).toBe(0);
    expect(warned.stderr).toContain("#/info/version");
    expect(JSON.parse(readFileSync(path.join(dir, "a/package.json"), "utf8")).version).toBe("0.0.0");
    const refused = runCli([spec, "--out", path.join(dir, "b"), "--package-version", "banana"]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("--package-version");
  });

  it("update warns too when it bumps from the spec's unusable version (no package version in the output yet)", () => {
    const dir = tempDir();
    const vendored = path.join(dir, "webhooks.json");
    writeFileSync(vendored, withVersion("v2"));
    const next = path.join(dir, "next.json");
    writeFileSync(next, withVersion("v3"));
    const run = runCli(["update", next, "--spec", vendored, "--out", path.join(dir, "out")]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain("#/info/version");
    expect(run.stderr).toContain("--package-version");
  });
});
