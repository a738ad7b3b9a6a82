import type { GuardOrigin } from "../emit/compile-dist.js";
import { startCompiler, type Compiler } from "../emit/compiler.js";
import { emitEventsMd } from "../emit/emit-events-md.js";
import { emitFixtureFiles, emitFixturesModule } from "../emit/emit-fixtures.js";
import { emitGuards } from "../emit/emit-guards.js";
import { emitIndex } from "../emit/emit-index.js";
import { emitPackageJson } from "../emit/emit-package-json.js";
import { emitReadme } from "../emit/emit-readme.js";
import { emitReceiver } from "../emit/emit-receiver.js";
import { emitSchemas } from "../emit/emit-schemas.js";
import { emitTypes } from "../emit/emit-types.js";
import type { EmittedFile } from "../emit/emitted-file.js";
import { CobrowseGenError, StrictModeError, type Diagnostic } from "../errors.js";
import { formatGeneratedFiles } from "../emit/format-files.js";
import { loadSpec, loadSpecText } from "../load/load-spec.js";
import { hasPlaceholder, restoreLongStrings, setAsideLongStrings } from "../emit/long-strings.js";
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
   * bug, and an event too large for TypeScript's control-flow analysis as such. The check runs in a worker thread, on a
   * second core; `false` skips it (the output is the same when the check passes).
   */
  readonly typeCheck?: boolean;
  /**
   * Format every generated file with prettier and the prettier configuration that applies in the output folder (the
   * user's own, found by `prettier.resolveConfig`; the generator's fixed options where there is none). By default
   * the emitters write every file in its final form (prettier's, with fixed options, so the same spec gives the same
   * bytes everywhere) and prettier formats only the vendor's markdown. `check` compares with the same formatting.
   */
  readonly prettier?: boolean;
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

/** Pure emit stage: one emitter per generated file, each reading only the model. */
export function emitSources(model: SpecModel): EmittedFile[] {
  return [
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
    const loaded = options.specText === undefined ? await loadSpec(options.spec) : await loadSpecText(options.specText, options.spec);
    const { model, warnings: normalizeWarnings } = normalizeSpec(loaded, {
      ...(options.packageName !== undefined ? { packageName: options.packageName } : {}),
      ...(options.packageVersion !== undefined ? { packageVersion: options.packageVersion } : {}),
    });
    const warnings = dedupe([...loaded.warnings, ...normalizeWarnings]);
    if (options.strict && warnings.length > 0) throw new StrictModeError(warnings);
    const emitted = emitSources(model);
    const origins = model.events.map((e) => ({ typeName: e.typeName, pointer: e.pointer, file: options.spec }));
    const typeCheck = options.typeCheck !== false;
    const built =
      (await compileSources(emitted, origins, compiler, typeCheck, true)) ?? (await compileSources(emitted, origins, compiler, typeCheck, false));
    if (built === undefined) throw new Error("compileSources without placeholders cannot fail to restore them");
    const changelog = options.changelog === undefined ? [] : [{ path: "CHANGELOG.md", contents: options.changelog }];
    const formatted = await formatGeneratedFiles([...built, ...changelog], options.prettier === true ? { userConfigIn: options.outDir ?? "generated" } : {});
    const files = formatted.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    failed = false;
    return { model, files, warnings };
  } finally {
    compiler.close(failed);
  }
}

const isSource = (path: string) => path.startsWith("src/") && path.endsWith(".ts");

/**
 * Compiles the sources (already in their final form, written so by the emitters), TypeScript's part on the compiler
 * (a worker thread): it type-checks the sources and compiles them into `dist/` (left as the compiler prints it).
 *
 * With `setAside`, megabyte string literals (the invalid-fixture catalogue) ride through the compiler behind
 * placeholders and are put back at the end, as the emitter wrote them (see long-strings.ts); `undefined` when one did
 * not come out exactly once, and the caller does the work again without setting anything aside.
 */
async function compileSources(
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
  const sources = prepared.filter((f) => isSource(f.path));
  // The check starts now, and its failure stops the build as soon as it comes.
  const checked = typeCheck ? compiler.check(sources, origins) : Promise.resolve();
  checked.catch(() => undefined);
  const others = prepared.filter((f) => !isSource(f.path));
  const [dist] = await Promise.all([compiler.emit(sources), checked]);
  const files: EmittedFile[] = [...others];
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
      // The literal as written in src/x.ts, and, as TypeScript emits a literal as written, in dist/x.js as well.
      const contents = restoreLongStrings(file.contents, aside);
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
