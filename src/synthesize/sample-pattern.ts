/**
 * A string that matches a regular expression, for fixtures of schemas with `pattern`. The generation is randexp's (a
 * maintained generator of matching strings over the `ret` parser), not ours: a hand-written sampler of "common
 * syntax" gave up on patterns real specs use (alternatives each anchored, negated classes, Unicode classes). What
 * randexp reads differently from the guards is rewritten first (below), its output is bounded, and its random
 * source is the caller's seeded PRNG, so a spec's fixtures are byte-identical on every machine. The caller still
 * checks every sample against the schema as the guards do: randexp ignores lookarounds and word boundaries, and a
 * sample that does not match never reaches a fixture.
 */
import { RegExpParser, type AST } from "@eslint-community/regexpp";
import randexp from "randexp";
import { PATTERN_FLAGS } from "../keywords/analyse-pattern.js";
import { MAX_STRING_LENGTH } from "./fixture-limits.js";

/**
 * How many repetitions past its minimum a quantifier may take, attempt by attempt: a few first, as real values read;
 * then exactly the minimum; then longer, for a `minLength` beside the pattern; last, every quantifier at that most.
 */
const ATTEMPTS: readonly { readonly extra: number; readonly longest?: true }[] = [
  { extra: 3 },
  { extra: 0 },
  { extra: 1 },
  { extra: 8 },
  { extra: 32 },
  { extra: 128 },
  { extra: 128, longest: true },
];

/**
 * A sample of `pattern` (a JSON Schema pattern, compiled with PATTERN_FLAGS) that `accept` takes (the caller's check
 * against the whole schema), at most `maxLength` (and MAX_STRING_LENGTH) long; undefined if no attempt gives one.
 */
export function samplePattern(pattern: string, random: () => number, accept: (sample: string) => boolean, maxLength = MAX_STRING_LENGTH): string | undefined {
  const limit = Math.min(maxLength, MAX_STRING_LENGTH);
  let source: string | undefined;
  try {
    source = retSource(pattern);
  } catch {
    return undefined; // nested too deeply for the parser, or not a pattern the guards compile
  }
  if (source === undefined) return undefined;
  for (const { extra, longest = false } of ATTEMPTS) {
    let sample: string;
    try {
      const generator = new SeededRandExp(source, random);
      const root = generator.root();
      if (minLength(root) > limit) return undefined;
      if (extra > 0 && maxLengthOf(root, extra) > limit) continue;
      bound(root, extra, longest);
      sample = generator.gen();
    } catch {
      return undefined; // ret's and randexp's recursion on deeply nested groups
    }
    if (sample.length <= limit && accept(sample)) return sample;
  }
  return undefined;
}

// ret's token tree, as far as the bounds read it (ret's own types are not a dependency of ours).
interface Token {
  readonly type: number;
  stack?: Token[];
  options?: Token[][];
  value?: Token | number;
  min?: number;
  max?: number;
  followedBy?: boolean;
  notFollowedBy?: boolean;
  set?: Token[];
  not?: boolean;
}

// randexp's types declare an ES default export, but its CommonJS `module.exports` is the class itself.
const RandExp = randexp as unknown as typeof randexp.default;
type RandExp = InstanceType<typeof RandExp>;

type ExpandToken = Parameters<RandExp["_expand"]>[0];
type Range = ReturnType<RandExp["_expand"]>;

/** randexp with the caller's random source, and classes read as the guards read them. */
class SeededRandExp extends RandExp {
  constructor(
    source: string,
    private readonly random: () => number,
  ) {
    super(source);
  }

  root(): Token {
    return (this as unknown as { tokens: Token }).tokens;
  }

  override randInt(a: number, b: number): number {
    return a + Math.floor(this.random() * (1 + b - a));
  }

  /**
   * randexp intersects every class with its default range (printable ASCII), so `[α-ω]` gave "": a class is its own
   * characters, and only a negated class (and `.`) takes its complement within printable ASCII, as fixtures read best.
   */
  override _expand(token: ExpandToken): Range {
    const t = token as unknown as Token;
    if (t.set === undefined) return super._expand(token);
    const union = this.defaultRange.clone().subtract(this.defaultRange);
    for (const member of t.set) union.add(this._expand(member as unknown as ExpandToken));
    return t.not === true ? this.defaultRange.clone().subtract(union) : union;
  }
}

const children = (token: Token): Token[] => [
  ...(token.stack ?? []),
  ...(token.options ?? []).flat(),
  ...(typeof token.value === "object" ? [token.value] : []),
];

/** The shortest string the tokens generate (a backreference counted as empty). */
function minLength(token: Token): number {
  if (token.followedBy === true || token.notFollowedBy === true) return 0;
  if (token.min !== undefined && typeof token.value === "object") return token.min * minLength(token.value);
  if (token.options !== undefined) return Math.min(...token.options.map((stack) => stack.reduce((sum, t) => sum + minLength(t), 0)));
  if (token.stack !== undefined) return token.stack.reduce((sum, t) => sum + minLength(t), 0);
  return token.set !== undefined || typeof token.value === "number" || "from" in token ? 1 : 0;
}

/** The longest string the tokens generate once every quantifier takes at most `extra` more than its minimum. */
function maxLengthOf(token: Token, extra: number): number {
  if (token.followedBy === true || token.notFollowedBy === true) return 0;
  if (token.min !== undefined && typeof token.value === "object") return Math.min(token.max!, token.min + extra) * maxLengthOf(token.value, extra);
  if (token.options !== undefined) return Math.max(...token.options.map((stack) => stack.reduce((sum, t) => sum + maxLengthOf(t, extra), 0)));
  if (token.stack !== undefined) return token.stack.reduce((sum, t) => sum + maxLengthOf(t, extra), 0);
  return token.set !== undefined || typeof token.value === "number" || "from" in token ? 1 : 0;
}

