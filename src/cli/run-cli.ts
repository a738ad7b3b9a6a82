import { readFileSync } from "node:fs";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { CobrowseGenError, StrictModeError, formatDiagnostic, type Diagnostic } from "../errors.js";
import type { DiffFormat } from "../diff/render-diff.js";
import type { GenerateOptions } from "../commands/generate.js";
import { isPackageVersion } from "../model/naming.js";
import type { Config, ConfigSpec } from "../config/load-config.js";
import type { UpdateOptions } from "../commands/update.js";
import path from "node:path";
import { showProgress, type Progress, type ProgressStream } from "./show-progress.js";

// The pipeline's modules (TypeScript, prettier, swagger-parser and what imports them) are loaded by the command that
// needs them, not up front: `--help` and `--version` stay cheap.

/** Exit codes, documented in the README. */
export const EXIT = { ok: 0, stale: 1, badInput: 2, internal: 3 } as const;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Where a long run's progress line is drawn (stderr), if it is a terminal; without one, no progress. */
  readonly progress?: ProgressStream;
}

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  progress: process.stderr,
};

/** The progress line of this run; `note:` lines erase it first, and it is gone before the summary or an error. */
function startProgress(io: CliIo, quiet: boolean): Progress {
  return showProgress({ stream: io.progress ?? { write: () => undefined }, env: process.env, quiet });
}

function ownVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

/** `--report`: every warning in one table, for reading a messy spec's repairs at a glance. */
function formatWarningTable(warnings: readonly Diagnostic[]): string {
  if (warnings.length === 0) return "No warnings.\n";
  const rows = warnings.map((w) => `| ${w.code} | ${w.pointer ?? ""} | ${w.message.replace(/\|/g, "\\|").replace(/\s+/g, " ")} |`);
  return ["| code | where | what |", "| --- | --- | --- |", ...rows, ""].join("\n");
}

interface Flags {
  out: string;
  check?: boolean;
  strict?: boolean;
  packageName?: string;
  packageVersion?: string;
  quiet?: boolean;
  report?: boolean;
  debug?: boolean;
  typeCheck?: boolean;
  prettier?: boolean;
  unsafePatterns: UnsafePatterns;
  receiver?: "zoom" | "standard" | "none";
  eventProperty?: string;
}

const UNSAFE_PATTERNS = ["refuse", "annotate"] as const;
type UnsafePatterns = (typeof UNSAFE_PATTERNS)[number];

/** `--unsafe-patterns`, the same for generate and update. */
const unsafePatternsOption = () =>
  new Option(
    "--unsafe-patterns <mode>",
    "a pattern that backtracks exponentially (one request could block the receiver): refuse stops with its pointer; annotate generates guards that do not check it, with a warning, and documents it as unchecked",
  )
    .choices(UNSAFE_PATTERNS)
    .default("refuse");

/** `cobrowse-gen diff` and `cobrowse-gen update` are subcommands; anything else is the generator's own arguments. */
export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  if (argv[0] === "diff") return runDiff(argv.slice(1), io);
  if (argv[0] === "update") return runUpdate(argv.slice(1), io);
  return runGenerate(argv, io);
}

function reportError(error: unknown, io: CliIo, debug: boolean, nothingWritten: string): number {
  if (error instanceof CobrowseGenError) {
    const heading = error instanceof StrictModeError ? `--strict: ${error.diagnostics.length} vendor defect(s) in the spec.\n` : "";
    io.stderr(heading + error.diagnostics.map((d) => formatDiagnostic("error", d)).join("\n") + "\n");
    if (debug && error.stack) io.stderr(error.stack + "\n");
    io.stderr(nothingWritten + "\n");
    return EXIT.badInput;
  }
  io.stderr(`internal error: ${(error as Error)?.message ?? String(error)}\n`);
  io.stderr(debug ? `${(error as Error)?.stack}\n` : "This is a bug in cobrowse-gen; rerun with --debug for details and report it.\n");
  io.stderr(nothingWritten + "\n");
  return EXIT.internal;
}

function parseWith(program: Command, argv: readonly string[], io: CliIo): number | undefined {
  program.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr }).showHelpAfterError(`(run ${program.name()} --help for usage)`);
  try {
    program.parse(argv, { from: "user" });
    return undefined;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === "commander.helpDisplayed" || error.code === "commander.version" ? EXIT.ok : EXIT.badInput;
    }
    throw error;
  }
}

