import { emitEventsMd } from "../emit/emit-events-md.js";
import { emitCombinedFixtures, emitFixtureFiles, emitFixturesModule } from "../emit/emit-fixtures.js";
import { productLayout, productView } from "../emit/module-layout.js";
import { emitCombinedGuards, emitGuards } from "../emit/emit-guards.js";
import { emitIndex } from "../emit/emit-index.js";
import { emitJsonSchemas } from "../emit/emit-json-schemas.js";
import { emitNamesJson } from "../emit/emit-names-json.js";
import { emitPackageJson } from "../emit/emit-package-json.js";
import { emitReadme } from "../emit/emit-readme.js";
import { emitReceiver } from "../emit/emit-receiver.js";
import { emitRuntime, runtimeModulesFor } from "../emit/emit-runtime.js";
import { emitSchemas } from "../emit/emit-schemas.js";
import { emitCombinedTypes, emitTypes } from "../emit/emit-types.js";
import type { EmittedFile } from "../emit/emitted-file.js";
import { CobrowseGenError, StrictModeError, dedupeDiagnostics, type Diagnostic } from "../errors.js";
import { formatGeneratedFiles } from "../emit/format-files.js";
import { loadRuntime, type Runtime } from "../load/load-runtime.js";
import { loadSpec, loadSpecText } from "../load/load-spec.js";
import type { ReceiverKind, SpecModel } from "../model/model.js";
import { RECEIVER_KINDS } from "../normalize/choose-receiver.js";
import { synthesizeSpec, type SynthesizedSpec } from "../synthesize/synthesize-fixtures.js";
import { normalizeSpecs } from "../normalize/normalize-spec.js";
import { checkTypes } from "../verify/check-types.js";
import type { UnsafePatterns } from "../keywords/keyword.js";
import type { RecordedNames } from "../normalize/record-names.js";
import { checkOutput, openOutput, readPreviousOutput, type OutputDrift } from "../write/write-output.js";
import type { OnProgress } from "./report-progress.js";

/** One spec of a package made from several. */
export interface SpecSource {
  /** Path of the spec file (either of Zoom's shapes). */
  readonly file: string;
  /** The product's subpath and folder name (kebab-case); default from the spec's title. */
  readonly name?: string;
  /** The spec's text, when already read; `file` then only names it in messages. */
  readonly text?: string;
}

export interface GenerateOptions {
  /** Path of the spec file (either of Zoom's shapes). Exactly one of `spec` and `specs` is given. */
  readonly spec?: string;
  /**
   * Several specs, one package: one union and one receiver over every product's events, and a subpath per product
   * (`<pkg>/<product>`) with its own types, guards, receiver and fixtures. One entry is the same as `spec`.
   */
  readonly specs?: readonly SpecSource[];
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
   * Type-check the generated package with a strict TypeScript program (default `false`: generation needs no type
   * check, and the contract tests run it on every change to cobrowse-gen). Code that does not compile is reported as a
   * cobrowse-gen bug.
   */
  readonly typeCheck?: boolean;
  /**
   * Format every generated file with prettier and the prettier configuration that applies in the output folder (the
   * user's own, found by `prettier.resolveConfig`; the generator's fixed options where there is none). By default
   * the emitters write every file in its final form (prettier's, with fixed options, so the same spec gives the same
   * bytes everywhere) and prettier formats only the vendor's markdown. `check` compares with the same formatting.
   */
  readonly prettier?: boolean;
  /**
   * Told when this run takes over the lock of a dead run and restores or removes what that run left beside the
   * output folder (the CLI prints these as `note:` lines).
   */
  readonly onNote?: (note: string) => void;
  /**
   * A `pattern` (or `patternProperties` key) that backtracks exponentially would let one request block a receiver:
   * `"refuse"` (default) stops generation with its pointer; `"annotate"` generates guards that do not check it, warns,
   * and documents it as unchecked. A polynomial one is a warning either way, and checked.
   */
  readonly unsafePatterns?: UnsafePatterns;
  /**
   * The exported names to keep (NormalizeOptions.previousNames). Default: the output folder's names.json, which every
   * run writes; without one, names are chosen afresh.
   */
  readonly previousNames?: RecordedNames;
  /**
   * A JSON pointer to the top-level body property that tells the events apart (`/type`), instead of the one found:
   * Zoom's `event`, the body schemas' discriminator.propertyName, or a required string const (NormalizeOptions.eventProperty).
   */
  readonly eventProperty?: string;
  /** Told as each stage begins (load, normalize, synthesize, emit, type-check, then write or check), for a progress display. */
  readonly onProgress?: OnProgress;
  /**
   * The receiver: "zoom" (Zoom's signature and handshake), "standard" (Standard Webhooks signatures) or "none" (the
   * router, no verification). Default: "zoom" for Zoom's specs, else "none" with a warning that says so.
   */
  readonly receiver?: ReceiverKind;
}

const UNSAFE_PATTERNS: readonly UnsafePatterns[] = ["refuse", "annotate"];

