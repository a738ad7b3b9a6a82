import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { CobrowseGenError, StrictModeError, formatDiagnostic } from "./errors.js";
import { generate, type GenerateOptions } from "./generate.js";
import { hasDrift } from "./write-output.js";

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
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

interface Flags {
  out: string;
  check?: boolean;
  strict?: boolean;
  packageName?: string;
  packageVersion?: string;
  quiet?: boolean;
  debug?: boolean;
}

/** Parses flags, maps them to library options, calls the library, and turns the outcome into text and an exit code. */
export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  const program = new Command("cobrowse-gen")
    .description("Generate a typed, runtime-guarded TypeScript package from a Zoom webhooks OpenAPI spec.")
    .argument("<spec>", "the spec file: Zoom's webhooks.json (or its docs-page form)")
    .option("-o, --out <dir>", "output folder", "generated")
    .option("--check", "write nothing; exit 1 if the output folder is not what the spec generates, listing the files")
    .option("--strict", "treat vendor defects in the spec (warnings) as errors")
    .option("--package-name <name>", "npm name of the generated package (default: from the spec title)")
    .option("--package-version <version>", "version of the generated package (default: the spec's info.version)")
    .option("-q, --quiet", "do not print warnings")
    .addOption(new Option("--debug", "print stack traces of errors"))
    .version(ownVersion())
    .showHelpAfterError("(run cobrowse-gen --help for usage)")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  try {
    program.parse(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === "commander.helpDisplayed" || error.code === "commander.version" ? EXIT.ok : EXIT.badInput;
    }
    throw error;
  }
  const flags = program.opts<Flags>();
  const options: GenerateOptions = {
    spec: program.args[0] as string,
    outDir: flags.out,
    check: flags.check === true,
    strict: flags.strict === true,
    ...(flags.packageName !== undefined ? { packageName: flags.packageName } : {}),
    ...(flags.packageVersion !== undefined ? { packageVersion: flags.packageVersion } : {}),
  };

  try {
    const result = await generate(options);
    if (!flags.quiet) for (const warning of result.warnings) io.stderr(formatDiagnostic("warning", warning) + "\n");
    const summary = `${result.model.events.length} events, ${result.warnings.length} warning${result.warnings.length === 1 ? "" : "s"}`;
    if (result.drift) {
      if (!hasDrift(result.drift)) {
        io.stdout(`${result.outDir} is up to date (${result.files.length} files; ${summary}).\n`);
        return EXIT.ok;
      }
      const lines = [
        ...result.drift.changed.map((f) => `  changed: ${f}`),
        ...result.drift.added.map((f) => `  missing: ${f}`),
        ...result.drift.removed.map((f) => `  extra:   ${f} (would be deleted)`),
      ];
      io.stderr(
        `${result.outDir} is stale: it differs from what ${options.spec} generates.\n${lines.join("\n")}\n` +
          `Regenerate with: npx cobrowse-gen ${options.spec}${flags.out !== "generated" ? ` --out ${flags.out}` : ""}\n`,
      );
      return EXIT.stale;
    }
    io.stdout(`Wrote ${result.files.length} files to ${result.outDir} (${summary}).\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CobrowseGenError) {
      const heading = error instanceof StrictModeError ? `--strict: ${error.diagnostics.length} vendor defect(s) in the spec.\n` : "";
      io.stderr(heading + error.diagnostics.map((d) => formatDiagnostic("error", d)).join("\n") + "\n");
      if (flags.debug && error.stack) io.stderr(error.stack + "\n");
      io.stderr(`Nothing was written to ${flags.out}.\n`);
      return EXIT.badInput;
    }
    io.stderr(`internal error: ${(error as Error)?.message ?? String(error)}\n`);
    io.stderr(flags.debug ? `${(error as Error)?.stack}\n` : "This is a bug in cobrowse-gen; rerun with --debug for details and report it.\n");
    io.stderr(`Nothing was written to ${flags.out}.\n`);
    return EXIT.internal;
  }
}
