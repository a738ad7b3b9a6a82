import path from "node:path";
import type * as Prettier from "prettier";
import type { EmittedFile } from "./emitted-file.js";
import { alignTable, draftMarkdown, isVerbatimCell, type MarkdownBlock } from "./write-code.js";

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
 * The formatting a build applies to the files it generated. By default every file is final as emitted but for the
 * vendor's markdown in the markdown files (finishMarkdown; CHANGELOG.md, which `update` writes, is formatted whole),
 * with the fixed options. With `userConfigIn` (the `--prettier` flag) every file is formatted with the prettier configuration that
 * applies to it in that folder (prettier.resolveConfig, its overrides included), or the fixed options where there is
 * none; the parser is prettier's pick for the file name.
 */
export async function formatGeneratedFiles(files: readonly EmittedFile[], options: { userConfigIn?: string } = {}): Promise<EmittedFile[]> {
  const outDir = options.userConfigIn;
  if (outDir === undefined) {
    return Promise.all(
      files.map(async (file) => {
        if (!file.path.endsWith(".md")) return file;
        if (file.markdown === undefined) return formatFile(file);
        return { path: file.path, contents: await finishMarkdown(file.markdown) };
      }),
    );
  }
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

const SPLIT = "<!-- cobrowse-gen: split -->";

/**
 * A markdown file from its blocks, exactly as prettier prints the whole file (the fixed options): final blocks as
 * they are, tables aligned here, and only what the vendor wrote formatted by prettier, all of it in one run over a
 * small document: the prose blocks, then every cell that is not verbatim-safe as a row of a one-column table (a cell
 * prints the same in any table; its display width is read off prettier's padding). No prose and no such cell: no
 * prettier at all. If prettier's output cannot be taken apart again (a vendor's unclosed code fence swallowing the
 * rest, say), the whole draft is formatted instead.
 */
export async function finishMarkdown(blocks: readonly MarkdownBlock[]): Promise<string> {
  const prose = blocks.filter((b) => b.kind === "prose").map((b) => b.text.replace(/\n+$/, ""));
  const cells = [...new Set(blocks.flatMap((b) => (b.kind === "table" ? [b.header, ...b.rows].flat() : [])).filter((c) => c !== "" && !isVerbatimCell(c)))];
  const formattedCells = new Map<string, { text: string; width: number }>();
  const formattedProse: string[] = [];
  if (prose.length > 0 || cells.length > 0) {
    const table = cells.length > 0 ? [["| x |", "| --- |", ...cells.map((c) => `| ${c} |`)].join("\n")] : [];
    // Markers around it too: prettier prints some nodes by their place in the file (a first thematic break as `***`,
    // a last html block trimmed), and no vendor block may be first or last here when it is not in the file.
    const head = `${SPLIT}\n\n`;
    const tail = `\n\n${SPLIT}\n`;
    const skeleton = head + [...prose, ...table].join(`\n\n${SPLIT}\n\n`) + tail;
    const formatted = (await formatFile({ path: "draft.md", contents: skeleton })).contents;
    const whole = formatted.startsWith(head) && formatted.endsWith(tail) && formatted.length >= head.length + tail.length;
    const parts = whole ? formatted.slice(head.length, -tail.length).split(`\n\n${SPLIT}\n\n`) : [];
    const rows = cells.length > 0 && parts.length > 0 ? parts.pop()!.split("\n") : [];
    if (!whole || parts.length !== prose.length || rows.length !== (cells.length > 0 ? cells.length + 2 : 0)) {
      return (await formatFile({ path: "draft.md", contents: draftMarkdown(blocks) })).contents;
    }
    formattedProse.push(...parts);
    // The delimiter row is as wide as the widest cell; each cell's padding is what it lacks of that.
    const width = (rows[1]?.length ?? 4) - 4;
    cells.forEach((cell, i) => {
      const padded = rows[i + 2]!.slice(2, -2);
      const text = padded.trimEnd();
      formattedCells.set(cell, { text, width: width - (padded.length - text.length) });
    });
  }
  let next = 0;
  const verbatim = (c: string) => formattedCells.get(c) ?? { text: c, width: c.length };
  const out = blocks.map((b) => (b.kind === "table" ? alignTable(b.header, b.rows, verbatim) : b.kind === "prose" ? formattedProse[next++]! : b.text.replace(/\n+$/, "")));
  return out.join("\n\n") + "\n";
}
