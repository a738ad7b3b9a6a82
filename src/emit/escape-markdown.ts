import { createRequire } from "node:module";

/**
 * The one way spec text enters generated markdown (README.md, EVENTS.md, the changelog). Every function here returns
 * markdown that a CommonMark (GFM) renderer shows as the text it was given, or, for the vendor's own markdown, as that
 * markdown without raw HTML and without a construct that could run past its end:
 *
 * - `markdownText`: plain spec text (a title, a version, a format, a schema's title): every character markdown gives a
 *   meaning to is backslash-escaped, line breaks are spaces.
 * - `markdownCode`: a code span showing any text exactly (line breaks aside, which code spans show as spaces).
 * - `markdownCell`: a table cell of the markdown given: one line, and no `|` that ends the cell.
 * - `markdownFence`: a fenced block no line of its content can close.
 * - `vendorMarkdown` / `vendorInlineMarkdown`: the vendor's descriptions and summaries (descriptions are CommonMark
 *   by OpenAPI's definition, and Zoom writes summaries in markdown too), their links and emphasis kept, with every
 *   `<` outside code escaped, so no raw HTML element or comment passes, and an unclosed code fence closed at the
 *   description's end. They are parsed with prettier's markdown parser (the one
 *   that formats them); test/escape-markdown.test.ts holds the result to markdown-it (CommonMark) before and after
 *   prettier, on hostile cases and a property over mixes of block, inline and HTML syntax.
 * - `markdownComment`: an HTML comment (our banner) that no text can end early.
 */

// ASCII punctuation with a meaning somewhere in CommonMark, GFM (`~` strikethrough) or GitHub's renderer (`$` math);
// CommonMark lets any of it be escaped. `|` is left to markdownCell: outside a table row it means nothing. A `_`
// between two letters or digits (`user_id`) can neither open nor close emphasis, so it stays as it is.
const SPECIAL = /[\\`*[\]<>&~#$!]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g;
// Line breaks (CommonMark's, and U+2028/U+2029, which JavaScript-based parsers break lines at), tabs, runs of spaces.
const BREAKS = /\s+/g;

/** Plain text as inline markdown that renders as exactly that text (whitespace runs as one space). */
export function markdownText(text: string): string {
  return text.replace(BREAKS, " ").trim().replace(SPECIAL, "\\$&");
}

/**
 * A code span that renders `text` exactly (empty for empty text): delimited by a backtick run longer than any inside,
 * and padded with a space where the text starts or ends with a backtick or a space (CommonMark strips one space from
 * each side when both are there, and a backtick next to the delimiter would join it). Line breaks become spaces, as
 * a code span shows them, so the span stays on its line.
 */
export function markdownCode(text: string): string {
  const code = text.replace(/\r\n?|\n/g, " ");
  if (code === "") return "";
  const fence = "`".repeat(longestBacktickRun(code) + 1);
  const pad = /^[` ]|[` ]$/.test(code) && !/^ +$/.test(code) ? " " : "";
  return fence + pad + code + pad + fence;
}

/**
 * One table cell of the markdown given: one line (a line break is a space; spaces stay, code spans keep theirs), and
 * every `|` escaped (GFM splits a row at every `|` not escaped, inside code spans too, and drops the backslash of `\|`
 * everywhere, code spans included). A `|` already escaped (an odd run of backslashes before it) is left as it is.
 */
export function markdownCell(markdown: string): string {
  return markdown
    .replace(/\r\n?|\n/g, " ")
    .trim()
    .replace(/(\\*)\|/g, (all, slashes: string) => (slashes.length % 2 === 0 ? `${slashes}\\|` : all));
}

