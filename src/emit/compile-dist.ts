import { createRequire } from "node:module";
import type * as TypeScript from "typescript";
import type { EmittedFile } from "./emitted-file.js";
import { CobrowseGenError } from "../errors.js";

// require, not import: an ES import of TypeScript's 9 MB CommonJS file first scans all of it for module syntax and
// export names (about 0.25 s of the compile worker's start); require only compiles it. Same module either way.
const ts = createRequire(import.meta.url)("typescript") as typeof TypeScript;

/**
 * Compiles the generated `src/*.ts` into `dist/*.js` + `dist/*.d.ts` in memory with the TypeScript compiler API, so a
 * consumer imports plain JavaScript with no build step. Only the ES2022 library is visible: the package must not
 * lean on Node or DOM globals it does not check for itself.
 */
export const DIST_COMPILER_OPTIONS: TypeScript.CompilerOptions = {
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

/**
 * Parsed files kept across programs: the libraries (lib.dom.d.ts alone is 2 MB) are parsed once per process, and each
 * generated file once for the two programs below. Keyed by file name and text, so a changed file is parsed again.
 */
export type SourceFileCache = Map<string, TypeScript.SourceFile>;

export function createSourceFileCache(): SourceFileCache {
  return new Map();
}

function createHost(files: ReadonlyMap<string, string>, options: TypeScript.CompilerOptions, cache: SourceFileCache, output: EmittedFile[]): TypeScript.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => files.get(name) ?? readFile(name);
  host.fileExists = (name) => files.has(name) || fileExists(name);
  host.getSourceFile = (name, languageVersion, onError) => {
    const text = files.get(name);
    const cached = cache.get(name);
    if (cached !== undefined && (text === undefined || cached.text === text)) return cached;
    const file = text !== undefined ? ts.createSourceFile(name, text, languageVersion, true) : getSourceFile(name, languageVersion, onError);
    if (file !== undefined) cache.set(name, file);
    return file;
  };
  const directoryExists = host.directoryExists?.bind(host);
  host.directoryExists = (name) =>
    name === ROOT.slice(0, -1) || [...files.keys()].some((file) => file.startsWith(name.endsWith("/") ? name : name + "/")) || (directoryExists?.(name) ?? false);
  host.realpath = (name) => name;
  host.getCurrentDirectory = () => ROOT;
  host.writeFile = (name, text) => {
    output.push({ path: "dist/" + name.slice((ROOT + "dist/").length), contents: text });
  };
  return host;
}

function createDistProgram(sources: readonly EmittedFile[], options: TypeScript.CompilerOptions, cache: SourceFileCache, output: EmittedFile[]): TypeScript.Program {
  const files = new Map(sources.filter((s) => s.path.startsWith("src/") && s.path.endsWith(".ts")).map((s) => [ROOT + s.path, s.contents]));
  // package.json makes the folder an ES module scope for NodeNext resolution.
  files.set(ROOT + "package.json", JSON.stringify({ type: "module" }));
  const host = createHost(files, options, cache, output);
  const rootNames = [...files.keys()].filter((name) => name.endsWith(".ts"));
  return ts.createProgram({ rootNames, options: { ...options, rootDir: ROOT + "src", outDir: ROOT + "dist" }, host });
}

/** Parses and binds the libraries the programs below load, into `cache`: the compile worker does it while the main thread is busy. */
export function preloadLibraries(cache: SourceFileCache): void {
  // TypeScript loads the default libraries only for a program with a root file.
  const program = createDistProgram([{ path: "src/__preload__.ts", contents: "export {};\n" }], { ...DIST_COMPILER_OPTIONS, noCheck: true }, cache, []);
  // Binding is kept on the parsed files: later checkers reuse it.
  program.getTypeChecker();
  cache.delete(ROOT + "src/__preload__.ts");
}

