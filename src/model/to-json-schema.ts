import { KEYWORDS } from "../keywords/index.js";
import { uncheckedPatternNote } from "../keywords/check-pattern.js";
import { MAX_TYPED_ENUM_VALUES, type SchemaNode } from "./model.js";

/**
 * Back from the model to a plain JSON Schema (2020-12 / OpenAPI 3.1): the input openapi-typescript understands, and
 * the schema the tests and the benchmark compile with ajv as an independent oracle for the generated guards.
 */
export interface ToJsonSchemaOptions {
  /**
   * For the types emitter: mark named objects with `x-cobrowse-gen-type` (it refers to them by name), and leave out the
   * enum of more than MAX_TYPED_ENUM_VALUES values.
   */
  readonly typeNames?: boolean;
  /** Add to the title what the schema says but the guards do not check (an unchecked pattern), for the types' JSDoc. */
  readonly notes?: boolean;
  /**
   * Write what the guards do not check (an unchecked pattern, unchecked patternProperties keys) as a `$comment`: the
   * published schema files leave such a pattern out of `pattern` (they say what is enforced) but keep it on record.
   */
  readonly comments?: boolean;
}

export const TYPE_NAME_KEY = "x-cobrowse-gen-type";

/**
 * A JSON Schema object as toJsonSchema writes it. Its own type, not openapi-typescript's SchemaObject: the public
 * declarations must not pull in openapi-typescript's (and its dependencies') types, which do not all type-check for a
 * consumer without skipLibCheck.
 */
export type JsonSchemaObject = { [keyword: string]: unknown };

export function toJsonSchema(node: SchemaNode, options: ToJsonSchemaOptions = {}): JsonSchemaObject {
  const recurse = (child: SchemaNode) => toJsonSchema(child, options);
  const schema: Record<string, unknown> = {};
  // openapi-typescript prints a title as the JSDoc's first line, before the description: where a note reads best.
  const note = options.notes ? uncheckedPatternNote(node) : undefined;
  if (node.title !== undefined || note !== undefined) schema.title = [node.title, note].filter((text) => text !== undefined).join(". ");
  if (node.description !== undefined) schema.description = node.description;
  const comment = options.comments ? uncheckedPatternNote(node) : undefined;
  if (comment !== undefined) schema.$comment = comment;
  if (node.deprecated) schema.deprecated = true;
  if (node.default !== undefined) schema.default = node.default;
  const type = (kind: string) => (node.nullable ? [kind, "null"] : kind);
  switch (node.kind) {
    case "unknown":
      break;
    case "null":
      schema.type = "null";
      break;
    case "union":
      if (node.nullable) {
        schema.anyOf = [{ [node.mode]: node.variants.map(recurse) }, { type: "null" }];
      } else {
        schema[node.mode] = node.variants.map(recurse);
      }
      break;
    case "object":
      if (options.typeNames && node.typeName !== undefined) schema[TYPE_NAME_KEY] = node.typeName;
      schema.type = type("object");
      schema.properties = Object.fromEntries(node.properties.map((p) => [p.name, recurse(p.schema)]));
      schema.required = node.properties.filter((p) => p.required).map((p) => p.name);
      // TypeScript holds every property to an index signature (JSON Schema holds only the undeclared ones, or those a
      // pattern matches): for the types, each index type also admits the declared properties' types, else a declared
      // property of another type would be `never` and no literal would fit.
      const declared = options.typeNames ? node.properties.map((p) => p.schema) : [];
      const indexType = (child: SchemaNode) => (declared.length > 0 ? { anyOf: [child, ...declared].map(recurse) } : recurse(child));
      if (node.patternProperties !== undefined) {
        schema.patternProperties = Object.fromEntries(node.patternProperties.map((p) => [p.pattern, indexType(p.schema)]));
      }
      // Explicit either way: openapi-typescript's default would close an open object and reject valid literals.
      schema.additionalProperties = node.additionalSchema !== undefined ? indexType(node.additionalSchema) : node.additionalProperties;
      writeKeywords(node, schema);
      break;
    case "array":
      schema.type = type("array");
      if (node.prefixItems !== undefined) schema.prefixItems = node.prefixItems.map(recurse);
      schema.items = recurse(node.items);
      writeKeywords(node, schema);
      break;
    default:
      schema.type = type(node.kind);
      // The types widen a very large enum to its base type (see MAX_TYPED_ENUM_VALUES); the oracle keeps every value.
      writeKeywords(
        node,
        schema,
        node.enum !== undefined && !(options.typeNames && node.enum.length > MAX_TYPED_ENUM_VALUES) ? (node.nullable ? [...node.enum, null] : [...node.enum]) : undefined,
      );
  }
  return schema as JsonSchemaObject;
}

/** The value keywords: those that refine the type (a format) beside it, then the enum, then the rest. */
function writeKeywords(node: SchemaNode, schema: Record<string, unknown>, values?: unknown[]): void {
  for (const keyword of KEYWORDS) if (keyword.refinesType) Object.assign(schema, keyword.write(node));
  if (values !== undefined) schema.enum = values;
  for (const keyword of KEYWORDS) if (!keyword.refinesType) Object.assign(schema, keyword.write(node));
}

