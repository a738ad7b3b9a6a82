import { joinPointer } from "../../model/json-pointer.js";
import { warn, type JsonObject, type SchemaRule } from "./rule.js";

const NUMERIC_KEYWORDS = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems"];

/** `"minimum": "1"`: a bound written as a numeric string is read as the number. */
export const numericStringKeyword: SchemaRule = {
  name: "numeric-string-keyword",
  description: 'A numeric keyword written as a string of digits ("minimum": "1") is read as the number.',
  apply(schema, pointer, ctx) {
    let out: JsonObject = schema;
    for (const key of NUMERIC_KEYWORDS) {
      const value = schema[key];
      if (typeof value !== "string" || !/^-?\d+(\.\d+)?$/.test(value.trim())) continue;
      warn(ctx, this, joinPointer(pointer, key), `\`${key}\` is the string ${JSON.stringify(value)}; read as ${Number(value)}.`, `Write "${key}": ${Number(value)}.`);
      out = { ...out, [key]: Number(value) };
    }
    return out;
  },
};

const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * `{ "type": "array", "enum": ["English", ...], "items": { "type": "string" } }`: an enum of scalars on an array can
 * never match (the values are not arrays); it describes the items, and is moved there.
 */
export const arrayEnumToItems: SchemaRule = {
  name: "array-enum-to-items",
  description: "An enum of non-array values on an array schema is moved to its items.",
  apply(schema, pointer, ctx) {
    if (schema.type !== "array" || !Array.isArray(schema.enum) || schema.enum.some((v) => Array.isArray(v))) return schema;
    const items = isObject(schema.items) ? schema.items : {};
    if (items.enum !== undefined) return schema;
    warn(ctx, this, joinPointer(pointer, "enum"), "An enum of single values on an array; read as the enum of its items.", "Move `enum` into `items`.");
    const { enum: values, ...rest } = schema;
    return { ...rest, items: { ...items, enum: values } };
  },
};

const TYPE_NAMES = new Set(["object", "string", "integer", "number", "boolean", "null", "array"]);

/**
 * `"properties": { "type": "object", "additionalProperties": false, ... }`: keywords of the object written among its
 * properties, where they read as properties named "type" or "additionalProperties". Only values that cannot be a
 * property's schema (a type name, a boolean, a list of names) are moved; a real schema stays a property.
 */
export const keywordInProperties: SchemaRule = {
  name: "keyword-in-properties",
  description: "A type name, an additionalProperties boolean or a required list written inside properties is moved up to the object.",
  apply(schema, pointer, ctx) {
    const properties = schema.properties;
    if (!isObject(properties)) return schema;
    const moved: JsonObject = {};
    const kept: JsonObject = {};
    for (const [key, value] of Object.entries(properties)) {
      const misplaced =
        (key === "type" && typeof value === "string" && TYPE_NAMES.has(value)) ||
        (key === "additionalProperties" && typeof value === "boolean") ||
        (key === "required" && Array.isArray(value) && value.every((v) => typeof v === "string"));
      if (misplaced) moved[key] = value;
      else Object.defineProperty(kept, key, { value, enumerable: true, writable: true, configurable: true });
    }
    if (Object.keys(moved).length === 0) return schema;
    const out: JsonObject = { ...schema, properties: kept };
    for (const [key, value] of Object.entries(moved)) {
      warn(ctx, this, joinPointer(pointer, "properties", key), `\`${key}\` is written inside \`properties\`; read as the object's own \`${key}\`.`, `Move "${key}" out of "properties".`);
      if (key === "required") out.required = [...new Set([...(Array.isArray(schema.required) ? (schema.required as string[]) : []), ...(value as string[])])];
      else if (schema[key] === undefined) out[key] = value;
    }
    return out;
  },
};
