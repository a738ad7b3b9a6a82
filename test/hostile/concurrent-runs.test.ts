import { spawn } from "node:child_process";
import { cpSync, existsSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, ROOT, SPEC, readTree, removeTempDirs, tempDir } from "../support/helpers.js";

/**
 * Two CLI runs on one output folder at once (`npm run test:hostile`: a few seconds per run on two cores). The lock
 * beside the folder lets one write; the other exits 2 naming the winner's pid; the folder ends whole, with nothing
 * left beside it. `--type-check` makes a run hold the lock for seconds (its output is the same), so that the runs
 * overlap however the machine schedules them.
 */
afterAll(removeTempDirs);

const GOOD = path.join(ROOT, "generated");
const STACK_FRAME = /^ {4}at .+:\d+:\d+\)?$/m;
const lockOf = (out: string) => path.join(path.dirname(out), `.${path.basename(out)}.cobrowse-gen-lock`);

function start(out: string) {
  const child = spawn(process.execPath, [BIN, SPEC, "--out", out, "-q", "--type-check"], { cwd: ROOT });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const done = new Promise<{ status: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on("close", (status, signal) => resolve({ status, signal, stderr })),
  );
  return { pid: child.pid as number, done };
}

/** An older package of ours in a fresh folder. */
function previous(): string {
  const out = path.join(tempDir("cg-race-"), "out");
  cpSync(GOOD, out, { recursive: true });
  writeFileSync(path.join(out, "src/types.ts"), "// an older version\n");
  return out;
}

describe("two runs on one folder", () => {
  it("the second, started while the first holds the lock, exits 2 naming the first's pid; the folder is whole", async () => {
    const out = previous();
    const first = start(out);
    for (let waited = 0; !existsSync(lockOf(out)) && waited < 30_000; waited += 10) await new Promise((r) => setTimeout(r, 10));
    const second = start(out);
    const [a, b] = await Promise.all([first.done, second.done]);
    expect(a.status, a.stderr).toBe(0);
    expect(b.status, b.stderr).toBe(2);
    expect(b.stderr).toContain(`pid ${first.pid}`);
    expect(b.stderr).toContain(lockOf(out));
    expect(b.stderr).not.toMatch(STACK_FRAME);
    expect(readTree(out)).toEqual(readTree(GOOD));
    expect(readdirSync(path.dirname(out))).toEqual(["out"]);
  });

  it("started at the same instant (2 rounds): one wins, the other exits 2 naming it; never a broken folder or leftovers", async () => {
    for (let round = 0; round < 2; round++) {
      const out = previous();
      const runs = [start(out), start(out)];
      const results = await Promise.all(runs.map((r) => r.done));
      const said = results.map((r) => r.stderr).join("\n---\n");
      expect(results.map((r) => r.status).sort(), said).toEqual([0, 2]);
      const loser = results.findIndex((r) => r.status === 2);
      expect(results[loser]!.stderr, said).toContain(`pid ${runs[1 - loser]!.pid}`);
      expect(readTree(out)).toEqual(readTree(GOOD));
      expect(readdirSync(path.dirname(out))).toEqual(["out"]);
    }
  });
});