function positiveInteger(value: string): number {
  if (!/^[1-9][0-9]*$/.test(value)) throw new InvalidArgumentError("expected a positive whole number");
  return Number(value);
}

function packageVersion(value: string): string {
  if (!isPackageVersion(value)) throw new InvalidArgumentError("expected a semver version such as 1.2.3 (npm requires one)");
  return value;
}

const FAIL_ON = ["breaking", "any", "none"] as const;
const FORMATS = ["text", "markdown", "json"] as const;

async function runDiff(argv: readonly string[], io: CliIo): Promise<number> {
  const program = new Command("cobrowse-gen diff")
    .description("Compare two Zoom webhook specs from the receiver's side: what breaks code generated from the old one.")
    .argument("[old-spec]", "the spec your code was generated from (none: with cobrowse-gen.config.json, each spec against its url)")
    .argument("[new-spec]", "the new spec")
    .option("--timeout <ms>", "download timeout in milliseconds (with a config)", positiveInteger, 30_000)
    .addOption(new Option("--format <format>", "output format").choices(FORMATS).default("text"))
    .addOption(new Option("--fail-on <level>", "exit 1 when there are changes of this level").choices(FAIL_ON).default("breaking"))
    .option("--debug", "print stack traces of errors");
  const early = parseWith(program, argv, io);
  if (early !== undefined) return early;
  const flags = program.opts<{ format: DiffFormat; failOn: (typeof FAIL_ON)[number]; timeout: number; debug?: boolean }>();
  const [oldSpec, newSpec] = program.args as [string | undefined, string | undefined];
  try {
    const [{ diffSpecFiles }, { formatDiff }] = await Promise.all([import("../commands/diff.js"), import("../diff/render-diff.js")]);
    if (oldSpec !== undefined && newSpec === undefined) {
      io.stderr("error: missing argument 'new-spec' (diff compares two specs; with no argument, the config's specs against their urls)\n");
      return EXIT.badInput;
    }
    const diff = oldSpec !== undefined && newSpec !== undefined ? await diffSpecFiles(oldSpec, newSpec) : await diffConfigSpecs(flags.timeout);
    io.stdout(formatDiff(diff, flags.format, flags.format === "text" && process.stdout.isTTY === true && !process.env.NO_COLOR));
    const failed = flags.failOn === "any" ? diff.changes.length > 0 : flags.failOn === "breaking" ? diff.summary.breaking > 0 : false;
    return failed ? EXIT.stale : EXIT.ok;
  } catch (error) {
    return reportError(error, io, flags.debug === true, "");
  }
}

/**
 * `diff` with no arguments: each spec of cobrowse-gen.config.json that has a url against what that url serves now,
 * as one diff over the package (what `update --dry-run` would report). Nothing is written.
 */
async function diffConfigSpecs(timeoutMs: number): Promise<import("../diff/diff-specs.js").SpecDiff> {
  const config = await readConfig();
  if (!config.specs.some((s) => s.url !== undefined)) {
    throw new CobrowseGenError({
      code: "nothing-to-update",
      message: `None of the specs of ${shown(config.file)} has a url to compare with.`,
      file: shown(config.file),
      pointer: "/specs",
      hint: 'Give the specs a "url", or compare two files: cobrowse-gen diff <old-spec> <new-spec>.',
    });
  }
  const { updateSpec } = await import("../commands/update.js");
  const result = await updateSpec({
    specs: config.specs.map((s) => ({ file: shown(s.file), ...(s.name !== undefined ? { name: s.name } : {}), ...(s.url !== undefined ? { source: s.url } : {}) })),
    outDir: shown(config.out),
    dryRun: true,
    timeoutMs,
    unsafePatterns: "annotate",
    ...(config.packageName !== undefined ? { packageName: config.packageName } : {}),
  });
  return result.diff;
}

