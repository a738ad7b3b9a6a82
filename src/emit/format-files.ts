import path from "node:path";
import type * as Prettier from "prettier";
import type { EmittedFile } from "./emitted-file.js";

/**
 * Fixed prettier options, never the user's config files: the same spec must give the same bytes on every machine.
 * The emitters write code as prettier prints it with these options (write-code.ts); a test holds them to it.
 */
export const PRETTIER_OPTIONS: Prettier.Options = {
  printWidth: 120,
  tabWidth: 2,
  useTabs: false,
  semi: true,
  singleQuote: false,
  trailingComma: "all",
  bracketSpacing: true,
  arrowParens: "always",
  endOfLine: "lf",
  proseWrap: "preserve",
};

// Loaded on first use: a build whose files are all final needs no formatter.
let loaded: Promise<typeof Prettier> | undefined;
const loadPrettier = () => (loaded ??= import("prettier"));

function parserFor(file: string): string | undefined {
  if (file.endsWith(".ts")) return "typescript";
  if (file.endsWith(".js")) return "babel";
  if (file.endsWith(".json")) return "json";
  if (file.endsWith(".md")) return "markdown";
  return undefined;
}

/** Formats one file with the fixed options. */
export async function formatFile(file: EmittedFile): Promise<EmittedFile> {
  const parser = parserFor(file.path);
  if (parser === undefined) return file;
  const prettier = await loadPrettier();
  try {
    return { path: file.path, contents: await prettier.format(file.contents, { ...PRETTIER_OPTIONS, parser }) };
  } catch (error) {
    // Unparsable generated code is a cobrowse-gen bug: say which file, so the report is useful.
    throw new Error(`Generated ${file.path} does not parse (a cobrowse-gen bug; please report it): ${(error as Error).message}`);
  }
}

export function formatFiles(files: readonly EmittedFile[]): Promise<EmittedFile[]> {
  return Promise.all(files.map(formatFile));
}

/**
 * The formatting a build applies to the files it generated. By default only the markdown files (README.md, EVENTS.md,
 * CHANGELOG.md: the vendor's own markdown is in them) are formatted, with the fixed options; every other file is final
 * as emitted. With `userConfigIn` (the `--prettier` flag) every file is formatted with the prettier configuration that
 * applies to it in that folder (prettier.resolveConfig, its overrides included), or the fixed options where there is
 * none; the parser is prettier's pick for the file name.
 */
export async function formatGeneratedFiles(files: readonly EmittedFile[], options: { userConfigIn?: string } = {}): Promise<EmittedFile[]> {
  const outDir = options.userConfigIn;
  if (outDir === undefined) return Promise.all(files.map((file) => (file.path.endsWith(".md") ? formatFile(file) : file)));
  const prettier = await loadPrettier();
  return Promise.all(
    files.map(async (file) => {
      const filepath = path.resolve(outDir, file.path);
      const config = await prettier.resolveConfig(filepath);
      try {
        return { path: file.path, contents: await prettier.format(file.contents, { ...(config ?? PRETTIER_OPTIONS), filepath }) };
      } catch (error) {
        throw new Error(`Generated ${file.path} could not be formatted with the prettier configuration for ${filepath}: ${(error as Error).message}`);
      }
    }),
  );
}
