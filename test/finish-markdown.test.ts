import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import { PRETTIER_OPTIONS, finishMarkdown } from "../src/emit/format-files.js";
import { markdownCell, markdownCode, vendorMarkdown } from "../src/emit/escape-markdown.js";
import { draftMarkdown, finalBlock, isVerbatimCell, proseBlock, tableBlock, type MarkdownBlock } from "../src/emit/write-code.js";

import { fences, headings, tableCellCounts } from "./support/render-markdown.js";

const MD: prettier.Options = { ...PRETTIER_OPTIONS, parser: "markdown" };

/**
 * finishMarkdown gives what prettier gives for the whole file, though it hands prettier only the vendor's markdown
 * and the cells it cannot vouch for.
 */
describe("finishMarkdown", () => {
  const table = (rows: string[][]) => tableBlock(["field", "description"], rows);
  const cases: [string, MarkdownBlock[]][] = [
    ["final blocks and a plain table (no prettier at all)", [finalBlock("# Title"), finalBlock("Text with `code`."), table([["`/a`", "plain text (ok), 1.5"], ["`/b`", ""]])]],
    [
      "cells prettier changes or measures: emphasis, bold, links, html, entities, wide characters, escaped pipes",
      [
        table([
          ["`/a`", "use *this* and **that**"],
          ["`/b`", "see [docs](https://example.com/a_b) and <br> here"],
          ["`/c`", "x &amp; y, 日本語 — dash, emoji 🎉"],
          [markdownCell(markdownCode("/d|e")), markdownCell("a | b\nc")],
          ["`/f`", "user_id and __init__ and snake_case_name"],
        ]),
      ],
    ],
    ["a vendor description that starts with a thematic break (printed `***` only when first in a file)", [finalBlock("## `event`"), proseBlock("---\n\n\nThe event.\n\n* one\n\t* two\n")]],
    ["a vendor description that ends with an html block", [proseBlock("Text.\n\n<div>\nhtml\n</div>\n"), table([["`/a`", "b"]])]],
    ["vendor headings, lists and emphasis", [finalBlock("# Events"), proseBlock("#### Prerequisites\n\n* **Bold** item\n  * nested *em*\n\n1. one\n1. two"), finalBlock("Example:")]],
    ["the same cell in two tables", [table([["`/a`", "*x*"]]), finalBlock("between"), table([["`/b`", "*x*"], ["`/c`", "longer cell text here"]])]],
    ["an unclosed code fence swallows the rest (the whole file is formatted then)", [proseBlock("```js\nnot closed"), table([["`/a`", "*x*"]]), finalBlock("after")]],
    ["a vendor description's unclosed fence, closed by vendorMarkdown", [proseBlock(vendorMarkdown("```js\nnot closed")), table([["`/a`", "*x*"]]), finalBlock("## after")]],
  ];
  it.each(cases)("%s", async (_, blocks) => {
    const finished = await finishMarkdown(blocks);
    expect(finished).toBe(await prettier.format(draftMarkdown(blocks), MD));
    expect(await prettier.format(finished, MD)).toBe(finished);
  });

  it("keeps what follows a vendor description's unclosed fence out of it", async () => {
    const finished = await finishMarkdown([proseBlock(vendorMarkdown("```js\nnot closed")), table([["`/a`", "*x*"]]), finalBlock("## after")]);
    expect(fences(finished)).toEqual(["not closed\n"]);
    expect(headings(finished)).toEqual([[2, "after"]]);
    expect(tableCellCounts(finished)).toEqual([{ header: 2, rows: [2] }]);
  });

  it.each([
    ["plain text", "The user's ID (a string), 1.5/2: ok?", true],
    ["a code span", "`/payload/object` or `\"quoted\"`", true],
    ["an escaped pipe", "a \\| b", true],
    ["emphasis", "*x*", false],
    ["an underscore", "user_id", false],
    ["a link", "[a](b)", false],
    ["html", "<br>", false],
    ["an entity", "&amp;", false],
    ["a wide character", "日本", false],
    ["a code span with padding", "` a `", false],
    ["a code span with a pipe", "`a|b`", false],
  ])("isVerbatimCell: %s", (_, text, verbatim) => {
    expect(isVerbatimCell(text)).toBe(verbatim);
  });
});
