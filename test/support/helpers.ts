import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SPEC = path.join(ROOT, "specs/webhooks.json");
/** Zoom's docs-page form of the same spec, vendored byte for byte (test/vendored-specs.test.ts checks both copies). */
export const DOCS_PAGE_SPEC = path.join(ROOT, "test/specs/cobrowse-events-page-openapi.json");
export const SHARED_SPECS = path.resolve(ROOT, "../shared/specs");
export const KITCHEN_SINK_SPEC = path.join(ROOT, "test/specs/kitchen-sink.json");
export const BIN = path.join(ROOT, "bin/cobrowse-gen.js");

const made: string[] = [];

export function tempDir(prefix = "cg-test-"): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `timeoutMs` kills a run that hangs (then `status` is null). */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    encoding: "utf8",
    ...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs, killSignal: "SIGKILL" } : {}),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file below `dir`, relative path → contents. */
export function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (current: string, prefix: string) => {
    for (const name of readdirSync(current).sort()) {
      const full = path.join(current, name);
      if (statSync(full).isDirectory()) walk(full, `${prefix}${name}/`);
      else files.set(prefix + name, readFileSync(full, "utf8"));
    }
  };
  walk(dir, "");
  return files;
}

export function importFrom<T>(file: string): Promise<T> {
  return import(pathToFileURL(file).href) as Promise<T>;
}

/** Generates a package from `spec` into a fresh temporary folder with the library API; returns the folder. */
export async function generateInto(spec: string, options: { packageName?: string } = {}): Promise<string> {
  const { generate } = await import("../../src/index.js");
  const out = path.join(tempDir(), "pkg");
  await generate({ spec, outDir: out, ...options });
  return out;
}

/** runCli without blocking this process: needed when the test itself serves the CLI (a local HTTP server). */
export function runCliAsync(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: { ...process.env, ...options.env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}