async function runUpdate(argv: readonly string[], io: CliIo): Promise<number> {
  const program = new Command("cobrowse-gen update")
    .description(
      "Fetch a new spec, show the receiver-side diff, vendor it, regenerate, bump the package version, write the changelog. With cobrowse-gen.config.json in this folder and no source: every spec of the config that has a url, or the one named by --spec.",
    )
    .argument("[source]", "an http(s) URL or a file (default with a config: each spec's url)")
    .option("--spec <file>", "the vendored spec to replace (with a config: one of its specs)", "specs/webhooks.json")
    .option("-o, --out <dir>", "output folder (default: generated, or the config's out)", "generated")
    .option("--dry-run", "show the diff, the new version and the files that would change; write nothing")
    .option("--timeout <ms>", "download timeout in milliseconds", positiveInteger, 30_000)
    .option("--max-bytes <n>", "largest accepted spec", positiveInteger, 10 * 1024 * 1024)
    .option("--report <file>", "also write the diff as markdown (for a pull request body)")
    .option("--report-json <file>", "also write the diff as JSON")
    .addOption(unsafePatternsOption())
    .addOption(new Option("--receiver <kind>", "as for generate: zoom, standard or none (pass the one the package was generated with)").choices(["zoom", "standard", "none"]))
    .option("--event-property <pointer>", "as for generate: the body property that tells events apart, e.g. /type")
    .option("--debug", "print stack traces of errors");
  const early = parseWith(program, argv, io);
  if (early !== undefined) return early;
  const flags = program.opts<{ spec: string; out: string; dryRun?: boolean; timeout: number; maxBytes: number; report?: string; reportJson?: string; unsafePatterns: UnsafePatterns; receiver?: "zoom" | "standard" | "none"; eventProperty?: string; debug?: boolean }>();
  const given = (name: string) => program.getOptionValueSource(name) === "cli";
  let out = flags.out;
  let specsShown = flags.spec;
  const progress = startProgress(io, false);
  try {
    const [{ updateSpec }, { formatDiffText }] = await Promise.all([import("../commands/update.js"), import("../diff/render-diff.js")]);
    const source = program.args[0];
    const common = {
      dryRun: flags.dryRun === true,
      timeoutMs: flags.timeout,
      maxBytes: flags.maxBytes,
      reports: { ...(flags.report ? { markdown: flags.report } : {}), ...(flags.reportJson ? { json: flags.reportJson } : {}) },
      onNote: (note: string) => {
        progress.clear();
        io.stderr(`note: ${note}\n`);
      },
      onProgress: progress.report,
      ...(flags.receiver !== undefined ? { receiver: flags.receiver } : {}),
      ...(flags.eventProperty !== undefined ? { eventProperty: flags.eventProperty } : {}),
    };
    const { findConfig } = await import("../config/load-config.js");
    const configFile = await findConfig(process.cwd());
    let options: UpdateOptions;
    if (configFile === undefined) {
      if (source === undefined) {
        throw new CobrowseGenError({
          code: "no-spec",
          message: "No source given, and there is no cobrowse-gen.config.json in this folder.",
          file: "cobrowse-gen.config.json",
          hint: "Pass the new spec: cobrowse-gen update <url-or-file> [--spec specs/webhooks.json], or write a config whose specs have a url.",
        });
      }
      options = { ...common, source, spec: flags.spec, outDir: flags.out, unsafePatterns: flags.unsafePatterns };
    } else {
      const config = await readConfig();
      const only = given("spec") ? config.specs.find((s) => path.resolve(s.file) === path.resolve(flags.spec)) : undefined;
      if (given("spec") && only === undefined) {
        throw new CobrowseGenError({
          code: "unknown-spec",
          message: `--spec ${flags.spec} is not one of the specs of ${shown(config.file)}.`,
          file: flags.spec,
          hint: `Name one of: ${config.specs.map((s) => shown(s.file)).join(", ")}.`,
        });
      }
      if (source !== undefined && only === undefined && config.specs.length > 1) {
        throw new CobrowseGenError({
          code: "unknown-spec",
          message: `Which spec does ${source} replace? ${shown(config.file)} has ${config.specs.length}.`,
          file: source,
          hint: `Add --spec with one of: ${config.specs.map((s) => shown(s.file)).join(", ")}.`,
        });
      }
      // One spec refreshed (named by --spec, or the config's only one) from the given source or its url; else every
      // spec from its url.
      const target = only ?? (source !== undefined ? config.specs[0] : undefined);
      const refresh = (s: ConfigSpec) => (target === undefined ? s.url : s === target ? (source ?? s.url) : undefined);
      if (target !== undefined && refresh(target) === undefined) {
        throw new CobrowseGenError({
          code: "nothing-to-update",
          message: `${shown(target.file)} has no url in ${shown(config.file)} to refresh it from.`,
          file: shown(config.file),
          pointer: `${target.pointer}/url`,
          hint: `Add "url" to its entry, or pass the new spec: cobrowse-gen update <url-or-file> --spec ${shown(target.file)}.`,
        });
      }
      out = given("out") ? flags.out : shown(config.out);
      specsShown = config.specs.filter((s) => refresh(s) !== undefined).map((s) => shown(s.file)).join(", ");
      options = {
        ...common,
        specs: config.specs.map((s) => ({ file: shown(s.file), ...(s.name !== undefined ? { name: s.name } : {}), ...(refresh(s) !== undefined ? { source: refresh(s)! } : {}) })),
        outDir: out,
        unsafePatterns: given("unsafePatterns") ? flags.unsafePatterns : config.unsafePatterns,
        ...(config.packageName !== undefined ? { packageName: config.packageName } : {}),
      };
    }
    const result = await updateSpec(options).finally(() => progress.stop());
    for (const warning of result.warnings) io.stderr(formatDiagnostic("warning", warning) + "\n");
    io.stdout(formatDiffText(result.diff, process.stdout.isTTY === true && !process.env.NO_COLOR));
    const changed = [...result.drift.changed, ...result.drift.added, ...result.drift.removed];
    io.stdout(
      `\n${result.written ? "Updated" : "Would update"}: ${specsShown}${result.specChanged ? "" : " (unchanged)"}, ${out} ` +
        `(${changed.length} file${changed.length === 1 ? "" : "s"}), package version ${result.previousVersion} → ${result.version}.\n`,
    );
    if (flags.dryRun) for (const file of changed) io.stdout(`  ${file}\n`);
    return EXIT.ok;
  } catch (error) {
    progress.stop();
    return reportError(error, io, flags.debug === true, `Nothing was written (${specsShown} and ${out} are as they were).`);
  }
}

