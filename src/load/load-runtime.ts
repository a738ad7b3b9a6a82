import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** One module of the runtime every generated package carries (src/runtime/), as `npm run build` left it. */
export interface RuntimeModule {
  /** The file name without extension, e.g. `make-issue`. */
  readonly name: string;
  /** src/runtime/<name>.ts */
  readonly source: string;
  /** dist/runtime/<name>.js */
  readonly js: string;
  /** dist/runtime/<name>.d.ts */
  readonly declaration: string;
  /** Every name the module exports, types included. */
  readonly exports: readonly string[];
}

/**
 * Runtime modules that only the packages of another receiver carry (`--receiver standard|none`, the default for specs
 * that are not Zoom's): Zoom's packages carry `Runtime.modules` alone, exactly as before the other receivers existed.
 */
export const SCHEME_MODULES = {
  standard: ["create-router", "encode-base64", "verify-standard-webhook"],
  none: ["create-router"],
} as const satisfies Readonly<Record<string, readonly string[]>>;

export type RuntimeScheme = keyof typeof SCHEME_MODULES;

export interface Runtime {
  /** Every package's modules (no scheme's), in file-name order. */
  readonly modules: readonly RuntimeModule[];
  /** The modules each scheme adds to `modules`, in file-name order. */
  readonly schemeModules: Readonly<Record<RuntimeScheme, readonly RuntimeModule[]>>;
  /**
   * Every name any module exports, the schemes' included: a generated name must not be one of them (so that the
   * receiver chosen does not rename anything).
   */
  readonly exportNames: ReadonlySet<string>;
}

const SCHEMED: ReadonlySet<string> = new Set(Object.values(SCHEME_MODULES).flat());

/** The modules a package of `scheme` carries (Zoom's, the default: `runtime.modules`), in file-name order. */
export function runtimeModules(runtime: Runtime, scheme?: RuntimeScheme): RuntimeModule[] {
  const modules = [...runtime.modules, ...(scheme === undefined ? [] : runtime.schemeModules[scheme])];
  return modules.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The manifest scripts/build-runtime.mjs writes. */
interface Manifest {
  readonly modules: readonly { readonly name: string; readonly sha256: string; readonly exports: readonly string[] }[];
}

// The same from src/load (tests) and from dist/load (the CLI, the library): two levels below the package root.
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

let cached: Promise<Runtime> | undefined;

/** Reads the runtime once per process. */
export function loadRuntime(): Promise<Runtime> {
  if (cached === undefined) {
    const reading = readRuntime(ROOT);
    cached = reading;
    // A failed read (no build yet) is not kept: the next call tries again.
    reading.catch(() => {
      if (cached === reading) cached = undefined;
    });
  }
  return cached;
}

/** Reads the runtime of the cobrowse-gen package at `root`: its sources, its build and the build's manifest. */
export async function readRuntime(root: string): Promise<Runtime> {
  const sourceDir = path.join(root, "src/runtime");
  const distDir = path.join(root, "dist/runtime");
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(path.join(root, "dist/runtime.json"), "utf8")) as Manifest;
  } catch (error) {
    throw new Error(`cobrowse-gen's runtime is not built (run \`npm run build\`): ${(error as Error).message}`);
  }
  const sources = (await readdir(sourceDir)).filter((file) => file.endsWith(".ts")).sort();
  const listed = manifest.modules.map((m) => `${m.name}.ts`).sort();
  if (sources.join("\n") !== listed.join("\n")) {
    throw new Error(`dist/runtime is stale: it was built from other files than src/runtime holds (run \`npm run build\`).`);
  }
  const modules = await Promise.all(
    manifest.modules.map(async (entry): Promise<RuntimeModule> => {
      const [source, js, declaration] = await Promise.all([
        readFile(path.join(sourceDir, `${entry.name}.ts`), "utf8"),
        readFile(path.join(distDir, `${entry.name}.js`), "utf8"),
        readFile(path.join(distDir, `${entry.name}.d.ts`), "utf8"),
      ]);
      // A package whose src/runtime and dist/runtime disagree would run other code than it shows.
      if (createHash("sha256").update(source).digest("hex") !== entry.sha256) {
        throw new Error(`dist/runtime is stale: src/runtime/${entry.name}.ts changed since the build (run \`npm run build\`).`);
      }
      return { name: entry.name, source, js, declaration, exports: entry.exports };
    }),
  );
  const byName = new Map(modules.map((m) => [m.name, m]));
  const schemeModules = Object.fromEntries(
    Object.entries(SCHEME_MODULES).map(([scheme, names]) => [
      scheme,
      names.map((name) => {
        const module = byName.get(name);
        if (module === undefined) throw new Error(`SCHEME_MODULES names ${name}, which src/runtime does not hold.`);
        return module;
      }),
    ]),
  ) as Record<RuntimeScheme, RuntimeModule[]>;
  return {
    modules: modules.filter((m) => !SCHEMED.has(m.name)),
    schemeModules,
    exportNames: new Set(modules.flatMap((m) => m.exports)),
  };
}
