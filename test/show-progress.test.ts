import { cpSync, existsSync, readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ERASE_LINE, PROGRESS_DELAY_MS, formatBytes, progressLine, showProgress, type ProgressClock } from "../src/cli/show-progress.js";
import type { ProgressEvent } from "../src/commands/report-progress.js";
import { readSource, updateSpec } from "../src/commands/update.js";
import { generate } from "../src/index.js";
import { SPEC, removeTempDirs, tempDir } from "./support/helpers.js";

afterAll(removeTempDirs);

/** A clock whose time moves only when the test says, running the timers that fall due on the way. */
function fakeClock(): ProgressClock & { advance(ms: number): void } {
  let time = 0;
  const timers: { at: number; run: () => void; live: boolean }[] = [];
  return {
    now: () => time,
    later: (run, ms) => {
      const timer = { at: time + ms, run, live: true };
      timers.push(timer);
      return () => {
        timer.live = false;
      };
    },
    advance: (ms) => {
      const end = time + ms;
      for (;;) {
        const next = timers.filter((t) => t.live && t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (next === undefined) break;
        time = next.at;
        next.live = false;
        next.run();
      }
      time = end;
    },
  };
}

function fakeStream(isTTY: boolean, columns = 100) {
  const writes: string[] = [];
  return { isTTY, columns, writes, write: (text: string) => void writes.push(text) };
}

/** Each step: wait this many milliseconds, then report the event (none: the run ends, and the progress stops). */
type Step = readonly [number, ProgressEvent?];

function run(steps: readonly Step[], settings: { isTTY?: boolean; env?: Record<string, string>; quiet?: boolean; columns?: number } = {}): string[] {
  const clock = fakeClock();
  const stream = fakeStream(settings.isTTY ?? true, settings.columns);
  const progress = showProgress({ stream, env: settings.env ?? {}, quiet: settings.quiet ?? false, clock });
  for (const [wait, event] of steps) {
    clock.advance(wait);
    if (event !== undefined) progress.report(event);
    else progress.stop();
  }
  return stream.writes;
}

const FAST: Step[] = [[0, { stage: "load" }], [100, { stage: "normalize" }], [200, { stage: "synthesize", events: 4 }], [200, { stage: "emit", events: 4 }], [300, { stage: "write", events: 4 }], [100]];
const SLOW: Step[] = [[0, { stage: "load" }], [500, { stage: "normalize" }], [700, { stage: "synthesize", events: 21 }], [30, { stage: "emit", events: 21 }], [1300, { stage: "write", events: 21 }], [100]];
/** What SLOW shows: nothing in its first second, then each stage as it begins, and the elapsed time while it runs. */
const SLOW_LINES = [
  "cobrowse-gen: normalizing (1.0s)",
  "cobrowse-gen: synthesizing fixtures, 21 events (1.2s)",
  "cobrowse-gen: emitting files, 21 events (1.2s)",
  "cobrowse-gen: emitting files, 21 events (1.2s)",
  "cobrowse-gen: emitting files, 21 events (1.5s)",
  "cobrowse-gen: emitting files, 21 events (1.7s)",
  "cobrowse-gen: emitting files, 21 events (2.0s)",
  "cobrowse-gen: emitting files, 21 events (2.2s)",
  "cobrowse-gen: emitting files, 21 events (2.5s)",
  "cobrowse-gen: writing the output folder, 21 events (2.5s)",
];

describe("the progress line", () => {
  it.each([
    { name: "a fast run on a terminal prints nothing", steps: FAST, settings: {}, lines: [] as string[] },
    { name: "a slow run on a terminal shows its stages on one line, then erases it", steps: SLOW, settings: {}, lines: SLOW_LINES },
    { name: "NO_COLOR only turns colour off: progress still shows", steps: SLOW, settings: { env: { NO_COLOR: "1" } }, lines: SLOW_LINES },
    { name: "CI=false is not CI", steps: SLOW, settings: { env: { CI: "false" } }, lines: SLOW_LINES },
    { name: "stderr not a terminal (piped): nothing", steps: SLOW, settings: { isTTY: false }, lines: [] },
    { name: "in CI: nothing", steps: SLOW, settings: { env: { CI: "true" } }, lines: [] },
    { name: "in CI (CI=1): nothing", steps: SLOW, settings: { env: { CI: "1" } }, lines: [] },
    { name: "TERM=dumb cannot erase a line: nothing", steps: SLOW, settings: { env: { TERM: "dumb" } }, lines: [] },
    { name: "--quiet: nothing", steps: SLOW, settings: { quiet: true }, lines: [] },
  ])("$name", ({ steps, settings, lines }) => {
    const writes = run(steps, settings);
    if (lines.length === 0) {
      expect(writes).toEqual([]);
      return;
    }
    // Every redraw returns to the start of the same line and clears it; no newline ever; the last write erases it.
    expect(writes.every((w) => w.startsWith(ERASE_LINE) && !w.includes("\n"))).toBe(true);
    expect(writes.at(-1)).toBe(ERASE_LINE);
    expect(writes.slice(0, -1).map((w) => w.slice(ERASE_LINE.length))).toEqual(lines);
  });

  it("throttles a download's chunks to one redraw per 100 ms, and shows bytes of the total", () => {
    const chunks: Step[] = Array.from({ length: 100 }, (_, i) => [10, { stage: "download", source: "https://zoom.us/webhooks.json", received: (i + 1) * 20_000, total: 2_000_000 }] as const);
    const writes = run([[0, { stage: "download", source: "https://zoom.us/webhooks.json", received: 0, total: 2_000_000 }], ...chunks, [0]]);
    // 1 s of chunks in all, the first second silent, then one redraw per 100 ms: none here (the run ends at 1.0 s).
    expect(writes).toEqual(["\r\x1b[2Kcobrowse-gen: downloading https://zoom.us/webhooks.json: 1.9 MB of 1.9 MB (1.0s)", ERASE_LINE]);
    const longer = run([[0, { stage: "load" }], [PROGRESS_DELAY_MS, { stage: "load" }], ...chunks, [0]]);
    // 1 s of chunks every 10 ms after the delay: one redraw per 100 ms and the 4 ticks of the elapsed time, not 100.
    expect(longer.length).toBeGreaterThanOrEqual(10);
    expect(longer.length).toBeLessThanOrEqual(1 + 10 + 4 + 1);
    expect(longer.at(-2)).toBe(`${ERASE_LINE}cobrowse-gen: downloading https://zoom.us/webhooks.json: 1.9 MB of 1.9 MB (2.0s)`);
  });

  it("cuts a line to the terminal's width, which a wrapped line would break", () => {
    const writes = run([[0, { stage: "download", source: `https://zoom.us/${"x".repeat(200)}.json`, received: 5 }], [PROGRESS_DELAY_MS]], { columns: 40 });
    expect(writes[0]!.slice(ERASE_LINE.length)).toHaveLength(39);
    expect(writes[0]!.endsWith("...")).toBe(true);
  });

  it("clear() erases the line for a note, and the next stage draws it again", () => {
    const clock = fakeClock();
    const stream = fakeStream(true);
    const progress = showProgress({ stream, env: {}, clock });
    progress.report({ stage: "load" });
    clock.advance(1500);
    progress.clear();
    stream.write("note: took over a stale lock\n");
    progress.report({ stage: "normalize" });
    progress.stop();
    progress.report({ stage: "emit" });
    clock.advance(5000);
    expect(stream.writes).toEqual([
      `${ERASE_LINE}cobrowse-gen: loading the spec (1.0s)`,
      `${ERASE_LINE}cobrowse-gen: loading the spec (1.2s)`,
      `${ERASE_LINE}cobrowse-gen: loading the spec (1.5s)`,
      ERASE_LINE,
      "note: took over a stale lock\n",
      `${ERASE_LINE}cobrowse-gen: normalizing (1.5s)`,
      ERASE_LINE,
    ]);
  });

  it.each([
    [0, "0 B"],
    [1023, "1023 B"],
    [1536, "1.5 KB"],
    [5 * 1024 * 1024, "5.0 MB"],
  ])("formatBytes(%d) is %s", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it.each([
    [{ stage: "load" } as const, undefined, 0, "cobrowse-gen: loading the spec (0.0s)"],
    [{ stage: "emit", events: 1 } as const, 1, 1999, "cobrowse-gen: emitting files, 1 event (1.9s)"],
    [{ stage: "download", source: "a.json", received: 2048 } as const, 4, 61_000, "cobrowse-gen: downloading a.json: 2.0 KB (61.0s)"],
  ])("progressLine(%j)", (event, events, elapsed, line) => {
    expect(progressLine(event, events, elapsed)).toBe(line);
  });
});

describe("the library reports its stages", () => {
  it.each([
    { check: false, last: "write" },
    { check: true, last: "check" },
  ])("generate (check: $check): load, normalize, synthesize, emit, $last, with the event count once known", async ({ check, last }) => {
    const out = path.join(tempDir("cg-progress-"), "out");
    const seen: ProgressEvent[] = [];
    const { model } = await generate({ spec: SPEC, outDir: out, check, onProgress: (event) => seen.push(event) });
    const events = model.events.length;
    expect(seen).toEqual([{ stage: "load" }, { stage: "normalize" }, { stage: "synthesize", events }, { stage: "emit", events }, { stage: last, events }]);
  });

  it("update: the download, the comparison of the specs, then generation's stages and the write", async () => {
    const dir = tempDir("cg-progress-update-");
    const spec = path.join(dir, "webhooks.json");
    const out = path.join(dir, "out");
    cpSync(SPEC, spec);
    await generate({ spec, outDir: out });
    const body = readFileSync(SPEC);
    const server = http.createServer((_req, res) => void res.writeHead(200, { "content-type": "application/json", "content-length": String(body.length) }).end(body));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const source = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks.json`;
    try {
      const seen: ProgressEvent[] = [];
      await updateSpec({ source, spec, outDir: out, onProgress: (event) => seen.push(event) });
      const stages = seen.map((e) => e.stage).filter((stage, i, all) => stage !== all[i - 1]);
      expect(stages).toEqual(["download", "diff", "load", "normalize", "synthesize", "emit", "write"]);
      expect(seen.at(-1)).toEqual({ stage: "write", events: 4 });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("update's download: bytes received, of the declared total when there is one", async () => {
    const body = readFileSync(SPEC);
    const server = http.createServer((req, res) => {
      const chunked = req.url === "/chunked";
      res.writeHead(200, { "content-type": "application/json", ...(chunked ? {} : { "content-length": String(body.length) }) });
      // Several writes, so that the body arrives in several chunks.
      for (let at = 0; at < body.length; at += 16_384) res.write(body.subarray(at, at + 16_384));
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const [url, total] of [[`${base}/sized`, body.length], [`${base}/chunked`, undefined]] as const) {
        const seen: ProgressEvent[] = [];
        const bytes = await readSource(url, { onProgress: (event) => seen.push(event) });
        expect(bytes.equals(body)).toBe(true);
        const received = seen.map((e) => (e.stage === "download" ? e.received : -1));
        expect(received[0]).toBe(0);
        expect(received.at(-1)).toBe(body.length);
        expect(received).toEqual([...received].sort((a, b) => a - b));
        expect(seen.every((e) => e.stage === "download" && e.source === url && e.total === total)).toBe(true);
      }
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