/** Parses flags, maps them to library options, calls the library, and turns the outcome into text and an exit code. */
async function runGenerate(argv: readonly string[], io: CliIo): Promise<number> {
  const program = new Command("cobrowse-gen")
    .description("Generate a typed, runtime-guarded TypeScript package from a Zoom webhooks OpenAPI spec.")
    .argument("[specs...]", "the spec file: Zoom's webhooks.json (or its docs-page form); several make one package with a subpath per product; none: the specs of cobrowse-gen.config.json in this folder")
    .option("-o, --out <dir>", "output folder", "generated")
    .option("--check", "write nothing; exit 1 if the output folder is not what the spec generates, listing the files")
    .option("--strict", "treat vendor defects in the spec (warnings) as errors")
    .option("--package-name <name>", "npm name of the generated package (default: from the spec title)")
    .option("--package-version <version>", "version of the generated package, semver (default: the output's current version, else the spec's info.version)", packageVersion)
    .option("-q, --quiet", "do not print warnings, nor progress on a terminal")
    .option("--report", "print every warning (vendor defects, repairs by normalization rules) as one table")
    .option("--type-check", "also type-check the generated package with a strict TypeScript program (slower; the output is the same)")
    .option("--prettier", "format every generated file with prettier and your prettier config for the output folder (--check then compares with that)")
    .addOption(unsafePatternsOption())
    .addOption(
      new Option(
        "--receiver <kind>",
        "the receiver to generate: zoom (Zoom's signature and URL-validation handshake), standard (Standard Webhooks signatures, then a router) or none (a router, no verification); default: zoom for Zoom's specs, else none",
      ).choices(["zoom", "standard", "none"]),
    )
    .option("--event-property <pointer>", "JSON pointer to the body property that tells events apart, e.g. /type (default: Zoom's event, a discriminator, or a required const found in every event)")
    .addOption(new Option("--debug", "print stack traces of errors"))
    .version(ownVersion())
    .addHelpText("after", "\nSubcommands:\n  cobrowse-gen diff <old-spec> <new-spec>   receiver-side breaking-change report\n  cobrowse-gen update <url-or-file>          vendor a new spec, regenerate, bump the version\n");
  const early = parseWith(program, argv, io);
  if (early !== undefined) return early;
  const flags = program.opts<Flags>();
  // A flag on the command line wins over the config file, the config over the flags' defaults.
  const given = (name: string) => program.getOptionValueSource(name) === "cli";
  let specFiles = program.args as string[];
  const fromConfig = specFiles.length === 0;
  const progress = startProgress(io, flags.quiet === true);
  let options: GenerateOptions = {
    ...(specFiles.length === 1 ? { spec: specFiles[0]! } : { specs: specFiles.map((file) => ({ file })) }),
    outDir: flags.out,
    check: flags.check === true,
    strict: flags.strict === true,
    typeCheck: flags.typeCheck === true,
    prettier: flags.prettier === true,
    onNote: (note) => {
      progress.clear();
      io.stderr(`note: ${note}\n`);
    },
    onProgress: progress.report,
    unsafePatterns: flags.unsafePatterns,
    ...(flags.receiver !== undefined ? { receiver: flags.receiver } : {}),
    ...(flags.packageName !== undefined ? { packageName: flags.packageName } : {}),
    ...(flags.packageVersion !== undefined ? { packageVersion: flags.packageVersion } : {}),
    ...(flags.eventProperty !== undefined ? { eventProperty: flags.eventProperty } : {}),
  };

  try {
    if (specFiles.length === 0) {
      const config = await readConfig();
      specFiles = config.specs.map((s) => shown(s.file));
      const { spec: _none, ...rest } = options;
      options = {
        ...rest,
        specs: config.specs.map((s) => ({ file: shown(s.file), ...(s.name !== undefined ? { name: s.name } : {}) })),
        outDir: given("out") ? flags.out : shown(config.out),
        strict: given("strict") ? true : config.strict,
        unsafePatterns: given("unsafePatterns") ? flags.unsafePatterns : config.unsafePatterns,
        ...(!given("packageName") && config.packageName !== undefined ? { packageName: config.packageName } : {}),
      };
    }
    const [{ generate }, { hasDrift }] = await Promise.all([import("../commands/generate.js"), import("../write/write-output.js")]);
    const result = await generate(options).finally(() => progress.stop());
    if (flags.report) io.stdout(formatWarningTable(result.warnings));
    else if (!flags.quiet) for (const warning of result.warnings) io.stderr(formatDiagnostic("warning", warning) + "\n");
    const summary = `${result.model.events.length} events${result.model.products ? ` from ${result.model.products.length} specs` : ""}, ${result.warnings.length} warning${result.warnings.length === 1 ? "" : "s"}`;
    if (result.drift) {
      if (!hasDrift(result.drift)) {
        io.stdout(`${result.outDir} is up to date (${result.files.length} files; ${summary}).\n`);
        return EXIT.ok;
      }
      const all = [
        ...result.drift.changed.map((f) => `  changed: ${f}`),
        ...result.drift.added.map((f) => `  missing: ${f}`),
        ...result.drift.removed.map((f) => `  extra:   ${f} (would be deleted)`),
      ];
      // A folder that is not there at all would list every file of the package.
      const lines = all.length > MAX_LISTED_FILES ? [...all.slice(0, MAX_LISTED_FILES), `  ... and ${all.length - MAX_LISTED_FILES} more`] : all;
      io.stderr(
        `${result.outDir} is stale: it differs from what ${specFiles.join(", ")} generate${specFiles.length === 1 ? "s" : ""}.\n${lines.join("\n")}\n` +
          `Regenerate with: npx cobrowse-gen${fromConfig ? "" : ` ${specFiles.join(" ")}`}${given("out") || (!fromConfig && flags.out !== "generated") ? ` --out ${flags.out}` : ""}\n`,
      );
      return EXIT.stale;
    }
    io.stdout(`Wrote ${result.files.length} files to ${result.outDir} (${summary}).\n`);
    return EXIT.ok;
  } catch (error) {
    progress.stop();
    return reportError(error, io, flags.debug === true, `Nothing was written to ${options.outDir ?? flags.out}.`);
  }
}

/** `--check` lists this many stale files, then says how many more there are. */
const MAX_LISTED_FILES = 20;

/** A path as messages show it: relative to the working directory when it is inside it. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}

/** cobrowse-gen.config.json of the working directory; without one, exit 2 saying how to give the specs. */
async function readConfig(): Promise<Config> {
  const { CONFIG_FILE_NAME, findConfig, loadConfig } = await import("../config/load-config.js");
  const file = await findConfig(process.cwd());
  if (file === undefined) {
    throw new CobrowseGenError({
      code: "no-spec",
      message: `No spec given, and there is no ${CONFIG_FILE_NAME} in this folder.`,
      file: CONFIG_FILE_NAME,
      hint: `Name the spec (npx cobrowse-gen specs/webhooks.json), several for one package, or write a ${CONFIG_FILE_NAME} (see the README).`,
    });
  }
  return loadConfig(file);
}