/** `unsafePatterns` as the library's callers may pass it (JavaScript too): one of the two values, else exit 2. */
export function checkUnsafePatterns(value: unknown, file: string): UnsafePatterns | undefined {
  if (value === undefined || UNSAFE_PATTERNS.includes(value as UnsafePatterns)) return value as UnsafePatterns | undefined;
  throw new CobrowseGenError({
    code: "invalid-option",
    message: `unsafePatterns must be "refuse" or "annotate", not ${JSON.stringify(value)}.`,
    file,
    hint: 'Pass "refuse" (the default: stop at a pattern that backtracks exponentially) or "annotate" (generate without checking it).',
  });
}

/** `receiver` as the library's callers may pass it (JavaScript too): one of the three kinds, else exit 2. */
function checkReceiver(value: unknown, file: string): ReceiverKind | undefined {
  if (value === undefined || RECEIVER_KINDS.includes(value as ReceiverKind)) return value as ReceiverKind | undefined;
  throw new CobrowseGenError({
    code: "invalid-option",
    message: `receiver must be "zoom", "standard" or "none", not ${JSON.stringify(value)}.`,
    file,
    hint: 'Pass "zoom" (Zoom\'s signature and handshake), "standard" (Standard Webhooks signatures) or "none" (a router, no verification).',
  });
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
 * Pure emit stage: one emitter per generated file, each reading only the model and the synthesized fixtures, and the
 * runtime's copies. The model must have been normalized with the runtime's export names (`runtimeExports`), which the
 * generated names avoid.
 */
export function emitSources(model: SynthesizedSpec, runtime: Runtime): EmittedFile[] {
  checkRuntimeNames(model, runtime);
  if (model.products !== undefined) return emitProductSources(model, runtime);
  return [
    ...emitRuntime(model, runtimeModulesFor(model, runtime)),
    ...emitTypes(model),
    ...emitGuards(model),
    ...emitSchemas(model),
    ...emitReceiver(model),
    ...emitFixturesModule(model),
    ...emitIndex(model),
    emitPackageJson(model),
    emitNamesJson(model),
    emitReadme(model),
    emitEventsMd(model),
    ...emitFixtureFiles(model),
    ...emitJsonSchemas(model),
  ];
}

/**
 * A package of several products: each product's modules in its own folder (its subpath), written by the same emitters
 * as a package of one spec, and the combined modules at the root re-exporting them.
 */
function emitProductSources(model: SynthesizedSpec, runtime: Runtime): EmittedFile[] {
  const products = (model.products ?? []).flatMap((product) => {
    const view = productView(model, product.name);
    const layout = productLayout(product.name);
    return [
      ...emitTypes(view, layout),
      ...emitGuards(view, layout),
      ...emitSchemas(view, layout),
      ...emitReceiver(view, layout),
      ...emitFixturesModule(view, layout),
      ...emitIndex(view, layout),
    ];
  });
  return [
    ...emitRuntime(model, runtimeModulesFor(model, runtime)),
    ...products,
    ...emitCombinedTypes(model),
    ...emitCombinedGuards(model),
    ...emitSchemas(model),
    ...emitReceiver(model),
    ...emitCombinedFixtures(model),
    ...emitIndex(model),
    emitPackageJson(model),
    emitReadme(model),
    emitEventsMd(model),
    emitNamesJson(model),
    ...emitFixtureFiles(model),
    ...emitJsonSchemas(model),
  ];
}

function checkRuntimeNames(model: SynthesizedSpec, runtime: Runtime): void {
  const taken = [
    ...model.events.flatMap((e) => [e.typeName, `is${e.typeName}`, `validate${e.typeName}`]),
    ...model.namedTypes.map((t) => t.name),
  ].filter((name) => runtime.exportNames.has(name));
  if (taken.length > 0) {
    throw new Error(`The model names ${taken.join(", ")} like runtime exports: normalize it with { runtimeExports: runtime.exportNames }.`);
  }
}

/** The specs of a run, from `spec` or `specs`: exactly one of the two. */
export function specSources(options: Pick<GenerateOptions, "spec" | "specs" | "specText">): SpecSource[] {
  if (options.spec !== undefined && options.specs !== undefined) throw new TypeError("Pass either spec or specs, not both.");
  if (options.specs !== undefined) {
    if (options.specs.length === 0) throw new TypeError("specs must name at least one spec.");
    return [...options.specs];
  }
  if (options.spec === undefined) throw new TypeError("Pass the spec file: spec (or specs, for several).");
  return [{ file: options.spec, ...(options.specText !== undefined ? { text: options.specText } : {}) }];
}

/** How a run's specs are named in messages: the file, or the files. */
export function specLabel(sources: readonly SpecSource[]): string {
  return sources.map((s) => s.file).join(", ");
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
        file: specLabel(specSources(options)),
        hint: "Zoom's specs are a few levels deep; check that the file is the right one.",
      });
    }
    throw error;
  }
}

