import type { GuardOrigin } from "../emit/compile-dist.js";
import { startCompiler, type Compiler } from "../emit/compiler.js";
import { emitEventsMd } from "../emit/emit-events-md.js";
import { emitFixtureFiles, emitFixturesModule } from "../emit/emit-fixtures.js";
import { emitGuards } from "../emit/emit-guards.js";
import { emitIndex } from "../emit/emit-index.js";
import { emitPackageJson } from "../emit/emit-package-json.js";
import { emitReadme } from "../emit/emit-readme.js";
import { emitReceiver } from "../emit/emit-receiver.js";
import { emitRuntime } from "../emit/emit-runtime.js";
import { emitSchemas } from "../emit/emit-schemas.js";
import { emitTypes } from "../emit/emit-types.js";
import type { EmittedFile } from "../emit/emitted-file.js";
import { CobrowseGenError, StrictModeError, type Diagnostic } from "../errors.js";
import { formatFiles } from "../emit/format-files.js";
import { loadRuntime, type Runtime } from "../load/load-runtime.js";
import { loadSpec, loadSpecText } from "../load/load-spec.js";
import { hasPlaceholder, prettierStringLiteral, restoreLongStrings, setAsideLongStrings } from "../emit/long-strings.js";
import type { SpecModel } from "../model/model.js";
import { normalizeSpec } from "../normalize/normalize-spec.js";
import { checkOutput, readPreviousOutput, writeOutput, type OutputDrift } from "../write/write-output.js";

export interface GenerateOptions {
  /** Path of the spec file (either of Zoom's shapes). */
  readonly spec: string;
  /** Output folder; default `generated`. */
  readonly outDir?: string;
  /** Compare with what is on disk instead of writing. */
  readonly check?: boolean;
  /** Vendor defects (warnings) become errors. */
  readonly strict?: boolean;
  /** npm name of the generated package; default from the spec title. */
  readonly packageName?: string;
  /**
   * Version of the generated package. Default: the version the output folder already has (`update` bumps it by
   * semver), else the spec's `info.version`.
   */
  readonly packageVersion?: string;
  /** The spec's text, when already read (a download); `spec` then only names it in messages. */
  readonly specText?: string;
  /** CHANGELOG.md for the output folder. Default: the one it already has, kept as it is. */
  readonly changelog?: string;
  /**
   * Type-check the generated package (default `true`): a package that does not compile is reported as a cobrowse-gen
   * bug, and an event too large for TypeScript's control-flow analysis as such. The check runs beside the formatting,
   * on a second core; `false` skips it (the output is the same when the check passes).
   */
  readonly typeCheck?: boolean;
}

export interface BuildResult {
  readonly model: SpecModel;
  /** Every generated file, formatted, sorted by path. */
  readonly files: readonly EmittedFile[];
  readonly warnings: readonly Diagnostic[];
}

export interface GenerateResult extends BuildResult {
  readonly outDir: string;
  /** Set in check mode: how the folder on disk differs from what would be generated. */
  readonly drift?: OutputDrift;
}

/**
 * Pure emit stage: one emitter per generated file, each reading only the model, and the runtime's copies. The model
 * must have been normalized with the runtime's export names (`runtimeExports`), which the generated names avoid.
 */
export function emitSources(model: SpecModel, runtime: Runtime): EmittedFile[] {
  const taken = [
    ...model.events.flatMap((e) => [e.typeName, `is${e.typeName}`, `validate${e.typeName}`]),
    ...model.namedTypes.map((t) => t.name),
  ].filter((name) => runtime.exportNames.has(name));
  if (taken.length > 0) {
    throw new Error(`The model names ${taken.join(", ")} like runtime exports: normalize it with { runtimeExports: runtime.exportNames }.`);
  }
  return [
    ...emitRuntime(model, runtime.modules),
    emitTypes(model),
    emitGuards(model),
    emitSchemas(model),
    emitReceiver(model),
    emitFixturesModule(model),
    emitIndex(model),
    emitPackageJson(model),
    emitReadme(model),
    emitEventsMd(model),
    ...emitFixtureFiles(model),
  ];
}

function dedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.pointer ?? ""}\u0000${d.code}\u0000${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Spec file → the generated package's files, in memory. Touches no output folder. */
export async function buildPackage(options: GenerateOptions): Promise<BuildResult> {
  try {
    return await buildPackageUnguarded(options);
  } catch (error) {
    // A third-party stage (swagger-parser, prettier, TypeScript) recursing through an absurdly deep spec.
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      throw new CobrowseGenError({
        code: "too-deep",
        message: "The spec is nested too deeply to process.",
        file: options.spec,
        hint: "Zoom's specs are a few levels deep; check that the file is the right one.",
      });
    }
    throw error;
  }
}

async function buildPackageUnguarded(options: GenerateOptions): Promise<BuildResult> {
  // Started first: the compile worker parses TypeScript's libraries while this thread loads, normalizes and formats.
  const compiler = startCompiler();
  let failed = true;
  try {
    // Read beside the spec; a spec error thrown first must not leave this read's failure unhandled.
    const runtimeLoading = loadRuntime();
    runtimeLoading.catch(() => undefined);
    const loaded = options.specText === undefined ? await loadSpec(options.spec) : await loadSpecText(options.specText, options.spec);
    const runtime = await runtimeLoading;
    const { model, warnings: normalizeWarnings } = normalizeSpec(loaded, {
      ...(options.packageName !== undefined ? { packageName: options.packageName } : {}),
      ...(options.packageVersion !== undefined ? { packageVersion: options.packageVersion } : {}),
      runtimeExports: runtime.exportNames,
    });
    const warnings = dedupe([...loaded.warnings, ...normalizeWarnings]);
    if (options.strict && warnings.length > 0) throw new StrictModeError(warnings);
    const emitted = emitSources(model, runtime);
    const origins = model.events.map((e) => ({ typeName: e.typeName, pointer: e.pointer, file: options.spec }));
    const typeCheck = options.typeCheck !== false;
    const built =
      (await formatAndCompile(emitted, origins, compiler, typeCheck, true)) ?? (await formatAndCompile(emitted, origins, compiler, typeCheck, false));
    if (built === undefined) throw new Error("formatAndCompile without placeholders cannot fail to restore them");
    const changelog = options.changelog === undefined ? [] : await formatFiles([{ path: "CHANGELOG.md", contents: options.changelog }]);
    const files = [...built, ...changelog].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    failed = false;
    return { model, files, warnings };
  } finally {
    compiler.close(failed);
  }
}

/** The runtime's copies are final as they are: neither formatted nor compiled here. */
const isRuntime = (path: string) => path.startsWith("src/runtime/") || path.startsWith("dist/runtime/");
const isSource = (path: string) => path.startsWith("src/") && path.endsWith(".ts") && !isRuntime(path);

/** Below this, formatting all of dist/ here costs less than warming prettier up in the worker. */
const SHARED_FORMATTING_MIN_BYTES = 1_000_000;

/** Splits files in two of about equal size, largest files to the first; all to the second when they are small. */
function shareOut(files: readonly EmittedFile[]): [EmittedFile[], EmittedFile[]] {
  const total = files.reduce((sum, f) => sum + f.contents.length, 0);
  if (total < SHARED_FORMATTING_MIN_BYTES) return [[], [...files]];
  const first: EmittedFile[] = [];
  const second: EmittedFile[] = [];
  let size = 0;
  for (const file of [...files].sort((a, b) => b.contents.length - a.contents.length)) {
    if (size < total / 2) {
      first.push(file);
      size += file.contents.length;
    } else second.push(file);
  }
  return [first, second];
}

/**
 * Formats the emitted files and compiles the sources, TypeScript's part on the compiler (a worker thread): it
 * type-checks the sources while this thread formats them, compiles them into `dist/` while this thread formats the
 * other files, and finishes the check while this thread formats `dist/`.
 *
 * With `setAside`, megabyte string literals (the invalid-fixture catalogue) ride through every stage behind
 * placeholders and are put back at the end, re-quoted as prettier would (see long-strings.ts); `undefined` when one did
 * not come out exactly once, and the caller does the work again without setting anything aside.
 */
