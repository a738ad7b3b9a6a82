/**
 * The compile worker (a worker thread started by compiler.ts): TypeScript's share of a build, on a second core. It
 * parses TypeScript's libraries while the main thread loads, normalizes and emits; type-checks the sources while the
 * main thread formats them; then compiles the formatted sources. A compile request goes ahead of a check in progress:
 * the check yields after each file, and the main thread formats the compiled files while the check goes on.
 */
import { setImmediate as yieldToEvents } from "node:timers/promises";
import { parentPort } from "node:worker_threads";
import { checkSteps, createSourceFileCache, emitDist, preloadLibraries } from "./compile-dist.js";
import { serializeError, type CompileRequest, type CompileResponse } from "./compiler.js";

const port = parentPort;
if (port === null) throw new Error("compile-worker.js runs as a worker thread");

const cache = createSourceFileCache();
preloadLibraries(cache);

const queue: CompileRequest[] = [];
let busy = false;
const post = (response: CompileResponse) => port.postMessage(response);

function emit(request: CompileRequest): void {
  try {
    post({ id: request.id, kind: "done", files: emitDist(request.sources, cache) });
  } catch (error) {
    post({ id: request.id, kind: "error", error: serializeError(error) });
  }
}

function emitQueued(): void {
  for (let i = queue.findIndex((r) => r.kind === "emit"); i >= 0; i = queue.findIndex((r) => r.kind === "emit")) {
    emit(queue.splice(i, 1)[0] as CompileRequest);
  }
}

async function check(request: CompileRequest): Promise<void> {
  try {
    for (const step of checkSteps(request.sources, request.origins, cache)) {
      void step;
      await yieldToEvents(); // lets requests in
      emitQueued();
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
    emitQueued();
    const next = queue.shift();
    if (next !== undefined) await (next.kind === "emit" ? emit(next) : check(next));
  }
  busy = false;
}

port.on("message", (request: CompileRequest) => {
  queue.push(request);
  void pump();
});
