import { joinPointer } from "../../model/json-pointer.js";
import { declaredTypes, isReadThrough, listedValues } from "./classify-schema.js";
import { warn, type SchemaRule } from "./rule.js";

/**
 * `{ "type": "string", "enum": ["a", null] }`: `type` refuses null, so the enum's null can never be met; it is
 * dropped from the enum, with a warning, since the author most likely meant the value to be nullable and should say
 * so in `type`. Only a single type is judged here: a type list is split per type, and each part keeps only its own
 * values. An enum that null would leave empty is left alone: nothing satisfies it, and normalize-schema says so.
 */
export const unreachableEnumValue: SchemaRule = {
  name: "unreachable-enum-value",
  description: "A null listed in `enum` (or `const`) of a schema whose `type` does not allow null is dropped.",
  apply(schema, pointer, ctx) {
    if (isReadThrough(schema)) return schema;
    const types = declaredTypes(schema);
    if (types === undefined || types.includes("null") || types.length !== 1) return schema;
    const values = listedValues(schema);
    if (values === undefined || !values.includes(null) || !values.some((v) => v !== null) || !Array.isArray(schema.enum)) return schema;
    warn(ctx, this, joinPointer(pointer, "enum"), "`null` is listed as a value but `type` does not allow null; ignored.", 'Add "null" to `type`, or remove null from the values.');
    return { ...schema, enum: schema.enum.filter((v) => v !== null) };
  },
};
