import * as prettier from "prettier";
import type { EmittedFile } from "./emitted-file.js";
import { formatJsonLikePrettier } from "./format-json.js";

/**
 * Fixed prettier options, never the user's config files: the same spec must give the same bytes on every machine.
 */
export const PRETTIER_OPTIONS: prettier.Options = {
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

function parserFor(path: string): string | undefined {
  if (path.endsWith(".ts")) return "typescript";
  if (path.endsWith(".js")) return "babel";
  if (path.endsWith(".json")) return "json";
  if (path.endsWith(".md")) return "markdown";
  return undefined;
}

export async function formatFile(file: EmittedFile): Promise<EmittedFile> {
  const parser = parserFor(file.path);
  if (parser === undefined) return file;
  if (parser === "json") {
    // The fixture files of a large spec are tens of megabytes of JSON.stringify output: printed directly, with
    // prettier's exact rules, unless the text is outside what that printer knows for sure.
    const fast = formatJsonLikePrettier(file.contents);
    if (fast !== undefined) return { path: file.path, contents: fast };
  }
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
