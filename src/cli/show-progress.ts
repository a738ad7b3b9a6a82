import type { OnProgress, ProgressEvent } from "../commands/report-progress.js";

/** Where progress is drawn: the CLI's stderr. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  /** Width of the terminal; a longer line would wrap, and `\r` would then erase only its last row. */
  readonly columns?: number;
  write(text: string): unknown;
}

/** Time and timers, injected so that tests run on a fake clock. */
export interface ProgressClock {
  now(): number;
  /** Runs `run` after `ms`, unless the returned function is called first. */
  later(run: () => void, ms: number): () => void;
}

export interface ProgressSettings {
  readonly stream: ProgressStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `--quiet`. */
  readonly quiet?: boolean;
  readonly clock?: ProgressClock;
}

export interface Progress {
  /** The library's callback (GenerateOptions.onProgress). */
  readonly report: OnProgress;
  /** Erases the line, so that another line can be printed; the next redraw shows it again. */
  clear(): void;
  /** Erases the line for good: the run is over, and its summary or error follows. */
  stop(): void;
}

/** A run faster than this shows nothing: progress that flashes for a moment is noise. */
export const PROGRESS_DELAY_MS = 1000;
/** At most one redraw per this many milliseconds: a download reports every chunk. */
export const PROGRESS_THROTTLE_MS = 100;
/** How often the elapsed time is redrawn while no stage reports (when the run awaits and timers can fire). */
export const PROGRESS_TICK_MS = 250;

/** Carriage return, then erase the whole line (ECMA-48 EL 2). */
export const ERASE_LINE = "\r\x1b[2K";

const systemClock: ProgressClock = {
  now: () => performance.now(),
  later: (run, ms) => {
    const timer = setTimeout(run, ms);
    // Progress must never keep a finished process alive.
    timer.unref?.();
    return () => clearTimeout(timer);
  },
};

/**
 * Whether to draw progress at all: only for a person at a terminal. Not in CI (whose logs keep every `\r` redraw), not
 * when stderr is piped or redirected, not on a terminal that cannot erase a line (`TERM=dumb`), not with `--quiet`.
 * NO_COLOR is about colour and changes nothing here.
 */
export function wantsProgress(settings: Pick<ProgressSettings, "stream" | "env" | "quiet">): boolean {
  const ci = settings.env.CI;
  const inCi = ci !== undefined && ci !== "" && ci !== "0" && ci.toLowerCase() !== "false";
  return settings.stream.isTTY === true && !inCi && settings.env.TERM !== "dumb" && settings.quiet !== true;
}

const NO_PROGRESS: Progress = { report: () => undefined, clear: () => undefined, stop: () => undefined };

/**
 * One line on stderr, redrawn in place (`\r` and erase line) as the run's stages report, with the elapsed time; nothing
 * for a run under PROGRESS_DELAY_MS, and nothing left behind once stopped.
 */
export function showProgress(settings: ProgressSettings): Progress {
  if (!wantsProgress(settings)) return NO_PROGRESS;
  const { stream } = settings;
  const clock = settings.clock ?? systemClock;
  const start = clock.now();
  let latest: ProgressEvent | undefined;
  let events: number | undefined;
  let drawn = false;
  let lastDraw = -Infinity;
  let stopped = false;
  let cancel: () => void = () => undefined;

  const draw = () => {
    if (latest === undefined) return;
    const now = clock.now();
    // A pseudo-terminal with no size set reports 0 columns.
    const width = Math.max((stream.columns || 80) - 1, 10);
    stream.write(ERASE_LINE + truncate(progressLine(latest, events, now - start), width));
    drawn = true;
    lastDraw = now;
  };
  const tick = () => {
    if (stopped) return;
    draw();
    cancel = clock.later(tick, PROGRESS_TICK_MS);
  };
  cancel = clock.later(tick, PROGRESS_DELAY_MS);

  return {
    report: (event) => {
      if (stopped) return;
      const newStage = latest?.stage !== event.stage;
      latest = event;
      if (event.stage !== "download" && event.events !== undefined) events = event.events;
      // Most stages are synchronous work during which no timer fires: a stage that begins late draws at once, and only
      // updates within a stage (a download's chunks) are throttled.
      const now = clock.now();
      if (now - start >= PROGRESS_DELAY_MS && (newStage || now - lastDraw >= PROGRESS_THROTTLE_MS)) draw();
    },
    clear: () => {
      if (drawn) stream.write(ERASE_LINE);
      drawn = false;
      lastDraw = -Infinity;
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      cancel();
      if (drawn) stream.write(ERASE_LINE);
      drawn = false;
    },
  };
}

const STAGE_TEXT: Record<Exclude<ProgressEvent["stage"], "download">, string> = {
  diff: "comparing the specs",
  load: "loading the spec",
  normalize: "normalizing",
  synthesize: "synthesizing fixtures",
  emit: "emitting files",
  "type-check": "type-checking the package",
  write: "writing the output folder",
  check: "comparing with the output folder",
};

/** The text of the line: what is happening, how far, and for how long so far. */
export function progressLine(event: ProgressEvent, events: number | undefined, elapsedMs: number): string {
  const elapsed = `${(Math.floor(elapsedMs / 100) / 10).toFixed(1)}s`;
  if (event.stage === "download") {
    const amount = event.total !== undefined ? `${formatBytes(event.received)} of ${formatBytes(event.total)}` : formatBytes(event.received);
    return `cobrowse-gen: downloading ${event.source}: ${amount} (${elapsed})`;
  }
  const count = events !== undefined ? `, ${events} event${events === 1 ? "" : "s"}` : "";
  return `cobrowse-gen: ${STAGE_TEXT[event.stage]}${count} (${elapsed})`;
}

/** Bytes as people read them; fixed decimals, no locale. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function truncate(line: string, width: number): string {
  return line.length <= width ? line : `${line.slice(0, width - 3)}...`;
}