async function buildPackageUnguarded(options: GenerateOptions): Promise<BuildResult> {
  const sources = specSources(options);
  const label = specLabel(sources);
  const unsafePatterns = checkUnsafePatterns(options.unsafePatterns, label);
  const receiver = checkReceiver(options.receiver, label);
  options.onProgress?.({ stage: "load" });
  // Read beside the spec; a spec error thrown first must not leave this read's failure unhandled.
  const runtimeLoading = loadRuntime();
  runtimeLoading.catch(() => undefined);
  const loaded = await Promise.all(sources.map((source) => (source.text === undefined ? loadSpec(source.file) : loadSpecText(source.text, source.file))));
  const runtime = await runtimeLoading;
  options.onProgress?.({ stage: "normalize" });
  const inputs = loaded.map((spec, index) => ({ spec, ...(sources[index]!.name !== undefined ? { name: sources[index]!.name } : {}) }));
  const { model, warnings: normalizeWarnings } = normalizeSpecs(inputs, {
    ...(options.packageName !== undefined ? { packageName: options.packageName } : {}),
    ...(options.packageVersion !== undefined ? { packageVersion: options.packageVersion } : {}),
    runtimeExports: runtime.exportNames,
    ...(unsafePatterns !== undefined ? { unsafePatterns } : {}),
    ...(options.previousNames !== undefined ? { previousNames: options.previousNames } : {}),
    ...(receiver !== undefined ? { receiver } : {}),
    ...(options.eventProperty !== undefined ? { eventProperty: options.eventProperty } : {}),
  });
  // Synthesis warns too (what the fixtures' limits leave out), before --strict judges the warnings.
  const synthesisWarnings: Diagnostic[] = [];
  options.onProgress?.({ stage: "synthesize", events: model.events.length });
  const synthesized = synthesizeProducts(model, sources[0]!.file, synthesisWarnings);
  const warnings = dedupeDiagnostics([...loaded.flatMap((spec) => spec.warnings), ...normalizeWarnings, ...synthesisWarnings]);
  // Which property tells the events apart is reported, but it is a choice, not a defect of the spec.
  const defects = warnings.filter((w) => w.code !== "discriminant");
  if (options.strict && defects.length > 0) throw new StrictModeError(defects);
  options.onProgress?.({ stage: "emit", events: model.events.length });
  const emitted = emitSources(synthesized, runtime);
  const changelog = options.changelog === undefined ? [] : [{ path: "CHANGELOG.md", contents: options.changelog }];
  // Emitted code is final; only the vendor's markdown is formatted, unless the user asks for their prettier config.
  const formatted = await formatGeneratedFiles([...emitted, ...changelog], options.prettier === true ? { userConfigIn: options.outDir ?? "generated" } : {});
  const files = [...formatted].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const fileOf = new Map((model.products ?? []).map((p) => [p.name, p.file]));
  if (options.typeCheck) options.onProgress?.({ stage: "type-check", events: model.events.length });
  if (options.typeCheck) checkTypes(files, model.events.map((e) => ({ typeName: e.typeName, pointer: e.pointer, file: (e.product !== undefined ? fileOf.get(e.product) : undefined) ?? label })));
  return { model, files, warnings };
}

/**
 * Fixtures for every event. Each product is synthesized as a package of its spec alone would be (its own limits and
 * timestamps), so that its fixtures do not change when another product joins the package.
 */
function synthesizeProducts(model: SpecModel, file: string, warnings: Diagnostic[]): SynthesizedSpec {
  if (model.products === undefined) return synthesizeSpec(model, file, warnings);
  const byName = new Map(
    model.products.flatMap((product) => synthesizeSpec(productView(model, product.name), product.file, warnings).events.map((e) => [e.name, e] as const)),
  );
  return { ...model, events: model.events.map((e) => byName.get(e.name)!) };
}

/**
 * load → normalize → emit → write (or check), with the output folder locked from the first read of it to the last
 * write, so that a concurrent run is refused instead of interleaving with this one.
 */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const outDir = options.outDir ?? "generated";
  const output = await openOutput(outDir, { readOnly: options.check === true, ...(options.onNote !== undefined ? { onNote: options.onNote } : {}) });
  try {
    // The output folder carries state a spec does not: the package's semver version and its changelog.
    const previous = await readPreviousOutput(outDir);
    const built = await buildPackage({
      ...options,
      ...(options.packageVersion === undefined && previous.version !== undefined ? { packageVersion: previous.version } : {}),
      ...(options.changelog === undefined && previous.changelog !== undefined ? { changelog: previous.changelog } : {}),
      ...(options.previousNames === undefined && previous.names !== undefined ? { previousNames: previous.names } : {}),
    });
    // Not a spec defect, so --strict does not refuse it: the run only loses stable names.
    const result = previous.warnings.length === 0 ? built : { ...built, warnings: dedupeDiagnostics([...previous.warnings, ...built.warnings]) };
    options.onProgress?.({ stage: options.check ? "check" : "write", events: built.model.events.length });
    if (options.check) return { ...result, outDir, drift: await checkOutput(outDir, built.files) };
    await output.write(built.files);
    return { ...result, outDir };
  } finally {
    await output.release();
  }
}
