import { createRequire } from "node:module";
import type * as TypeScript from "typescript";
import type { EmittedFile } from "../emit/emitted-file.js";
import { CobrowseGenError } from "../errors.js";

const ts = createRequire(import.meta.url)("typescript") as typeof TypeScript;

/**
 * What a consumer compiles the package with, at its strictest. Only ES2022 and the DOM library (for the web-standard
 * globals the receiver uses: Request, Response, TextEncoder, crypto.subtle) are visible: the package must not lean on
 * Node.js typings, since it also runs in Deno, Bun and Workers.
 */
export const STRICT_PACKAGE_OPTIONS: TypeScript.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  types: [],
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  isolatedDeclarations: true,
  declaration: true,
  noEmit: true,
  skipLibCheck: true,
};

/** Where each event's guards come from, so that a compile limit can be reported at the event's pointer. */
export interface GuardOrigin {
  readonly typeName: string;
  readonly pointer: string;
  readonly file: string;
}

/** A stable, machine-independent root for the in-memory files. */
const ROOT = "/__cobrowse_gen__/";

/**
 * `--type-check`: the generated sources through a strict TypeScript program, in memory. Generation does not need it
 * (dist/ is compiled file by file); it is the contract tests' check, offered to users who want it at generation time.
 * Code that does not compile is a cobrowse-gen bug; an event too large for TypeScript's control-flow analysis (TS2563)
 * is reported as such, at the event.
 */
export function checkTypes(files: readonly EmittedFile[], origins: readonly GuardOrigin[] = []): void {
  const sources = new Map(files.filter((f) => f.path.startsWith("src/") && f.path.endsWith(".ts")).map((f) => [ROOT + f.path, f.contents]));
  // package.json makes the folder an ES module scope for NodeNext resolution.
  sources.set(ROOT + "package.json", JSON.stringify({ type: "module" }));
  const host = ts.createCompilerHost(STRICT_PACKAGE_OPTIONS, true);
  const { readFile, fileExists, getSourceFile, directoryExists } = host;
  host.readFile = (name) => sources.get(name) ?? readFile.call(host, name);
  host.fileExists = (name) => sources.has(name) || fileExists.call(host, name);
  host.getSourceFile = (name, version, onError) => {
    const text = sources.get(name);
    return text !== undefined ? ts.createSourceFile(name, text, version, true) : getSourceFile.call(host, name, version, onError);
  };
  host.directoryExists = (name) => {
    const folder = name.endsWith("/") ? name : name + "/";
    return [...sources.keys()].some((file) => file.startsWith(folder)) || (directoryExists?.call(host, name) ?? false);
  };
  host.realpath = (name) => name;
  host.getCurrentDirectory = () => ROOT;
  const rootNames = [...sources.keys()].filter((name) => name.endsWith(".ts"));
  const program = ts.createProgram({ rootNames, options: STRICT_PACKAGE_OPTIONS, host });
  const diagnostics = ts.sortAndDeduplicateDiagnostics([...ts.getPreEmitDiagnostics(program)]);
  throwOnDiagnostics(diagnostics, origins);
}

function formatDiagnostics(diagnostics: readonly TypeScript.Diagnostic[]): string {
  return ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (name) => name, getCurrentDirectory: () => ROOT, getNewLine: () => "\n" });
}

function throwOnDiagnostics(diagnostics: readonly TypeScript.Diagnostic[], origins: readonly GuardOrigin[]): void {
  // TypeScript gives up on control-flow analysis of a very long function: one event with thousands of fields.
  const tooLarge = diagnostics.find((d) => d.code === 2563);
  if (tooLarge) {
    // The enclosing generated function is test<Type> or check<Type>: name the event it validates.
    const before = tooLarge.file?.text.slice(0, tooLarge.start ?? 0) ?? "";
    const name = [...before.matchAll(/function (?:test|check)(\w+?)(?:_\d+)?\(/g)].pop()?.[1];
    const origin = origins.find((o) => o.typeName === name);
    throw new CobrowseGenError({
      code: "event-too-large",
      message: `The schema of ${name ?? "an event"} is too large for TypeScript's analysis of one generated guard function.`,
      file: origin?.file ?? "(generated guards)",
      ...(origin ? { pointer: origin.pointer } : {}),
      hint: "The package still works; generate without --type-check, or file an issue with the spec.",
    });
  }
  if (diagnostics.length > 0) {
    throw new Error(`The generated package does not compile (a cobrowse-gen bug; please report it):\n${formatDiagnostics(diagnostics)}`);
  }
}