function bound(token: Token, extra: number, longest: boolean): void {
  if (token.min !== undefined && token.max !== undefined) {
    token.max = Math.min(token.max, token.min + extra);
    if (longest) token.min = token.max;
  }
  for (const child of children(token)) bound(child, extra, longest);
}

/**
 * The pattern in the syntax ret reads, with the guards' meaning: ret parses without the `u` flag, so it reads
 * `\p{Lu}` as the letters "p{Lu}", `\u{1F600}` as 1F600 times "u", and an astral character as two halves of which a
 * quantifier repeats only the second. Each is rewritten, as regexpp (the guards' own flags) parses it: a property
 * escape into the characters it matches, a code point escape into `\uXXXX` (astral: a group of its two halves), a
 * named backreference into its number; lookbehinds (which ret refuses) are dropped, as randexp drops lookaheads.
 * Undefined for what has no such rewrite (an astral character in a class).
 */
function retSource(pattern: string): string | undefined {
  const parser = new RegExpParser();
  const ast = parser.parsePattern(pattern, 0, pattern.length, { unicode: PATTERN_FLAGS.includes("u") });
  const edits: { start: number; end: number; text: string }[] = [];
  let impossible = false;
  const walk = (node: AST.Node, inClass: boolean): void => {
    switch (node.type) {
      case "Character":
        if (node.value > 0xffff) {
          if (inClass) impossible = true;
          else edits.push({ start: node.start, end: node.end, text: `(?:${hex4(node.value)})` });
        } else if (node.raw.startsWith("\\u{")) {
          edits.push({ start: node.start, end: node.end, text: hex4(node.value) });
        }
        return;
      case "CharacterSet":
        if (node.kind === "property") {
          const members = propertyMembers(node.raw);
          if (members === "") impossible = true;
          else edits.push({ start: node.start, end: node.end, text: inClass ? members : `[${members}]` });
        }
        return;
      case "Backreference":
        if (typeof node.ref === "string") edits.push({ start: node.start, end: node.end, text: `\\${groupNumber(ast, node.resolved as AST.CapturingGroup)}` });
        return;
      case "Assertion":
        if (node.kind === "lookbehind") {
          edits.push({ start: node.start, end: node.end, text: "" });
          return;
        }
        if (node.kind === "lookahead") for (const alternative of node.alternatives) walk(alternative, false);
        return;
      case "CapturingGroup":
        // ret reads a backreference after a named group as a character: groups are numbered instead.
        if (node.name !== null) edits.push({ start: node.start, end: pattern.indexOf(">", node.start) + 1, text: "(" });
        for (const alternative of node.alternatives) walk(alternative, false);
        return;
      case "Pattern":
      case "Group":
        for (const alternative of node.alternatives) walk(alternative, false);
        return;
      case "Alternative":
        for (const element of node.elements) walk(element, false);
        return;
      case "Quantifier":
        walk(node.element, inClass);
        return;
      case "CharacterClass":
        for (const element of node.elements) walk(element, true);
        return;
      case "CharacterClassRange":
        walk(node.min, true);
        walk(node.max, true);
        return;
      default:
        // The `v` flag's class syntax: the guards do not compile with it.
        impossible = true;
    }
  };
  walk(ast, false);
  if (impossible) return undefined;
  let source = pattern;
  for (const edit of edits.sort((a, b) => b.start - a.start)) source = source.slice(0, edit.start) + edit.text + source.slice(edit.end);
  return source;
}

function groupNumber(ast: AST.Pattern, group: AST.CapturingGroup): number {
  const all: AST.CapturingGroup[] = [];
  const collect = (node: AST.Node): void => {
    if (node.type === "CapturingGroup") all.push(node);
    for (const key of ["alternatives", "elements", "element"] as const) {
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) for (const child of value) collect(child as AST.Node);
      else if (value !== undefined && typeof value === "object") collect(value as AST.Node);
    }
  };
  collect(ast);
  return all.sort((a, b) => a.start - b.start).indexOf(group) + 1;
}

const hex4 = (codePoint: number): string =>
  String.fromCodePoint(codePoint)
    .split("")
    .map((unit) => `\\u${unit.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`)
    .join("");

/**
 * Where a property escape's characters are sought, in order: the first block with any gives them all. Letters and
 * digits are then ASCII, as fixtures read best, and stay the same characters whatever Unicode version a Node.js has
 * (a property's members among characters assigned long ago do not change).
 */
const BLOCKS: readonly (readonly [number, number])[] = [
  [0x20, 0x7e],
  [0xa0, 0x24f],
  [0x250, 0x2fff],
  [0x3000, 0xd7ff],
  [0xe000, 0xfffd],
];

const properties = new Map<string, string>();

/** The members of a property escape (`\p{…}` or `\P{…}`) as class ranges in `\uXXXX` form, or "" if none is found. */
function propertyMembers(escape: string): string {
  let members = properties.get(escape);
  if (members !== undefined) return members;
  const re = new RegExp(`^${escape}$`, PATTERN_FLAGS);
  members = "";
  for (const [from, to] of BLOCKS) {
    let start = -1;
    for (let code = from; code <= to + 1; code++) {
      const hit = code <= to && re.test(String.fromCharCode(code));
      if (hit && start < 0) start = code;
      if (!hit && start >= 0) {
        members += start === code - 1 ? hex4(start) : `${hex4(start)}-${hex4(code - 1)}`;
        start = -1;
      }
    }
    if (members !== "") break;
  }
  properties.set(escape, members);
  return members;
}
