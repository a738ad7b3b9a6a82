import { describe, expect, it } from "vitest";
import { bumpVersion } from "../src/diff/diff-specs.js";

/** As semver (npm's `semver.inc`) bumps: a prerelease is released by the bump that reaches it, build metadata dropped. */
describe("bumpVersion", () => {
  it.each<[string, "major" | "minor" | "patch" | "none", string]>([
    ["1.2.3", "patch", "1.2.4"],
    ["1.2.3", "minor", "1.3.0"],
    ["1.2.3", "major", "2.0.0"],
    ["1.2.3", "none", "1.2.3"],
    ["1.2.3-beta.1", "patch", "1.2.3"],
    ["1.2.3-beta.1", "minor", "1.3.0"],
    ["1.2.0-beta.1", "minor", "1.2.0"],
    ["1.2.3-beta.1", "major", "2.0.0"],
    ["2.0.0-rc.1", "major", "2.0.0"],
    ["1.2.3-beta.1", "none", "1.2.3-beta.1"],
    ["1.2.3+build.5", "patch", "1.2.4"],
    ["1.2.3+build.5", "none", "1.2.3+build.5"],
    ["0.0.0", "patch", "0.0.1"],
  ])("%s, %s → %s", (version, bump, want) => {
    expect(bumpVersion(version, bump)).toBe(want);
  });
});
