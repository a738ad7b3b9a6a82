import type { DocumentRule, JsonObject, RuleContext, SchemaRule } from "./rule.js";
import { allOfMerge, singleVariantUnion } from "./all-of-merge.js";
import { arrayEnumToItems, keywordInProperties, numericStringKeyword } from "./keyword-repairs.js";
import { refIntoPaths } from "./ref-into-paths.js";
import { typeAliases, typeEnumList } from "./type-aliases.js";

export type { DocumentRule, RuleContext, SchemaRule } from "./rule.js";

/** Document rules, in the order they run. */
export const DOCUMENT_RULES: readonly DocumentRule[] = [refIntoPaths];

/** Schema rules, in the order they run on each schema object. */
export const SCHEMA_RULES: readonly SchemaRule[] = [
  keywordInProperties,
  typeEnumList,
  typeAliases,
  numericStringKeyword,
  arrayEnumToItems,
  singleVariantUnion,
  allOfMerge,
];

export function applyDocumentRules(document: JsonObject, ctx: RuleContext): void {
  for (const rule of DOCUMENT_RULES) rule.apply(document, ctx);
}

export function applySchemaRules(schema: JsonObject, pointer: string, ctx: RuleContext): JsonObject {
  let out = schema;
  for (const rule of SCHEMA_RULES) out = rule.apply(out, pointer, ctx);
  return out;
}