/** A fenced code block of any content: a backtick fence longer than any backtick run inside, so no line closes it. */
export function markdownFence(info: string, content: string): string {
  const fence = "`".repeat(Math.max(3, longestBacktickRun(content) + 1));
  return `${fence}${info.replace(/[`\s]/g, "")}\n${content.replace(/\n+$/, "")}\n${fence}`;
}

/** An HTML comment in markdown for any text: no `--` inside (so no `-->`), on one line. */
export function markdownComment(text: string): string {
  return `<!-- ${text.replace(BREAKS, " ").replace(/-(?=-)/g, "- ")} -->`;
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

// --- the vendor's markdown ----------------------------------------------------------------------------------------

interface MdNode {
  readonly type: string;
  readonly depth?: number;
  readonly position?: { readonly start: { readonly offset: number }; readonly end: { readonly offset: number } };
  readonly children?: readonly MdNode[];
}

// Prettier's markdown parser (the one that formats these descriptions), loaded on first use: a spec whose
// descriptions hold nothing to escape needs none.
let parser: { parse(text: string, options: object): MdNode } | undefined;
function parseMarkdown(text: string): MdNode {
  parser ??= (createRequire(import.meta.url)("prettier/plugins/markdown") as { parsers: { markdown: NonNullable<typeof parser> } }).parsers.markdown;
  return parser.parse(text, {});
}

// CommonMark autolinks: a link, not HTML, though it starts with `<`.
const AUTOLINK =
  /^<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>$/;

/** The spans of `text` where a `<` is not HTML: code (a span, a block) and autolinks. */
function keptSpans(text: string, root: MdNode): [number, number][] {
  const spans: [number, number][] = [];
  const visit = (node: MdNode) => {
    const { start, end } = node.position ?? { start: { offset: 0 }, end: { offset: 0 } };
    const source = text.slice(start.offset, end.offset);
    if (node.type === "code" || node.type === "inlineCode" || (node.type === "link" && AUTOLINK.test(source))) spans.push([start.offset, end.offset]);
    else node.children?.forEach(visit);
  };
  visit(root);
  return spans;
}

/**
 * Every `<` and backtick outside the kept spans escaped (one already escaped is left): no raw HTML tag, comment or
 * declaration, and no backtick the text shows that could pair with a code span's delimiter once prettier reprints it
 * (prettier picks the shortest delimiter its content allows, and does not look at the backticks around it). A `~~~`
 * that starts a line of text is escaped too: prettier drops the indentation of a paragraph's continuation lines, and
 * an indented `~~~` would then open a fence. A line break `<br>` inside a line of text stays (see inlineBreak).
 */
function escapeOutside(text: string, kept: readonly [number, number][]): string {
  return text.replace(/(\\*)(?:[<`]|(?<=^[ \t>]*)~(?=~~))/gm, (all, slashes: string, offset: number) => {
    const at = offset + slashes.length;
    const keep = slashes.length % 2 === 1 || kept.some(([from, to]) => at >= from && at < to) || inlineBreak(text, at);
    return keep ? all : `${slashes}\\${text[at]}`;
  });
}

/**
 * The vendor's block markdown (an event's description) as a block of this file: every `<` outside code escaped (the
 * text shows it, no HTML element is made), ATX headings of levels 1-4 moved `shiftHeadings` levels down, and a code
 * fence left open at the end closed there, with the prefix of the line that opened it (`>` of a quote, a list item's
 * indent), so it cannot swallow the rest of the file.
 */
