/** `pattern`: an ECMA-262 regular expression (compiled with the `u` flag) that must match somewhere in a string. */
import { CobrowseGenError } from "../errors.js";
import { joinPointer } from "../model/json-pointer.js";
import type { SchemaNode } from "../model/model.js";
import { samplePattern } from "../synthesize/sample-pattern.js";
import { guard, refuse, type Keyword, type ReadContext } from "./keyword.js";

export interface PatternFields {
  /** An ECMA-262 regular expression (compiled with the `u` flag), not anchored: it must match somewhere in the string. */
  readonly pattern?: string;
}

/** Fixture synthesis checks the same patterns thousands of times: each is compiled once. */
const compiled = new Map<string, RegExp>();

/** The RegExp of a JSON Schema pattern (also of a `patternProperties` name), compiled once. */
export function compiledPattern(source: string): RegExp {
  let re = compiled.get(source);
  if (re === undefined) compiled.set(source, (re = new RegExp(source, "u")));
  return re;
}

/** JSON Schema patterns are ECMA-262 regular expressions; the guards compile them with the `u` flag. */
export function checkPattern(pattern: unknown, pointer: string, ctx: ReadContext): asserts pattern is string {
  if (typeof pattern !== "string") refuse(ctx, pointer, "A pattern must be a string.", "Write the regular expression as a string.");
  try {
    new RegExp(pattern, "u");
  } catch (error) {
    refuse(ctx, pointer, `Invalid regular expression ${JSON.stringify(pattern)}: ${(error as Error).message}.`, "JSON Schema patterns are ECMA-262 regular expressions (Unicode mode).");
  }
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
    checkPattern(schema.pattern, joinPointer(pointer, "pattern"), ctx);
    return { pattern: schema.pattern };
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
    if (node.kind !== "string" || node.pattern === undefined) return value;
    // The synthesized value if it matches, else the schema's example or default, else one made from the pattern.
    const random = ctx.random(`pattern#${ctx.pointer}`);
    const candidates = [value, node.example, node.default, samplePattern(node.pattern, random), samplePattern(node.pattern)];
    const found = candidates.find((c): c is string => typeof c === "string" && ctx.satisfies(node, c));
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
  diff(before, after, at) {
    const was = before.kind === "string" ? before.pattern : undefined;
    const now = after.kind === "string" ? after.pattern : undefined;
    if (was === now) return [];
    const message = `The pattern of ${at} changed from ${was ?? "none"} to ${now ?? "none"}.`;
    if (was === undefined) return [{ kind: "pattern-changed", severity: "non-breaking", message, note: "A narrowing: matching values passed the old guards too." }];
    return [{ kind: "pattern-changed", severity: "breaking", message, note: "Values valid under the new pattern can fail the old guards." }];
  },
};
