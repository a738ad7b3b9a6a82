import ts from "typescript";
import type { EmittedFile } from "./emit/emitted-file.js";
import { CobrowseGenError } from "./errors.js";

/**
 * Compiles the generated `src/*.ts` into `dist/*.js` + `dist/*.d.ts` in memory with the TypeScript compiler API, so a
 * consumer imports plain JavaScript with no build step. Only the ES2022 library is visible: the package must not
 * lean on Node or DOM globals it does not check for itself.
 */
export const DIST_COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  // ES2022 plus the DOM library for the web-standard globals the receiver uses (Request, Response, TextEncoder,
  // crypto.subtle): all of them exist in Node.js >= 20 and in edge runtimes; no Node.js API is typed in.
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  types: [],
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  declaration: true,
  removeComments: false,
  newLine: ts.NewLineKind.LineFeed,
  skipLibCheck: true,
  noEmitOnError: true,
};

/** A stable, machine-independent root for the in-memory files. */
const ROOT = "/__cobrowse_gen__/";

/** Where each event's guards come from, so that a compile limit can be reported at the event's pointer. */
export interface GuardOrigin {
  readonly typeName: string;
  readonly pointer: string;
  readonly file: string;
}

export function compileDist(sources: readonly EmittedFile[], origins: readonly GuardOrigin[] = []): EmittedFile[] {
  const files = new Map(sources.filter((s) => s.path.startsWith("src/") && s.path.endsWith(".ts")).map((s) => [ROOT + s.path, s.contents]));
  // package.json makes the folder an ES module scope for NodeNext resolution.
  files.set(ROOT + "package.json", JSON.stringify({ type: "module" }));
  const host = ts.createCompilerHost(DIST_COMPILER_OPTIONS, true);
  const output: EmittedFile[] = [];
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => files.get(name) ?? readFile(name);
  host.fileExists = (name) => files.has(name) || fileExists(name);
  host.getSourceFile = (name, languageVersion, onError) => {
    const text = files.get(name);
    return text !== undefined ? ts.createSourceFile(name, text, languageVersion, true) : getSourceFile(name, languageVersion, onError);
  };
  const directoryExists = host.directoryExists?.bind(host);
  host.directoryExists = (name) =>
    name === ROOT.slice(0, -1) || [...files.keys()].some((file) => file.startsWith(name.endsWith("/") ? name : name + "/")) || (directoryExists?.(name) ?? false);
  host.realpath = (name) => name;
  host.getCurrentDirectory = () => ROOT;
  host.writeFile = (name, text) => {
    output.push({ path: "dist/" + name.slice((ROOT + "dist/").length), contents: text });
  };
  const rootNames = [...files.keys()].filter((name) => name.endsWith(".ts"));
  const program = ts.createProgram({ rootNames, options: { ...DIST_COMPILER_OPTIONS, rootDir: ROOT + "src", outDir: ROOT + "dist" }, host });
  const diagnostics = [...ts.getPreEmitDiagnostics(program)];
  const result = program.emit();
  diagnostics.push(...result.diagnostics);
  // TypeScript gives up on control-flow analysis of a very long function: one event with thousands of fields.
  const tooLarge = diagnostics.find((d) => d.code === 2563);
  if (tooLarge) {
    // The enclosing generated function is test<Type> or check<Type>: name the event it validates.
    const before = tooLarge.file?.text.slice(0, tooLarge.start ?? 0) ?? "";
    const name = [...before.matchAll(/function (?:test|check)(\w+?)(?:_\d+)?\(/g)].pop()?.[1];
    const origin = origins.find((o) => o.typeName === name);
    throw new CobrowseGenError({
      code: "event-too-large",
      message: `The schema of ${name ?? "an event"} is too large for one generated guard function; splitting guards per object is not supported yet.`,
      file: origin?.file ?? "(generated guards)",
      ...(origin ? { pointer: origin.pointer } : {}),
      hint: "Generate the other events by removing this one from a copy of the spec, or file an issue with the spec.",
    });
  }
  if (diagnostics.length > 0) {
    // Generated code that does not compile is a bug in cobrowse-gen, not in the user's spec.
    const text = ts.formatDiagnostics(diagnostics, {
      getCanonicalFileName: (name) => name,
      getCurrentDirectory: () => ROOT,
      getNewLine: () => "\n",
    });
    throw new Error(`The generated package does not compile (a cobrowse-gen bug; please report it):\n${text}`);
  }
  return output.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
