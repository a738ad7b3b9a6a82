import type { SchemaObject } from "openapi-typescript";
import type { SchemaNode } from "./model.js";

/**
 * Back from the model to a plain JSON Schema (2020-12 / OpenAPI 3.1): the input openapi-typescript understands, and
 * the schema the tests and the benchmark compile with ajv as an independent oracle for the generated guards.
 */
export interface ToJsonSchemaOptions {
  /** Mark named objects with `x-cobrowse-gen-type` (for the types emitter, which refers to them by name). */
  readonly typeNames?: boolean;
}

export const TYPE_NAME_KEY = "x-cobrowse-gen-type";

export function toJsonSchema(node: SchemaNode, options: ToJsonSchemaOptions = {}): SchemaObject {
  const recurse = (child: SchemaNode) => toJsonSchema(child, options);
  const schema: Record<string, unknown> = {};
  if (node.title !== undefined) schema.title = node.title;
  if (node.description !== undefined) schema.description = node.description;
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
      if (node.patternProperties !== undefined) {
        schema.patternProperties = Object.fromEntries(node.patternProperties.map((p) => [p.pattern, recurse(p.schema)]));
      }
      // Explicit either way: openapi-typescript's default would close an open object and reject valid literals.
      schema.additionalProperties = node.additionalSchema !== undefined ? recurse(node.additionalSchema) : node.additionalProperties;
      break;
    case "array":
      schema.type = type("array");
      if (node.prefixItems !== undefined) schema.prefixItems = node.prefixItems.map(recurse);
      schema.items = recurse(node.items);
      if (node.minItems !== undefined) schema.minItems = node.minItems;
      if (node.maxItems !== undefined) schema.maxItems = node.maxItems;
      break;
    default:
      schema.type = type(node.kind);
      if ("format" in node && node.format !== undefined) schema.format = node.format;
      if (node.enum !== undefined) schema.enum = node.nullable ? [...node.enum, null] : [...node.enum];
      if (node.kind === "string" && node.pattern !== undefined) schema.pattern = node.pattern;
      for (const key of ["minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"] as const) {
        const value = (node as Partial<Record<typeof key, number>>)[key];
        if (value !== undefined) schema[key] = value;
      }
  }
  return schema as SchemaObject;
}

