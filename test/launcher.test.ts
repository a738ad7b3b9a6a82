import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, removeTempDirs, tempDir } from "./support/helpers.js";

afterAll(removeTempDirs);

/** A copy of bin/cobrowse-gen.js beside a dist/ holding only `files` (path under dist/ → contents). */
function launcherWith(files: Record<string, string>): string {
  const root = tempDir("cg-launcher-");
  writeFileSync(path.join(root, "package.json"), JSON.stringify({ name: "cobrowse-gen", type: "module" }));
  mkdirSync(path.join(root, "bin"));
  copyFileSync(BIN, path.join(root, "bin/cobrowse-gen.js"));
  for (const [file, contents] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, "dist", file)), { recursive: true });
    writeFileSync(path.join(root, "dist", file), contents);
  }
  return root;
}

const cases: { name: string; files: Record<string, string>; status: number; stderr: RegExp[]; notStderr: RegExp[] }[] = [
  { name: "no dist/ at all", files: {}, status: 3, stderr: [/is not built/], notStderr: [/at .+:\d+:\d+/] },
  { name: "dist/ without the CLI", files: { "index.js": "export {};\n" }, status: 3, stderr: [/is not built/], notStderr: [] },
  {
    name: "the CLI imports a package that is not installed",
    files: { "cli/run-cli.js": 'import "cg-no-such-package";\nexport const main = () => 0;\n' },
    status: 3,
    stderr: [/cg-no-such-package/, /npm install/],
    notStderr: [/not built/],
  },
  {
    name: "the CLI imports a module of its own that is missing",
    files: { "cli/run-cli.js": 'import "../commands/gone.js";\nexport const main = () => 0;\n' },
    status: 3,
    stderr: [/commands[\\/]gone\.js/],
    notStderr: [/not built/],
  },
  { name: "a CLI that loads", files: { "cli/run-cli.js": "export const main = (argv) => argv.length;\n" }, status: 2, stderr: [], notStderr: [/./] },
];

describe("bin/cobrowse-gen.js", () => {
  it.each(cases)("$name: exit $status", ({ files, status, stderr, notStderr }) => {
    const root = launcherWith(files);
    const run = spawnSync(process.execPath, [path.join(root, "bin/cobrowse-gen.js"), "a", "b"], { cwd: root, encoding: "utf8" });
    expect(run.status, run.stderr).toBe(status);
    for (const pattern of stderr) expect(run.stderr).toMatch(pattern);
    for (const pattern of notStderr) expect(run.stderr).not.toMatch(pattern);
  });
});