export function vendorMarkdown(text: string, options: { shiftHeadings?: number } = {}): string {
  const source = text.replace(/\r\n?/g, "\n");
  if (!/[<#`~]/.test(source)) return source;
  return closeBlocks(withoutHtml(source), options.shiftHeadings ?? 0);
}

/**
 * A `<br>` (`<br/>`, `<br />`, any case) at `at` that is inline HTML: an element with no attributes and no content,
 * the only line break a table cell has, and the one tag in Zoom's specs, which use it in field descriptions. It must
 * not start its line (after quote and list markers): alone on a line it would open an HTML block, whose lines are
 * passed on raw, escapes and all.
 */
function inlineBreak(text: string, at: number): boolean {
  const tag = /^<br\s*\/?>/i.exec(text.slice(at, at + 8));
  if (!tag) return false;
  const lineStart = text.lastIndexOf("\n", at - 1) + 1;
  const lineEnd = text.indexOf("\n", at) === -1 ? text.length : text.indexOf("\n", at);
  const before = text.slice(lineStart, at).replace(/^(?:[ \t>]|[*+-][ \t]|\d{1,9}[.)][ \t])*/, "");
  return before.trim() !== "" || text.slice(at + tag[0].length, lineEnd).trim() !== "";
}

/**
 * Every `<` and backtick outside code escaped. Escaping turns HTML into text, and what the HTML held (a fence, a code
 * span's backtick) then counts: the text is parsed again until nothing is left to escape; after a few rounds every
 * `<` and backtick is.
 */
function withoutHtml(text: string): string {
  let out = text;
  for (let round = 0; round < 4; round++) {
    const next = escapeOutside(out, keptSpans(out, parseMarkdown(out)));
    if (next === out) return out;
    out = next;
  }
  return escapeOutside(out, []);
}

/** The prefix that puts a line where `before` ends: its quote markers as they are, all else as spaces (tab stops of 4). */
function linePrefix(before: string): string {
  let out = "";
  for (const char of before) out += char === ">" ? ">" : char === "\t" ? " ".repeat(4 - (out.length % 4)) : " ";
  return out;
}

/** Headings moved down, an open fence closed at the end, no backtick in a tilde fence's info string. */
function closeBlocks(source: string, shift: number): string {
  // Edits as [from, to, replacement] on the source, none overlapping.
  const edits: [number, number, string][] = [];
  const visit = (node: MdNode) => {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? 0;
    if (node.type === "heading" && shift > 0 && (node.depth ?? 0) <= 4 && source[start] === "#") edits.push([start, start, "#".repeat(shift)]);
    const open = node.type === "code" ? /^(`{3,}|~{3,})/.exec(source.slice(start, end))?.[1] : undefined;
    if (open !== undefined) {
      const prefix = linePrefix(source.slice(source.lastIndexOf("\n", start - 1) + 1, start));
      const lines = source.slice(start, end).split("\n");
      // The last line without the quote markers the block sits in: a closing fence, or the block is still open.
      let last = lines[lines.length - 1]!;
      for (let quotes = prefix.split(">").length - 1; quotes > 0; quotes--) last = last.replace(/^ {0,3}>/, "");
      last = last.trim();
      const closed = lines.length > 1 && last.length >= open.length && /^(`+|~+)$/.test(last) && last[0] === open[0];
      if (!closed && source.slice(end).trim() === "") edits.push([source.length, source.length, `\n${prefix}${open}`]);
      // Prettier prints every fence with backticks, and a backtick in the info string would then end the fence's
      // line as a code span: the info string is a language name, which has none.
      // (A `~` the info string then starts with is kept off the fence by a space.)
      const info = source.slice(start + open.length, end).split("\n")[0]!;
      const clean = info.replace(/`/g, "");
      if (clean !== info) edits.push([start + open.length, start + open.length + info.length, (clean.startsWith("~") ? " " : "") + clean]);
    }
    node.children?.forEach(visit);
  };
  visit(parseMarkdown(source));
  let out = "";
  let from = 0;
  for (const [at, to, replacement] of edits.sort((x, y) => x[0] - y[0])) {
    out += source.slice(from, at) + replacement;
    from = to;
  }
  return out + source.slice(from);
}

/**
 * The vendor's markdown inside one line (a field's description in a table cell): its inline markdown kept, each run
 * of whitespace one space, every `<` outside a code span escaped. It is parsed as the one line it becomes, after a word, so
 * nothing in it reads as the start of a block.
 */
export function vendorInlineMarkdown(text: string): string {
  const line = text.replace(BREAKS, " ").trim();
  if (!line.includes("<")) return line;
  const lead = "x ";
  return withoutHtml(lead + line).slice(lead.length);
}