/**
 * Type-checks the generated package: a package that does not compile is a cobrowse-gen bug, and an event too large for
 * TypeScript's control-flow analysis (TS2563) is reported as such, at the event. The diagnostics are those
 * `ts.getPreEmitDiagnostics` gives (declaration diagnostics included), gathered file by file: the generator yields
 * after each file, so that the compile worker can emit in between when the main thread is waiting for it.
 */
export function* checkSteps(sources: readonly EmittedFile[], origins: readonly GuardOrigin[], cache: SourceFileCache): Generator<void, void, void> {
  const program = createDistProgram(sources, DIST_COMPILER_OPTIONS, cache, []);
  const files = program.getSourceFiles();
  const diagnostics: TypeScript.Diagnostic[] = [...program.getConfigFileParsingDiagnostics(), ...program.getOptionsDiagnostics()];
  for (const file of files) diagnostics.push(...program.getSyntacticDiagnostics(file));
  diagnostics.push(...program.getGlobalDiagnostics());
  for (const file of files) {
    diagnostics.push(...program.getSemanticDiagnostics(file));
    if (!file.isDeclarationFile) yield;
  }
  for (const file of files) diagnostics.push(...program.getDeclarationDiagnostics(file));
  throwOnDiagnostics(ts.sortAndDeduplicateDiagnostics(diagnostics), origins);
}

export function checkSources(sources: readonly EmittedFile[], origins: readonly GuardOrigin[], cache: SourceFileCache): void {
  for (const step of checkSteps(sources, origins, cache)) void step;
}

/**
 * `dist/*.js` and `dist/*.d.ts`, from a program that is not type-checked (`noCheck`; checkSources does that): emit
 * reads types only to print inferred ones in declarations, so the files are those a checked program emits. The program
 * is an `isolatedModules` one when that cannot change the output (no enum, no namespace but ambient ones: what it changes
 * is const-enum inlining), which spares TypeScript from resolving every property access in search of const enums. Syntax errors
 * still fail.
 */
export function emitDist(sources: readonly EmittedFile[], cache: SourceFileCache): EmittedFile[] {
  const output: EmittedFile[] = [];
  const options: TypeScript.CompilerOptions = { ...DIST_COMPILER_OPTIONS, noCheck: true };
  let program = createDistProgram(sources, { ...options, isolatedModules: true }, cache, output);
  if (!isolatedModulesEmitTheSame(program)) program = createDistProgram(sources, options, cache, output);
  const result = program.emit();
  throwOnDiagnostics([...program.getOptionsDiagnostics(), ...program.getSyntacticDiagnostics(), ...program.getGlobalDiagnostics(), ...result.diagnostics], []);
  if (result.emitSkipped) throw new Error("The generated package was not emitted (a cobrowse-gen bug; please report it).");
  return sortByPath(output);
}

function isolatedModulesEmitTheSame(program: TypeScript.Program): boolean {
  let same = true;
  const visit = (node: TypeScript.Node): void => {
    // An ambient namespace (`declare namespace`, types only) emits nothing either way; an enum anywhere might be const.
    const ambient = ts.isModuleDeclaration(node) && (ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Ambient) !== 0;
    if (ts.isEnumDeclaration(node) || (ts.isModuleDeclaration(node) && !ambient)) same = false;
    else if (same) ts.forEachChild(node, visit);
  };
  for (const file of program.getRootFileNames().map((name) => program.getSourceFile(name))) {
    if (file === undefined || !ts.isExternalModule(file)) return false;
    visit(file);
  }
  return same;
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
}

const sortByPath = (files: EmittedFile[]) => files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

/** Type-checks (unless `typeCheck` is false) and compiles, in this thread. */
export function compileDist(sources: readonly EmittedFile[], origins: readonly GuardOrigin[] = [], typeCheck = true): EmittedFile[] {
  const cache = createSourceFileCache();
  if (typeCheck) checkSources(sources, origins, cache);
  return emitDist(sources, cache);
}
