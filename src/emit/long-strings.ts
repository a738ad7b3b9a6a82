import ts from "typescript";

/**
 * Long string literals set aside while prettier or TypeScript works on the code around them.
 *
 * The fixtures module of a large spec carries its invalid-fixture catalogue as JSON text, one string literal per event,
 * megabytes each: 24 of the 25 MB of the Users spec's `src/fixtures.ts`. Prettier and TypeScript spend most of their
 * time on that file scanning, measuring and re-quoting those strings, though a string literal is printed on its own:
 * prettier only re-quotes it (see prettierStringLiteral), and TypeScript emits its source text as written. So each one
 * is replaced with a placeholder literal before, and put back after.
 *
 * Why the output is byte-for-byte what it would have been:
 * - A literal is set aside only if it is the sole argument of a call, checked on TypeScript's parse of the text with
 *   the placeholders in it: one string literal token stands where another stood, so the syntax tree is the same but
 *   for string values (not a property key, a directive or a module name, whose printing depends on content).
 * - Prettier decides a layout by measuring widths; a literal and its placeholder are both wider than the print width,
 *   so every "does it fit" check that reaches either fails the same way.
 * - Each placeholder must come out exactly once, where the literal was; otherwise the caller does the work on the
 *   original text.
 */
const PREFIX = "__cobrowse_gen_long_string_";
/** Literals shorter than this are not worth setting aside. */
const MIN_LENGTH = 1000;
/** Placeholder width, quotes included: above prettier's printWidth of 120. */
const PLACEHOLDER_WIDTH = 130;
/** Printable ASCII characters a literal must have at least, so that its display width is above the print width. */
const MIN_ASCII = 200;

export interface SetAside {
  /** The text with placeholders. */
  readonly text: string;
  /** The original literal of each placeholder, by index. */
  readonly literals: readonly string[];
}

/** Whether `text` has a placeholder (or anything that looks like one) in it. */
export const hasPlaceholder = (text: string): boolean => text.includes(PREFIX);

const placeholder = (index: number) => `"${`${PREFIX}${index}`.padEnd(PLACEHOLDER_WIDTH - 2, "_")}"`;

const isLineBreak = (code: number) => code === 10 || code === 13 || code === 0x2028 || code === 0x2029;
const isSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 13;

/** End (exclusive) of the string literal whose opening quote is at `start`, or -1 if it is not a one-line literal. */
function literalEnd(text: string, start: number, asciiCount: { n: number }): number {
  const quote = text.charCodeAt(start);
  let ascii = 0;
  for (let i = start + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === quote) {
      asciiCount.n = ascii;
      return i + 1;
    }
    if (isLineBreak(code)) return -1;
    if (code === 92 /* \ */) {
      i++;
      if (i >= text.length || isLineBreak(text.charCodeAt(i))) return -1;
      ascii += 2;
    } else if (code >= 0x20 && code <= 0x7e) ascii++;
  }
  return -1;
}

/**
 * Sets aside each long string literal that is a call's only argument. `undefined` when there is none, or when the
 * check on the parse fails (then nothing may be set aside).
 */
export function setAsideLongStrings(text: string, fileName: string): SetAside | undefined {
  if (text.length < MIN_LENGTH || text.includes(PREFIX)) return undefined;
  const parts: string[] = [];
  const literals: string[] = [];
  let copied = 0;
  let from = 0;
  for (;;) {
    const open = text.indexOf("(", from);
    if (open < 0) break;
    from = open + 1;
    let start = open + 1;
    while (start < text.length && isSpace(text.charCodeAt(start))) start++;
    const quote = text.charCodeAt(start);
    if (quote !== 34 && quote !== 39) continue;
    const ascii = { n: 0 };
    const end = literalEnd(text, start, ascii);
    if (end < 0 || end - start < MIN_LENGTH || ascii.n < MIN_ASCII) continue;
    // Followed by `)`, or by `,` and `)` (prettier's trailing comma), whitespace allowed around.
    let after = end;
    while (after < text.length && isSpace(text.charCodeAt(after))) after++;
    if (text.charCodeAt(after) === 44 /* , */) {
      after++;
      while (after < text.length && isSpace(text.charCodeAt(after))) after++;
    }
    if (text.charCodeAt(after) !== 41 /* ) */) continue;
    parts.push(text.slice(copied, start), placeholder(literals.length));
    literals.push(text.slice(start, end));
    copied = end;
    from = end;
  }
  if (literals.length === 0) return undefined;
  parts.push(text.slice(copied));
  const replaced = parts.join("");
  return placeholdersAreSoleCallArguments(replaced, fileName, literals.length) ? { text: replaced, literals } : undefined;
}

function placeholdersAreSoleCallArguments(text: string, fileName: string, count: number): boolean {
  const occurrences = text.split(PREFIX).length - 1;
  if (occurrences !== count) return false;
  const kind = fileName.endsWith(".ts") ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kind);
  const seen = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.arguments.length === 1) {
      const argument = node.arguments[0] as ts.Expression;
      if (ts.isStringLiteral(argument) && argument.text.startsWith(PREFIX)) seen.add(argument.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return seen.size === count && (source as { parseDiagnostics?: readonly unknown[] }).parseDiagnostics?.length === 0;
}

/**
 * Puts `printed[i]` (literal i as the tool that ran would have printed it) in place of placeholder i. `undefined` when
 * a placeholder is missing or repeated.
 */
export function restoreLongStrings(output: string, printed: readonly string[]): string | undefined {
  const found = new Array<number>(printed.length).fill(0);
  const pattern = new RegExp(`"${PREFIX}(\\d+)_*"`, "g");
  const restored = output.replace(pattern, (match, index: string) => {
    const i = Number(index);
    if (match !== placeholder(i) || i >= printed.length) return match;
    found[i] = (found[i] ?? 0) + 1;
    return printed[i] as string;
  });
  return found.every((n) => n === 1) && !restored.includes(PREFIX) ? restored : undefined;
}

/**
 * How prettier 3 prints a string literal in JavaScript or TypeScript with `singleQuote: false`: in the quote that
 * needs fewer escapes (double on a tie), re-escaping only quotes. A literal already in that quote is kept as written.
 */
export function prettierStringLiteral(raw: string): string {
  const content = raw.slice(1, -1);
  let doubles = 0;
  let singles = 0;
  for (let i = 0; i < content.length; i++) {
    const code = content.charCodeAt(i);
    if (code === 34) doubles++;
    else if (code === 39) singles++;
  }
  const enclosing = doubles > singles ? "'" : '"';
  if (raw.charAt(0) === enclosing) return raw;
  // prettier's makeString: `\\x` for x a quote or a backslash stays escaped unless x is the other quote; a bare
  // quote is escaped if it is the enclosing one. Other escapes are kept as written. (A loop: the regular expression
  // prettier uses, with a callback per quote, is the slow part on megabytes of JSON text.)
  const enclosingCode = enclosing.charCodeAt(0);
  const parts: string[] = [];
  let copied = 0;
  for (let i = 0; i < content.length; i++) {
    const code = content.charCodeAt(i);
    if (code === 92 /* \\ */) {
      const next = content.charCodeAt(i + 1);
      if ((next === 34 || next === 39) && next !== enclosingCode) {
        parts.push(content.slice(copied, i)); // drop the backslash before the other quote
        copied = i + 1;
      }
      i++;
    } else if (code === enclosingCode) {
      parts.push(content.slice(copied, i), "\\");
      copied = i;
    }
  }
  parts.push(content.slice(copied));
  const body = parts.join("");
  return enclosing + body + enclosing;
}
