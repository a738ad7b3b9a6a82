import { readdirSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/**
 * A consumer's strictest settings. The web-standard globals (Request, Response, TextEncoder, crypto.subtle) come from
 * the DOM library, as they do for every consumer (Node.js via @types/node, Workers, Deno, Bun); no Node.js typing is
 * visible. `isolatedDeclarations` holds the generator to what lets it compile dist/ file by file.
 */
export const STRICT: ts.CompilerOptions = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  types: [],
};

/** The diagnostics of a program over `rootNames`, as readable lines (empty: it compiles). */
export function compile(rootNames: string[], options: ts.CompilerOptions = STRICT): string[] {
  const program = ts.createProgram({ rootNames, options });
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...program.emit().diagnostics];
  return diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n") + (d.file ? ` (${d.file.fileName})` : ""));
}

/** Every file under `dir` ending in `extension`, recursively. */
export function filesUnder(dir: string, extension: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(extension))
    .map((name) => path.join(dir, name))
    .sort();
}

/** A generated package's sources, and separately its declarations, under the strict settings (and isolatedDeclarations for the sources). */
export function compilePackage(dir: string): { sources: string[]; declarations: string[] } {
  return {
    sources: compile(filesUnder(path.join(dir, "src"), ".ts"), { ...STRICT, declaration: true, isolatedDeclarations: true }),
    declarations: compile(filesUnder(path.join(dir, "dist"), ".d.ts")),
  };
}
