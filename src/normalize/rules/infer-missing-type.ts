import { isObject, isReadThrough } from "./classify-schema.js";
import { warn, type JsonObject, type SchemaRule } from "./rule.js";

/**
 * The type a schema without `type` means by its keywords: "object" for properties, additionalProperties or a required
 * list, else "array" for items. JSON Schema would let any other value through such a schema; Zoom writes these for
 * objects and arrays and forgets `type`, so reading them as that type checks what the spec describes.
 */
export function impliedType(schema: JsonObject): "object" | "array" | undefined {
  if (schema.type !== undefined || schema.enum !== undefined || schema.const !== undefined || isReadThrough(schema)) return undefined;
  if (isObject(schema.properties) || schema.additionalProperties !== undefined || Array.isArray(schema.required)) return "object";
  if (schema.items !== undefined) return "array";
  return undefined;
}

/**
 * `{ "properties": { ... } }` with no `type`: read as `"type": "object"` (and `{ "items": ... }` as an array). An enum
 * or const already gives a schema its type, and a union or `$ref` is typed by its variants or target.
 */
export const missingType: SchemaRule = {
  name: "missing-type",
  description: 'A schema without `type` is given the type its keywords imply: "object" for properties, "array" for items.',
  apply(schema, pointer, ctx) {
    const type = impliedType(schema);
    if (type === undefined) return schema;
    warn(ctx, this, pointer, `Schema has no \`type\`; read as "${type}" because of its keywords.`, `Add "type": "${type}".`);
    return { ...schema, type };
  },
};
