import type { DocumentRule, JsonObject, RuleContext, SchemaRule } from "./rule.js";
import { allOfMerge, singleVariantUnion } from "./all-of-merge.js";
import { requiredNotDefined } from "./drop-undefined-required.js";
import { unreachableEnumValue } from "./drop-unreachable-null.js";
import { missingType } from "./infer-missing-type.js";
import { arrayEnumToItems, keywordInProperties, numericStringKeyword } from "./keyword-repairs.js";
import { refIntoPaths } from "./ref-into-paths.js";
import { exclusiveBoundBoolean, misplacedBound } from "./repair-bounds.js";
import { nullableKeyword } from "./rewrite-nullable-keyword.js";
import { typeAliases, typeEnumList } from "./type-aliases.js";

export type { DocumentRule, RuleContext, SchemaRule } from "./rule.js";

/** Document rules, in the order they run. */
export const DOCUMENT_RULES: readonly DocumentRule[] = [refIntoPaths];

/**
 * Schema rules, in the order they run on each schema object. Keywords are put right first (names, types, numbers,
 * places), then `allOf` is merged, so that the rules after it see one schema: its type is inferred (missing-type)
 * before 3.0's `nullable` is added to it, and the rules that judge values, required names and bounds against the
 * type come last, once the type is what normalize-schema will read. A misplaced bound goes before the 3.0 boolean
 * beside it is read: `"maximum": 3, "exclusiveMaximum": true` on a string is one misplaced maximum, not a converted
 * bound that is misplaced in turn.
 */
export const SCHEMA_RULES: readonly SchemaRule[] = [
  keywordInProperties,
  typeEnumList,
  typeAliases,
  numericStringKeyword,
  arrayEnumToItems,
  singleVariantUnion,
  allOfMerge,
  missingType,
  nullableKeyword,
  unreachableEnumValue,
  requiredNotDefined,
  misplacedBound,
  exclusiveBoundBoolean,
];

export function applyDocumentRules(document: JsonObject, ctx: RuleContext): void {
  for (const rule of DOCUMENT_RULES) rule.apply(document, ctx);
}

export function applySchemaRules(schema: JsonObject, pointer: string, ctx: RuleContext): JsonObject {
  let out = schema;
  for (const rule of SCHEMA_RULES) out = rule.apply(out, pointer, ctx);
  return out;
}
