import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, ROOT, readTree, removeTempDirs, tempDir } from "../support/helpers.js";
import { expectPrettierFixedPoints } from "../support/fixed-point.js";
import { codeSpans, fences, headings, rawHtml, renderedText, tableCellCounts } from "../support/render-markdown.js";

/**
 * The hostile-spec corpus (`npm run test:hostile`): one small spec per attack in `cases/`, each with a sibling
 * `<name>.expect.json`. Whatever a spec does, the generator exits 0 or 2 (never 3, never a crash or a signal), stays
 * under 1 GB, writes the whole package or leaves the output folder exactly as it was, and leaves nothing behind.
 */
interface Expectation {
  /** The issue item the case reproduces. */
  readonly item: number;
  readonly exit: 0 | 2;
  /** Extra CLI arguments after `<spec> --out <dir>`. */
  readonly args?: readonly string[];
  /** Substrings stderr must contain (the message, the pointer, the hint). */
  readonly stderr?: readonly string[];
  /** Substrings stderr must not contain. */
  readonly notStderr?: readonly string[];
  /**
   * Start from no output folder (a first generation) instead of the previous package, for what a previous package
   * would hide (its version is kept over the spec's).
   */
  readonly fresh?: boolean;
  /** Files (relative to the output folder) whose text must contain each substring, when exit is 0. */
  readonly files?: Readonly<Record<string, readonly string[]>>;
  /**
   * Event names sent, signed, to the package's receiver with no handler of their own, when exit is 0: each must be
   * answered 200, reach onAny, and report nothing to onError.
   */
  readonly signedEvents?: readonly string[];
  /** Events the generated validateWebhookEvent must accept, and reject, each within GUARD_LIMIT_MS, when exit is 0. */
  readonly accepts?: readonly unknown[];
  readonly rejects?: readonly unknown[];
  /**
   * What generated markdown files show when rendered (CommonMark + GFM tables), when exit is 0: headings as
   * `[level, text]` in this order (others may come between), code spans and fenced blocks with exactly this content,
   * and text (tags stripped, entities decoded) containing each substring.
   */
  readonly markdown?: Readonly<Record<string, RenderedMarkdown>>;
}

interface RenderedMarkdown {
  readonly headings?: readonly (readonly [number, string])[];
  readonly code?: readonly string[];
  readonly fences?: readonly string[];
  readonly text?: readonly string[];
}

const CASES = path.join(ROOT, "test/hostile/cases");
const RSS_PRELOAD = path.join(ROOT, "bench/report-rss.cjs");
const LIMIT_KB = 1024 * 1024;
const STACK_FRAME = /^ {4}at .+:\d+:\d+\)?$/m;
/** A generation that has not finished by then is killed, and the case fails: a hang is a bug like a crash. */
const RUN_LIMIT_MS = 120_000;
/** The generated guard's verdicts, in a child process killed by then (a guard stuck in a regular expression never returns). */
const GUARD_LIMIT_MS = 20_000;

function verdicts(out: string, values: readonly unknown[]): { ok: boolean[] | undefined; said: string } {
  const script = `const { readFileSync } = await import("node:fs");
    const { validateWebhookEvent } = await import(${JSON.stringify(path.join(out, "dist/index.js"))});
    const values = JSON.parse(readFileSync(0, "utf8"));
    process.stdout.write(JSON.stringify(values.map((v) => validateWebhookEvent(v).ok)));`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { input: JSON.stringify(values), encoding: "utf8", timeout: GUARD_LIMIT_MS, killSignal: "SIGKILL" });
  return { ok: run.status === 0 ? (JSON.parse(run.stdout) as boolean[]) : undefined, said: `${run.signal ?? `exit ${run.status}`}: ${run.stderr}` };
}

const cases = readdirSync(CASES)
  .filter((name) => name.endsWith(".json") && !name.endsWith(".expect.json"))
  .sort()
  .map((name) => {
    const base = name.slice(0, -".json".length);
    const expectFile = path.join(CASES, `${base}.expect.json`);
    if (!existsSync(expectFile)) throw new Error(`test/hostile/cases/${base}.expect.json is missing`);
    return { name: base, spec: path.join(CASES, name), expect: JSON.parse(readFileSync(expectFile, "utf8")) as Expectation };
  });

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  peakKb: number | undefined;
}

function run(args: readonly string[], rssFile: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--require", RSS_PRELOAD, BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, CG_BENCH_RSS_FILE: rssFile },
      timeout: RUN_LIMIT_MS,
      killSignal: "SIGKILL",
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (status, signal) => {
      const peakKb = existsSync(rssFile) ? Number(readFileSync(rssFile, "utf8")) : undefined;
      resolve({ status, signal, stdout, stderr, peakKb });
    });
  });
}

let previous: string;
beforeAll(async () => {
  // An earlier package (the baseline case's) stands in each output folder: exit 2 must leave it exactly as it was,
  // exit 0 must replace all of it.
  previous = path.join(tempDir("cg-hostile-previous-"), "out");
  const made = await run([path.join(CASES, "00-baseline.json"), "--out", previous, "--quiet"], `${previous}.rss`);
  expect(made.status, made.stderr).toBe(0);
});
afterAll(removeTempDirs);

