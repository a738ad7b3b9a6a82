/** `pattern`: an ECMA-262 regular expression (compiled with the `u` flag) that must match somewhere in a string. */
import { CobrowseGenError } from "../errors.js";
import { joinPointer } from "../model/json-pointer.js";
import type { SchemaNode } from "../model/model.js";
import { samplePattern } from "../synthesize/sample-pattern.js";
import { markdownCode } from "../emit/escape-markdown.js";
import { PATTERN_FLAGS, analysePattern } from "./analyse-pattern.js";
import { guard, refuse, type Keyword, type ReadContext } from "./keyword.js";

export { PATTERN_FLAGS } from "./analyse-pattern.js";

export interface PatternFields {
  /** An ECMA-262 regular expression (compiled with the `u` flag), not anchored: it must match somewhere in the string. */
  readonly pattern?: string;
  /**
   * A pattern that backtracks exponentially, kept under `unsafePatterns: "annotate"` as documentation only: the
   * guards, check-value and synthesis never run it (nor label a fixture by it).
   */
  readonly uncheckedPattern?: string;
}

/** Fixture synthesis checks the same patterns thousands of times: each is compiled once. */
const compiled = new Map<string, RegExp>();

/** The RegExp of a JSON Schema pattern (also of a `patternProperties` name), compiled once. */
export function compiledPattern(source: string): RegExp {
  let re = compiled.get(source);
  if (re === undefined) compiled.set(source, (re = new RegExp(source, PATTERN_FLAGS)));
  return re;
}

/** JSON Schema patterns are ECMA-262 regular expressions; the guards compile them with the `u` flag. */
export function checkPattern(pattern: unknown, pointer: string, ctx: ReadContext): asserts pattern is string {
  if (typeof pattern !== "string") refuse(ctx, pointer, "A pattern must be a string.", "Write the regular expression as a string.");
  try {
    new RegExp(pattern, PATTERN_FLAGS);
  } catch (error) {
    refuse(ctx, pointer, `Invalid regular expression ${JSON.stringify(pattern)}: ${(error as Error).message}.`, "JSON Schema patterns are ECMA-262 regular expressions (Unicode mode).");
  }
}

/** What the guards do with a pattern that compiles: test it, or (exponential, under annotate) only document it. */
export type PatternUse = "check" | "document";

/**
 * Whether the guards may run a pattern (one checkPattern accepted) on untrusted strings. An exponential one is refused
 * (exit 2), or under `unsafePatterns: "annotate"` kept as documentation, with a warning; a polynomial one is checked,
 * with a warning. `unchecked` says what not checking it means (for a patternProperties key, more than the pattern).
 */
export function patternUse(pattern: string, pointer: string, ctx: ReadContext, unchecked = "the guards do not check it"): PatternUse {
  const analysis = analysePattern(pattern);
  if (analysis.worst === "linear") return "check";
  const shown = JSON.stringify(pattern.length > 120 ? `${pattern.slice(0, 120)}…` : pattern);
  const attack = `a string of ${analysis.attack === undefined ? "one repeated character" : JSON.stringify(analysis.attack)}`;
  const rewrite = `${analysis.worst === "unknown" ? "Simplify the pattern (fewer unbounded quantifiers, shorter)" : "Rewrite the pattern so that no two quantifiers can match the same characters"}${analysis.fix !== undefined ? ` (${JSON.stringify(analysis.fix)} matches the same strings)` : ""}`;
  if (analysis.worst === "polynomial") {
    ctx.warnings.push({
      code: "slow-pattern",
      message: `The pattern ${shown} backtracks polynomially: on ${attack} followed by a character that fails it, the guard's time grows with the square (or a higher power) of the length: seconds for 100,000 characters, which a receiver's 1 MiB body limit lets through. It is checked.`,
      file: ctx.file,
      pointer,
      hint: `${rewrite}, or anchor it with ^ if it is searched for anywhere in the string.`,
    });
    return "check";
  }
  const danger =
    analysis.worst === "unknown"
      ? `The pattern ${shown} cannot be checked for catastrophic backtracking: ${analysis.why}. One that backtracks exponentially keeps a guard busy for seconds to years on a few dozen characters, and a receiver answers no other request meanwhile.`
      : `The pattern ${shown} backtracks exponentially: ${attack} a few dozen long, followed by a character that fails it, keeps a guard busy for seconds to years, and a receiver answers no other request meanwhile.`;
  if (ctx.unsafePatterns !== "annotate") {
    throw new CobrowseGenError({
      code: "unsafe-pattern",
      message: danger,
      file: ctx.file,
      pointer,
      hint: `${rewrite}, or pass --unsafe-patterns annotate (unsafePatterns: "annotate") to generate guards that do not check it (it is documented as unchecked).`,
    });
  }
  ctx.warnings.push({
    code: "unsafe-pattern",
    message: `${danger} --unsafe-patterns annotate: ${unchecked}, and the docs say so.`,
    file: ctx.file,
    pointer,
    hint: `${rewrite}; the guards will then check it.`,
  });
  return "document";
}

/** Why a documented pattern is not checked, in the words the types' JSDoc and EVENTS.md use. */
export const UNCHECKED_WHY = "not checked by the guards, since it can backtrack exponentially (generated with --unsafe-patterns annotate)";

