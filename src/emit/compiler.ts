import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { GuardOrigin, SourceFileCache } from "./compile-dist.js";
import type { EmittedFile } from "./emitted-file.js";
import { CobrowseGenError, type Diagnostic } from "../errors.js";

/**
 * TypeScript's part of a build: the type check of the generated sources, and their compilation into `dist/` (formatted).
 * In a worker thread when the compiled worker is there (the CLI, and the library from dist/), so that it overlaps with
 * the main thread's loading and formatting on a second core; in this thread otherwise (when the TypeScript sources run
 * directly, as in the tests). The results are the same either way.
 */
export interface Compiler {
  /** Type-checks the sources (formatted or not: the diagnostics are the same); rejects with what compile-dist reports. */
  check(sources: readonly EmittedFile[], origins: readonly GuardOrigin[]): Promise<void>;
  /** The formatted sources compiled into `dist/*.js` and `dist/*.d.ts` (not formatted). */
  emit(sources: readonly EmittedFile[]): Promise<EmittedFile[]>;
  /** Formats files there, to share the formatting of a large `dist/` between the two threads. */
  format(files: readonly EmittedFile[]): Promise<EmittedFile[]>;
  /**
   * Call when the build is over. After a failure the worker is stopped (it may still be checking); after a success
   * it is kept, idle and not holding the process open, for the next build in this process, with TypeScript and its
   * libraries loaded.
   */
  close(failed: boolean): void;
}

export interface CompileRequest {
  readonly id: number;
  readonly kind: "check" | "emit" | "format";
  readonly sources: readonly EmittedFile[];
  readonly origins: readonly GuardOrigin[];
}

export type SerializedError =
  | { readonly kind: "cobrowse-gen"; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: "range"; readonly message: string }
  | { readonly kind: "other"; readonly message: string; readonly stack?: string };

export type CompileResponse =
  | { readonly id: number; readonly kind: "done"; readonly files: EmittedFile[] }
  | { readonly id: number; readonly kind: "error"; readonly error: SerializedError };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof CobrowseGenError) return { kind: "cobrowse-gen", diagnostics: error.diagnostics };
  if (error instanceof RangeError) return { kind: "range", message: error.message };
  const e = error as Error | undefined;
  return { kind: "other", message: e?.message ?? String(error), ...(e?.stack !== undefined ? { stack: e.stack } : {}) };
}

function deserializeError(error: SerializedError): Error {
  if (error.kind === "cobrowse-gen") return new CobrowseGenError(error.diagnostics);
  if (error.kind === "range") return new RangeError(error.message);
  const result = new Error(error.message);
  if (error.stack !== undefined) result.stack = error.stack;
  return result;
}

/** Marks a promise's rejection as handled: it is awaited later, and may lose a race with another error meanwhile. */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

const WORKER = new URL("./compile-worker.js", import.meta.url);

interface WorkerCompiler {
  readonly worker: Worker;
  /** Builds using it now: several may run at once in one process. */
  builds: number;
  request(kind: CompileRequest["kind"], sources: readonly EmittedFile[], origins: readonly GuardOrigin[]): Promise<EmittedFile[]>;
}

let shared: WorkerCompiler | undefined;

function spawnWorker(): WorkerCompiler {
  // None of this process's Node.js options: the worker needs none, and a worker refuses some at start (V8 options such
  // as --expose-gc, `node -e`'s --input-type), which would fail the build.
  const worker = new Worker(WORKER, { execArgv: [] });
  let nextId = 0;
  const pending = new Map<number, { resolve: (files: EmittedFile[]) => void; reject: (error: Error) => void }>();
  const failAll = (error: Error) => {
    if (shared?.worker === worker) shared = undefined;
    for (const job of pending.values()) job.reject(error);
    pending.clear();
  };
  worker.on("message", (response: CompileResponse) => {
    const job = pending.get(response.id);
    if (job === undefined) return;
    pending.delete(response.id);
    if (pending.size === 0) worker.unref();
    if (response.kind === "done") job.resolve(response.files);
    else job.reject(deserializeError(response.error));
  });
  worker.on("error", (error) => failAll(error));
  worker.on("exit", (code) => failAll(new Error(`the compile worker stopped (exit code ${code})`)));
  // Referenced only while a request is pending: an idle worker must not keep the process alive. (After the listeners:
  // adding a "message" listener refs the worker again.)
  worker.unref();
  return {
    worker,
    builds: 0,
    request: (kind, sources, origins) =>
      handled(
        new Promise<EmittedFile[]>((resolve, reject) => {
          const id = nextId++;
          if (pending.size === 0) worker.ref();
          pending.set(id, { resolve, reject });
          worker.postMessage({ id, kind, sources, origins } satisfies CompileRequest);
        }),
      ),
  };
}

/** Whether this module runs compiled, beside the compiled worker (not from the TypeScript sources, as in the tests). */
const canUseWorker = () => import.meta.url.endsWith(".js") && existsSync(fileURLToPath(WORKER));

/**
 * Starts the worker ahead of the first build, so that it loads TypeScript and parses its libraries while this thread
 * is still loading the generator's own modules (the CLI calls it first thing).
 */
export function prestartCompiler(): void {
  if (canUseWorker()) shared ??= spawnWorker();
}

export function startCompiler(): Compiler {
  if (!canUseWorker()) return inProcessCompiler();
  const compiler = (shared ??= spawnWorker());
  compiler.builds++;
  let closed = false;
  return {
    check: (sources, origins) => handled(compiler.request("check", sources, origins).then(() => undefined)),
    emit: (sources) => compiler.request("emit", sources, []),
    format: (files) => compiler.request("format", files, []),
    close(failed) {
      if (closed) return;
      closed = true;
      compiler.builds--;
      // A failed build may leave a check running: stop the worker, unless another build is using it.
      if (!failed || compiler.builds > 0) return;
      if (shared === compiler) shared = undefined;
      void compiler.worker.terminate();
    },
  };
}

let inProcess: Promise<typeof import("./compile-dist.js") & { cache: SourceFileCache }> | undefined;

function inProcessCompiler(): Compiler {
  const loaded = (inProcess ??= import("./compile-dist.js").then((compile) => ({ ...compile, cache: compile.createSourceFileCache() })));
  const format = import("./format-files.js");
  return {
    check: (sources, origins) => handled(loaded.then(({ checkSources, cache }) => checkSources(sources, origins, cache))),
    emit: (sources) => handled(loaded.then(({ emitDist, cache }) => emitDist(sources, cache))),
    format: (files) => handled(format.then(({ formatFiles }) => formatFiles(files))),
    close() {},
  };
}