describe("hostile-spec corpus", () => {
  it("has cases, each with its expectation", () => {
    expect(cases.length).toBeGreaterThan(0);
    const specs = new Set(cases.map((c) => c.name));
    for (const name of readdirSync(CASES).filter((n) => n.endsWith(".expect.json"))) {
      expect(specs.has(name.slice(0, -".expect.json".length)), `${name} has no spec`).toBe(true);
    }
  });

  it.each(cases)("$name", async ({ name, spec, expect: want }) => {
    const work = tempDir(`cg-hostile-`);
    const out = path.join(work, "out");
    if (!want.fresh) cpSync(previous, out, { recursive: true });
    const before = want.fresh ? undefined : readTree(out);

    const result = await run([spec, "--out", out, ...(want.args ?? [])], path.join(work, "rss"));
    const said = `${name}\n--- stderr ---\n${result.stderr}\n--- stdout ---\n${result.stdout}`;

    expect(result.signal, said).toBeNull();
    expect(result.status, said).toBe(want.exit);
    expect(result.stderr, said).not.toMatch(STACK_FRAME);
    expect(result.peakKb, "peak RSS (kB) under 1 GB").toBeLessThan(LIMIT_KB);
    for (const text of want.stderr ?? []) expect(result.stderr, said).toContain(text);
    for (const text of want.notStderr ?? []) expect(result.stderr, said).not.toContain(text);

    // Nothing but the output folder is left beside it: no temp folders, no lock files.
    expect(readdirSync(work).filter((n) => n !== "rss").sort()).toEqual(want.fresh && want.exit === 2 ? [] : ["out"]);
    if (want.exit === 2) {
      if (before !== undefined) expect(readTree(out)).toEqual(before);
      return;
    }
    const files = readTree(out);
    if (name !== "00-baseline" && before !== undefined) expect(files, "the previous package is replaced").not.toEqual(before);
    for (const required of ["package.json", "dist/index.js", "dist/index.d.ts", "src/index.ts", "README.md", "EVENTS.md"]) {
      expect(files.has(required), `${required} written`).toBe(true);
    }
    for (const [file, texts] of Object.entries(want.files ?? {})) {
      expect(files.has(file), `${file} written`).toBe(true);
      for (const text of texts) expect(files.get(file), file).toContain(text);
    }
    // Every markdown file: a prettier fixed point, no raw HTML but the banner, every table row with its header's
    // number of cells.
    await expectPrettierFixedPoints([...files].filter(([file]) => file.endsWith(".md")).map(([file, contents]) => ({ path: file, contents })));
    for (const [file, text] of files) {
      if (!file.endsWith(".md")) continue;
      expect(rawHtml(text), `raw HTML in ${file}`).toEqual([]);
      for (const table of tableCellCounts(text)) expect(table.rows, `cells per row of a table in ${file}`).toEqual(table.rows.map(() => table.header));
    }
    for (const [file, shows] of Object.entries(want.markdown ?? {})) {
      const text = files.get(file) ?? "";
      const shown = headings(text);
      let at = 0;
      for (const heading of shows.headings ?? []) {
        const found = shown.findIndex(([level, title], i) => i >= at && level === heading[0] && title === heading[1]);
        expect(found, `heading ${JSON.stringify(heading)} in ${file} (has ${JSON.stringify(shown)})`).toBeGreaterThanOrEqual(0);
        at = found + 1;
      }
      for (const code of shows.code ?? []) expect(codeSpans(text), `code span in ${file}`).toContain(code);
      for (const fence of shows.fences ?? []) expect(fences(text), `fenced block in ${file}`).toContain(fence);
      for (const shown of shows.text ?? []) expect(renderedText(text), `rendered ${file}`).toContain(shown);
    }
    // The package loads.
    const index = await import(`${path.join(out, "dist/index.js")}?${Date.now()}`);
    expect(typeof index.validateWebhookEvent).toBe("function");
    for (const event of want.signedEvents ?? []) {
      const seen: unknown[] = [];
      const handler = index.createWebhookHandler({
        secret: "hostile-secret",
        on: {},
        onAny: (value: { event: string }) => void seen.push(value.event),
        onError: (error: unknown, context: { stage: string }) => void seen.push([context.stage, String(error)]),
      });
      const body = JSON.stringify({ event });
      const headers = { "content-type": "application/json", ...index.signWebhook({ body, secret: "hostile-secret" }) };
      const response = await handler.fetch(new Request("http://localhost/", { method: "POST", body, headers }));
      expect([response.status, seen], event).toEqual([200, [event]]);
    }
    for (const [values, ok] of [
      [want.accepts, true],
      [want.rejects, false],
    ] as const) {
      if (values === undefined) continue;
      const { ok: got, said: guard } = verdicts(out, values);
      expect(got, `validateWebhookEvent within ${GUARD_LIMIT_MS} ms (${guard})`).toEqual(values.map(() => ok));
    }
  });
});