/** The JSDoc sentence of a node's unchecked pattern, or of an object's unchecked patternProperties keys. */
export function uncheckedPatternNote(node: SchemaNode): string | undefined {
  if (node.kind === "string" && node.uncheckedPattern !== undefined) return `Pattern \`${node.uncheckedPattern}\` is ${UNCHECKED_WHY}.`;
  if (node.kind === "object" && node.uncheckedPatternProperties !== undefined) {
    const keys = node.uncheckedPatternProperties.map((p) => `\`${p}\``).join(", ");
    return `Property names matching ${keys} (patternProperties) are ${UNCHECKED_WHY}, so any property is accepted.`;
  }
  return undefined;
}

/** Strings that fail most patterns, tried in order for the invalid fixture. */
const MISSES = ["", "!", "~ not matching ~", "0", "a"];

export const patternKeyword: Keyword = {
  name: "pattern",
  keywords: ["pattern"],
  kinds: ["string"],
  perType: true,
  refinesType: false,
  read(schema, kind, pointer, ctx) {
    // On another kind JSON Schema ignores it, and so does normalize, without reading it.
    if (kind !== "string" || schema.pattern === undefined) return {};
    const at = joinPointer(pointer, "pattern");
    checkPattern(schema.pattern, at, ctx);
    return patternUse(schema.pattern, at, ctx) === "check" ? { pattern: schema.pattern } : { uncheckedPattern: schema.pattern };
  },
  write: (node) => (node.kind === "string" && node.pattern !== undefined ? { pattern: node.pattern } : {}),
  checks(node) {
    if (node.kind !== "string" || node.pattern === undefined) return [];
    const { pattern } = node;
    return [
      {
        keyword: "pattern",
        code: "invalid_format",
        expected: `string matching /${pattern}/`,
        message: `expected a match of ${pattern}`,
        fails: (value) => !compiledPattern(pattern).test(value as string),
        test: guard.not(guard.regExpTest(pattern, guard.value("string"))),
      },
    ];
  },
  pick(node, value, ctx) {
    if (node.kind !== "string") return value;
    if (node.pattern === undefined) {
      if (node.uncheckedPattern === undefined) return value;
      // An unchecked pattern is never run, not even on a fixture: a sample made from it matches it but for lookarounds
      // and word boundaries, which the generator ignores (and the guards do not check it).
      const random = ctx.random(`pattern#${node.uncheckedPattern}#${ctx.pointer}`);
      return samplePattern(node.uncheckedPattern, random, (c) => ctx.satisfies(node, c), node.maxLength) ?? value;
    }
    // The synthesized value if it matches, else the schema's example or default, else one made from the pattern.
    const fits = (c: unknown): c is string => typeof c === "string" && ctx.satisfies(node, c);
    const random = ctx.random(`pattern#${node.pattern}#${ctx.pointer}`);
    const found = [value, node.example, node.default].find(fits) ?? samplePattern(node.pattern, random, fits, node.maxLength);
    if (found !== undefined) return found;
    throw new CobrowseGenError({
      code: "unsatisfiable-pattern",
      message: `No fixture value could be made for the pattern ${JSON.stringify(node.pattern)} (with the schema's other constraints).`,
      file: ctx.file,
      pointer: node.pointer,
      hint: "Add an `example` that matches the pattern to this schema.",
    });
  },
  invalid(node, _value, ctx) {
    // With an enum or a format, their own checks would report first.
    if (node.kind !== "string" || node.pattern === undefined || node.enum || node.format !== undefined) return [];
    const re = compiledPattern(node.pattern);
    const { pattern: _, ...others } = node;
    const miss = MISSES.find((c) => !re.test(c) && ctx.satisfies(others, c));
    return miss === undefined ? [] : [{ name: "bad-pattern", says: "does not match its pattern", code: "invalid_format", value: miss }];
  },
  docs(node) {
    if (node.kind !== "string") return undefined;
    if (node.pattern !== undefined) return `pattern ${markdownCode(node.pattern)}`;
    if (node.uncheckedPattern !== undefined) return `pattern ${markdownCode(node.uncheckedPattern)}, ${UNCHECKED_WHY}`;
    return undefined;
  },
  diff(before, after, at) {
    // The spec's pattern, checked or not: diff reads both specs with unsafe patterns annotated, so that it can show them.
    const was = before.kind === "string" ? (before.pattern ?? before.uncheckedPattern) : undefined;
    const now = after.kind === "string" ? (after.pattern ?? after.uncheckedPattern) : undefined;
    if (was === now) return [];
    const message = `The pattern of ${at} changed from ${was ?? "none"} to ${now ?? "none"}.`;
    const unsafe = after.kind === "string" && after.uncheckedPattern !== undefined ? " It backtracks exponentially: generation refuses it (or, with --unsafe-patterns annotate, does not check it)." : "";
    // A new pattern narrows, which old guards tolerate; but regenerated guards then run a regular expression they never
    // ran on untrusted input, and reject values they accepted: worth a review, as a breaking change gets.
    if (was === undefined) return [{ kind: "pattern-changed", severity: "breaking", message, note: `A new regular expression the regenerated guards run on every value here, rejecting values they accepted before: review it.${unsafe}` }];
    return [{ kind: "pattern-changed", severity: "breaking", message, note: `Values valid under the new pattern can fail the old guards.${unsafe}` }];
  },
};
