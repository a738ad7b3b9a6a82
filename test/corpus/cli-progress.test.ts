import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ERASE_LINE, PROGRESS_DELAY_MS } from "../../src/cli/show-progress.js";
import { BIN, SPEC, removeTempDirs, runCli, tempDir } from "../support/helpers.js";
import { ZOOM_CORPUS } from "../support/zoom-corpus.js";

/** The progress line end to end (slow: a real generation of the Zoom Users spec, twice; `npm run test:corpus`). */
afterAll(removeTempDirs);

/**
 * The real CLI on a pseudo-terminal (util-linux `script`), with a run that takes well over a second: the Zoom Users
 * spec of the corpus when it is there, else the vendored spec with --type-check (a TypeScript program: seconds).
 */
const USERS_SPEC = path.join(ZOOM_CORPUS, "users-webhooks.json");
const SLOW_ARGS = existsSync(USERS_SPEC) ? [USERS_SPEC] : [SPEC, "--type-check"];
const hasScript = spawnSync("script", ["--version"]).status === 0;
const quote = (arg: string) => `'${arg.replaceAll("'", `'\\''`)}'`;
const { CI: _ci, ...envWithoutCi } = process.env;

describe("the CLI's progress", () => {
  it.runIf(hasScript)(`on a terminal: a slow generation (${path.basename(SLOW_ARGS[0]!)}) shows progress on stderr, erased before the warnings and summary`, () => {
    const out = path.join(tempDir("cg-progress-tty-"), "out");
    const command = [process.execPath, BIN, ...SLOW_ARGS, "--out", out].map(quote).join(" ");
    const started = Date.now();
    const result = spawnSync("script", ["-qfec", command, "/dev/null"], { env: { ...envWithoutCi, TERM: "xterm" }, encoding: "utf8", timeout: 240_000 });
    const elapsed = Date.now() - started;
    expect(result.status, result.stderr).toBe(0);
    const output = result.stdout;
    expect(output).toContain("Wrote ");
    // Everything before the first line of text is the progress line's redraws, and it ends erased.
    const before = output.slice(0, output.search(/warning:|Wrote /));
    expect(before).toMatch(/^(\r\x1b\[2K[^\r\n]*)*$/);
    expect(output.slice(output.search(/warning:|Wrote /))).not.toContain(ERASE_LINE);
    // Process start-up is not on the progress clock: under a second in all, nothing; well over, the stages.
    if (elapsed < PROGRESS_DELAY_MS) expect(before).toBe("");
    if (elapsed > 2.5 * PROGRESS_DELAY_MS) {
      expect(before).toContain("cobrowse-gen: ");
      expect(before.endsWith(ERASE_LINE)).toBe(true);
    }
  });

  it("piped (not a terminal), the same slow generation prints no progress", () => {
    const out = path.join(tempDir("cg-progress-pipe-"), "out");
    const result = runCli([...SLOW_ARGS, "--out", out], { env: { ...envWithoutCi, TERM: "xterm", CI: "" }, timeoutMs: 240_000 });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).not.toContain("\r");
    expect(result.stderr).not.toContain("cobrowse-gen: ");
    expect(result.stdout).toMatch(/^Wrote \d+ files/);
  });
});
