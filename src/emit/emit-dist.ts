import { createRequire } from "node:module";
import type * as TypeScript from "typescript";
import type { EmittedFile } from "./emitted-file.js";

// require, not import: an ES import of TypeScript's 9 MB CommonJS file first scans all of it for export names (about
// 0.25 s); require only compiles it. Same module either way.
const ts = createRequire(import.meta.url)("typescript") as typeof TypeScript;

/**
 * How `src/*.ts` becomes `dist/*.js` + `dist/*.d.ts`: file by file, with no program and no type check. The generated
 * code is written to need neither (no const enums or namespaces with values, explicit types on every export, as
 * `isolatedDeclarations` asks), so one file's output never depends on another's. The type check lives in the contract
 * tests and behind `--type-check`.
 */
const JS_OPTIONS: TypeScript.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  strict: true,
  removeComments: false,
  newLine: ts.NewLineKind.LineFeed,
};
const DECLARATION_OPTIONS: TypeScript.CompilerOptions = { ...JS_OPTIONS, declaration: true, isolatedDeclarations: true };

/** `src/a/b.ts` → `dist/a/b` (without an extension). */
const distBase = (path: string) => "dist/" + path.slice("src/".length, -".ts".length);

/**
 * The compiled files for every emitted `src/**.ts` that does not come with its `dist/` files already (the runtime is
 * compiled once, when cobrowse-gen is built).
 */
export function emitDist(files: readonly EmittedFile[]): EmittedFile[] {
  const present = new Set(files.map((f) => f.path));
  const out: EmittedFile[] = [];
  for (const file of files) {
    if (!file.path.startsWith("src/") || !file.path.endsWith(".ts") || file.path.endsWith(".d.ts")) continue;
    const base = distBase(file.path);
    if (present.has(base + ".js")) continue;
    const js = ts.transpileModule(file.contents, { compilerOptions: JS_OPTIONS, fileName: file.path, reportDiagnostics: true });
    const dts = ts.transpileDeclaration(file.contents, { compilerOptions: DECLARATION_OPTIONS, fileName: file.path, reportDiagnostics: true });
    const diagnostics = [...(js.diagnostics ?? []), ...(dts.diagnostics ?? [])];
    if (diagnostics.length > 0) {
      // Generated code that cannot be compiled file by file is a bug in cobrowse-gen, not in the user's spec.
      throw new Error(`Generated ${file.path} cannot be compiled file by file (a cobrowse-gen bug; please report it):\n${formatDiagnostics(diagnostics)}`);
    }
    out.push({ path: base + ".js", contents: js.outputText }, { path: base + ".d.ts", contents: dts.outputText });
  }
  return out;
}

export function formatDiagnostics(diagnostics: readonly TypeScript.Diagnostic[]): string {
  return ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (name) => name,
    getCurrentDirectory: () => "/",
    getNewLine: () => "\n",
  });
}
