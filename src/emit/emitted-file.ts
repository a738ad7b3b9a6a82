import type { MarkdownBlock } from "./write-code.js";

/** What every emitter returns: a path relative to the output directory, and the file's text. */
export interface EmittedFile {
  readonly path: string;
  readonly contents: string;
  /**
   * A markdown file's blocks, when it has vendor markdown in it: `contents` is then the draft, and the build finishes
   * the blocks (format-files.ts finishMarkdown).
   */
  readonly markdown?: readonly MarkdownBlock[];
}