async function formatAndCompile(
  emitted: readonly EmittedFile[],
  origins: readonly GuardOrigin[],
  compiler: Compiler,
  typeCheck: boolean,
  setAside: boolean,
): Promise<EmittedFile[] | undefined> {
  const literals = new Map<string, readonly string[]>();
  const prepared = emitted.map((file) => {
    const aside = setAside && isSource(file.path) ? setAsideLongStrings(file.contents, file.path) : undefined;
    if (aside === undefined) return file;
    literals.set(file.path, aside.literals);
    return { path: file.path, contents: aside.text };
  });
  const unformatted = prepared.filter((f) => isSource(f.path));
  // The generated files import the runtime: the check and the compiler see its sources, but its dist/ is the copy of
  // cobrowse-gen's own build, not what the compiler emits from them.
  const runtimeSources = prepared.filter((f) => isRuntime(f.path) && f.path.startsWith("src/"));
  const runtimeDist = prepared.filter((f) => isRuntime(f.path) && f.path.startsWith("dist/"));
  // The check does not need formatted sources: it starts now, and its failure stops the build as soon as it comes.
  const checked = typeCheck ? compiler.check([...unformatted, ...runtimeSources], origins) : Promise.resolve();
  const stopOnCheckFailure = checked.then(() => new Promise<never>(() => undefined));
  stopOnCheckFailure.catch(() => undefined);
  const formatting = formatFiles(unformatted);
  formatting.catch(() => undefined);
  const sources = await Promise.race([formatting, stopOnCheckFailure]);
  const compiled = compiler.emit([...sources, ...runtimeSources]);
  const others = await formatFiles(prepared.filter((f) => !isSource(f.path) && !isRuntime(f.path)));
  const generatedDist = (await compiled).filter((f) => !isRuntime(f.path));
  // A large dist/ is formatted by both threads, the largest files by the worker (once its check is done).
  const [theirs, mine] = shareOut(generatedDist);
  const [formattedThere, formattedHere] = await Promise.all([theirs.length > 0 ? compiler.format(theirs) : [], formatFiles(mine), checked]);
  const dist = [...formattedThere, ...formattedHere];
  const files: EmittedFile[] = [...others, ...runtimeSources, ...runtimeDist];
  const requoted = new Map<string, readonly string[]>();
  for (const file of [...sources, ...dist]) {
    // src/x.ts, and dist/x.js and dist/x.d.ts compiled from it.
    const source = file.path.startsWith("dist/") ? "src/" + file.path.slice("dist/".length).replace(/(\.d\.ts|\.js)$/, ".ts") : file.path;
    const aside = literals.get(source);
    if (aside === undefined) {
      files.push(file);
    } else if (file.path.endsWith(".d.ts")) {
      // Declarations carry no string literal of the code; a placeholder there would be TypeScript printing one.
      if (hasPlaceholder(file.contents)) return undefined;
      files.push(file);
    } else {
      // The literal as prettier prints it: in src/x.ts, and, as TypeScript emits a literal as written and prettier
      // leaves a literal it printed unchanged, in dist/x.js as well.
      const printed = requoted.get(source) ?? aside.map(prettierStringLiteral);
      requoted.set(source, printed);
      const contents = restoreLongStrings(file.contents, printed);
      if (contents === undefined) return undefined;
      files.push({ path: file.path, contents });
    }
  }
  return files;
}

/** load → normalize → emit → format → compile → write (or check). */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const outDir = options.outDir ?? "generated";
  // The output folder carries state a spec does not: the package's semver version and its changelog.
  const previous = await readPreviousOutput(outDir);
  const built = await buildPackage({
    ...options,
    ...(options.packageVersion === undefined && previous.version !== undefined ? { packageVersion: previous.version } : {}),
    ...(options.changelog === undefined && previous.changelog !== undefined ? { changelog: previous.changelog } : {}),
  });
  if (options.check) return { ...built, outDir, drift: await checkOutput(outDir, built.files) };
  await writeOutput(outDir, built.files);
  return { ...built, outDir };
}
