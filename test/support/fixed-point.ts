import * as prettier from "prettier";
import { expect } from "vitest";
import type { EmittedFile } from "../../src/emit/emitted-file.js";
import { PRETTIER_OPTIONS } from "../../src/emit/format-files.js";

const PARSERS: Record<string, string> = { ".ts": "typescript", ".md": "markdown", ".json": "json" };

/** The prettier parser for a generated source file, or undefined for files prettier does not own (dist/). */
export function parserOf(path: string): string | undefined {
  if (path.startsWith("dist/")) return undefined;
  const extension = path.slice(path.lastIndexOf("."));
  return PARSERS[extension];
}

/**
 * Every generated `.ts`, `.md` and `.json` file outside dist/ is exactly what prettier prints for it with the
 * project's options: the emitters write final text, and prettier (the formatter of record) would change nothing.
 */
export async function expectPrettierFixedPoints(files: readonly EmittedFile[]): Promise<number> {
  let checked = 0;
  for (const file of files) {
    const parser = parserOf(file.path);
    if (parser === undefined) continue;
    const formatted = await prettier.format(file.contents, { ...PRETTIER_OPTIONS, parser });
    if (formatted !== file.contents) {
      // The first differing line, so that a failure names the construct the writer printed differently.
      const ours = file.contents.split("\n");
      const theirs = formatted.split("\n");
      const line = ours.findIndex((l, i) => l !== theirs[i]);
      expect.fail(`${file.path} is not a prettier fixed point; first difference at line ${line + 1}:\n  ours:     ${ours[line]}\n  prettier: ${theirs[line]}`);
    }
    checked++;
  }
  return checked;
}
