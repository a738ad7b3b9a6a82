/**
 * The compile worker (a worker thread started by compiler.ts): TypeScript's share of a build, on a second core. It
 * parses TypeScript's libraries while the main thread loads, normalizes and emits; type-checks the sources while the
 * main thread formats them; then compiles the formatted sources, and formats its share of the compiled files. Those
 * requests go ahead of a check in progress: the check yields after each file.
 */
import { setImmediate as yieldToEvents } from "node:timers/promises";
import { parentPort } from "node:worker_threads";
import { checkSteps, createSourceFileCache, emitDist, preloadLibraries } from "./compile-dist.js";
import { serializeError, type CompileRequest, type CompileResponse } from "./compiler.js";
import { formatFiles } from "./format-files.js";

const port = parentPort;
if (port === null) throw new Error("compile-worker.js runs as a worker thread");

const cache = createSourceFileCache();
preloadLibraries(cache);

const queue: CompileRequest[] = [];
let busy = false;
const post = (response: CompileResponse) => port.postMessage(response);

/** An emit, or formatting some of what was emitted (the main thread's share of the work it hands over). */
async function serve(request: CompileRequest): Promise<void> {
  try {
    const files = request.kind === "emit" ? emitDist(request.sources, cache) : await formatFiles(request.sources);
    post({ id: request.id, kind: "done", files });
  } catch (error) {
    post({ id: request.id, kind: "error", error: serializeError(error) });
  }
}

/** Emits and formatting go ahead of a check in progress: the main thread waits for them. */
async function serveUrgent(): Promise<void> {
  for (let i = queue.findIndex((r) => r.kind !== "check"); i >= 0; i = queue.findIndex((r) => r.kind !== "check")) {
    await serve(queue.splice(i, 1)[0] as CompileRequest);
  }
}

async function check(request: CompileRequest): Promise<void> {
  try {
    for (const step of checkSteps(request.sources, request.origins, cache)) {
      void step;
      await yieldToEvents(); // lets requests in
      await serveUrgent();
    }
    post({ id: request.id, kind: "done", files: [] });
  } catch (error) {
    post({ id: request.id, kind: "error", error: serializeError(error) });
  }
}

async function pump(): Promise<void> {
  if (busy) return;
  busy = true;
  while (queue.length > 0) {
    await serveUrgent();
    const next = queue.shift();
    if (next !== undefined) await (next.kind === "check" ? check(next) : serve(next));
  }
  busy = false;
}

port.on("message", (request: CompileRequest) => {
  queue.push(request);
  void pump();
});
