import { readFileSync } from "node:fs";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { CobrowseGenError, StrictModeError, formatDiagnostic, type Diagnostic } from "../errors.js";
import type { DiffFormat } from "../diff/render-diff.js";
import type { GenerateOptions } from "../commands/generate.js";
import { isPackageVersion } from "../model/naming.js";
import type { Config } from "../config/load-config.js";
import path from "node:path";

// The pipeline's modules (TypeScript, prettier, swagger-parser and what imports them) are loaded by the command that
// needs them, not up front: `--help` and `--version` stay cheap.

/** Exit codes, documented in the README. */
export const EXIT = { ok: 0, stale: 1, badInput: 2, internal: 3 } as const;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

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
    .argument("<old-spec>", "the spec your code was generated from")
    .argument("<new-spec>", "the new spec")
    .addOption(new Option("--format <format>", "output format").choices(FORMATS).default("text"))
    .addOption(new Option("--fail-on <level>", "exit 1 when there are changes of this level").choices(FAIL_ON).default("breaking"))
    .option("--debug", "print stack traces of errors");
  const early = parseWith(program, argv, io);
  if (early !== undefined) return early;
  const flags = program.opts<{ format: DiffFormat; failOn: (typeof FAIL_ON)[number]; debug?: boolean }>();
  const [oldSpec, newSpec] = program.args as [string, string];
  try {
    const [{ diffSpecFiles }, { formatDiff }] = await Promise.all([import("../commands/diff.js"), import("../diff/render-diff.js")]);
    const diff = await diffSpecFiles(oldSpec, newSpec);
    io.stdout(formatDiff(diff, flags.format, flags.format === "text" && process.stdout.isTTY === true && !process.env.NO_COLOR));
    const failed = flags.failOn === "any" ? diff.changes.length > 0 : flags.failOn === "breaking" ? diff.summary.breaking > 0 : false;
    return failed ? EXIT.stale : EXIT.ok;
  } catch (error) {
    return reportError(error, io, flags.debug === true, "");
  }
}

async function runUpdate(argv: readonly string[], io: CliIo): Promise<number> {
  const program = new Command("cobrowse-gen update")
    .description("Fetch a new spec, show the receiver-side diff, vendor it, regenerate, bump the package version, write the changelog.")
    .argument("<source>", "an http(s) URL or a file")
    .option("--spec <file>", "the vendored spec to replace", "specs/webhooks.json")
    .option("-o, --out <dir>", "output folder", "generated")
    .option("--dry-run", "show the diff, the new version and the files that would change; write nothing")
    .option("--timeout <ms>", "download timeout in milliseconds", positiveInteger, 30_000)
    .option("--max-bytes <n>", "largest accepted spec", positiveInteger, 10 * 1024 * 1024)
    .option("--report <file>", "also write the diff as markdown (for a pull request body)")
    .option("--report-json <file>", "also write the diff as JSON")
    .addOption(unsafePatternsOption())
    .option("--debug", "print stack traces of errors");
  const early = parseWith(program, argv, io);
  if (early !== undefined) return early;
  const flags = program.opts<{ spec: string; out: string; dryRun?: boolean; timeout: number; maxBytes: number; report?: string; reportJson?: string; unsafePatterns: UnsafePatterns; debug?: boolean }>();
  try {
    const [{ updateSpec }, { formatDiffText }] = await Promise.all([import("../commands/update.js"), import("../diff/render-diff.js")]);
    const result = await updateSpec({
      source: program.args[0] as string,
      spec: flags.spec,
      outDir: flags.out,
      dryRun: flags.dryRun === true,
      timeoutMs: flags.timeout,
      maxBytes: flags.maxBytes,
      reports: { ...(flags.report ? { markdown: flags.report } : {}), ...(flags.reportJson ? { json: flags.reportJson } : {}) },
      onNote: (note) => io.stderr(`note: ${note}\n`),
      unsafePatterns: flags.unsafePatterns,
    });
    for (const warning of result.warnings) io.stderr(formatDiagnostic("warning", warning) + "\n");
    io.stdout(formatDiffText(result.diff, process.stdout.isTTY === true && !process.env.NO_COLOR));
    const changed = [...result.drift.changed, ...result.drift.added, ...result.drift.removed];
    io.stdout(
      `\n${result.written ? "Updated" : "Would update"}: ${flags.spec}${result.specChanged ? "" : " (unchanged)"}, ${flags.out} ` +
        `(${changed.length} file${changed.length === 1 ? "" : "s"}), package version ${result.previousVersion} → ${result.version}.\n`,
    );
    if (flags.dryRun) for (const file of changed) io.stdout(`  ${file}\n`);
    return EXIT.ok;
  } catch (error) {
    return reportError(error, io, flags.debug === true, `Nothing was written (${flags.spec} and ${flags.out} are as they were).`);
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
    .option("-q, --quiet", "do not print warnings")
    .option("--report", "print every warning (vendor defects, repairs by normalization rules) as one table")
    .option("--type-check", "also type-check the generated package with a strict TypeScript program (slower; the output is the same)")
    .option("--prettier", "format every generated file with prettier and your prettier config for the output folder (--check then compares with that)")
    .addOption(unsafePatternsOption())
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
  let options: GenerateOptions = {
    ...(specFiles.length === 1 ? { spec: specFiles[0]! } : { specs: specFiles.map((file) => ({ file })) }),
    outDir: flags.out,
    check: flags.check === true,
    strict: flags.strict === true,
    typeCheck: flags.typeCheck === true,
    prettier: flags.prettier === true,
    onNote: (note) => io.stderr(`note: ${note}\n`),
    unsafePatterns: flags.unsafePatterns,
    ...(flags.packageName !== undefined ? { packageName: flags.packageName } : {}),
    ...(flags.packageVersion !== undefined ? { packageVersion: flags.packageVersion } : {}),
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
    const result = await generate(options);
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
