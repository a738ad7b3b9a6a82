/**
 * The registry of value keywords. `KEYWORDS` is the order the guards and check-value test them, and the order
 * to-json-schema writes them. Normalize, diff and the invalid-fixture catalogue walk them in the orders they had
 * before the registry existed, because those orders are output (which error a spec gets first, the order of a
 * diff's lines, the names and order of invalid fixtures); a keyword not named in those lists comes after the named
 * ones, in registry order, so adding one is one line here.
 */
import type { SchemaNode } from "../model/model.js";
import { formatKeyword } from "./check-format.js";
import { lengthKeyword } from "./check-length.js";
import { patternKeyword } from "./check-pattern.js";
import { rangeKeyword } from "./check-range.js";
import { sizeKeyword } from "./check-size.js";
import type { Keyword, KeywordCheck, ReadContext, ReadKind } from "./keyword.js";

export { guardSource } from "./keyword.js";
export type { GuardExpression, GuardScope, InvalidValue, Keyword, KeywordChange, KeywordChangeKind, KeywordCheck, KeywordIssueCode, SynthesisContext, SynthesisTime } from "./keyword.js";

export const KEYWORDS: readonly Keyword[] = [formatKeyword, patternKeyword, lengthKeyword, rangeKeyword, sizeKeyword];

/** `first`, then every other registered keyword in registry order. */
function ordered(first: readonly Keyword[]): readonly Keyword[] {
  return [...first, ...KEYWORDS.filter((keyword) => !first.includes(keyword))];
}

/** The order normalize reads (and refuses) them. */
export const READ_ORDER: readonly Keyword[] = ordered([formatKeyword, lengthKeyword, rangeKeyword, sizeKeyword, patternKeyword]);

/** The order diff reports their changes in. */
export const DIFF_ORDER: readonly Keyword[] = ordered([formatKeyword, lengthKeyword, rangeKeyword, sizeKeyword, patternKeyword]);

/** The order of their invalid fixtures in the catalogue. */
export const FIXTURE_ORDER: readonly Keyword[] = ordered([lengthKeyword, rangeKeyword, patternKeyword, formatKeyword, sizeKeyword]);

/** Every JSON Schema keyword the registry reads. */
export const KEYWORD_NAMES: readonly string[] = KEYWORDS.flatMap((keyword) => keyword.keywords);

/**
 * The JSON Schema keywords that constrain only values of `kind`: when a type list is split into one schema per
 * type, a part keeps these only if they are its own.
 */
export function perTypeKeywords(kind: ReadKind): string[] {
  return KEYWORDS.filter((keyword) => keyword.perType && keyword.kinds.includes(kind)).flatMap((keyword) => keyword.keywords);
}

/** Nodes are immutable and checked many times over (every union variant, every candidate fixture): their checks are built once. */
const checksByNode = new WeakMap<SchemaNode, readonly KeywordCheck[]>();

/** Every keyword test of `node`, in the order the guards try them. */
export function keywordChecks(node: SchemaNode): readonly KeywordCheck[] {
  let checks = checksByNode.get(node);
  if (checks === undefined) checksByNode.set(node, (checks = KEYWORDS.flatMap((keyword) => keyword.checks(node))));
  return checks;
}

/** The model fields of every keyword read from `schema`, for a node of `kind`. */
export function readKeywords(schema: Record<string, unknown>, kind: ReadKind, pointer: string, ctx: ReadContext): Record<string, unknown> {
  return Object.assign({}, ...READ_ORDER.map((keyword) => keyword.read(schema, kind, pointer, ctx)));
}
