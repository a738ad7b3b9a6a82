import { joinPointer } from "../../model/json-pointer.js";
import { IGNORED } from "../keywords.js";
import { mergeSchemas } from "./all-of-merge.js";
import { declaredTypes, isAnnotationKey, isObject, listedValues } from "./classify-schema.js";
import { warn, type JsonObject, type RuleContext, type SchemaRule } from "./rule.js";
import { setOwnProperty } from "../../model/set-own-property.js";

const nullSchema = (): JsonObject => ({ type: "null" });

/**
 * The schema with null added to the values its `const`/`enum` allow, or unchanged where they already allow it, where
 * there are none, or where normalize-schema refuses them (a structured const, values nothing satisfies): the null
 * added there would only change which error is reported.
 */
function withNullValue(schema: JsonObject): JsonObject {
  if (schema.enum !== undefined && (!Array.isArray(schema.enum) || schema.enum.length === 0)) return schema;
  const values = listedValues(schema);
  if (values === undefined || values.length === 0 || values.includes(null)) return schema;
  if (schema.const === undefined) return { ...schema, enum: [...values, null] };
  // A structured const, or any const where `type` says object or array, is refused by normalize-schema at `/const`.
  if (typeof schema.const === "object" || declaredTypes(schema)?.some((t) => t === "object" || t === "array") === true) return schema;
  // `const: x` allows x alone; "x or null" is a two-value enum.
  const { const: value, ...rest } = schema;
  return { ...rest, enum: [value, null] };
}

/**
 * Whether a variant (as written, before its own rules run) could let null through once normalized. Only a variant
 * that certainly refuses null answers false: a typed one without null and without `nullable: true`, or an untyped
 * one that its object or array keywords type. Anything unsure answers true, and costs only a nested union.
 */
export function mayAcceptNull(schema: unknown, depth = 0): boolean {
  if (schema === true || depth > 64) return true;
  if (!isObject(schema)) return false;
  if (schema.$ref !== undefined || schema.nullable === true || schema.allOf !== undefined) return true;
  for (const key of ["oneOf", "anyOf"] as const) {
    const list = schema[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) return true;
    // The union's siblings are merged into each variant before it is read (a sibling "type": "null" makes them null).
    const constraints = Object.fromEntries(Object.entries(schema).filter(([k]) => k !== key && !isAnnotationKey(k)));
    return list.some((variant) => {
      if (Object.keys(constraints).length === 0) return mayAcceptNull(variant, depth + 1);
      try {
        return mayAcceptNull(mergeSchemas([constraints, variant === true ? {} : (variant as JsonObject)], "", { file: "", warnings: [] }), depth + 1);
      } catch {
        return true; // parts that cannot be merged are refused later; the answer does not matter
      }
    });
  }
  if (schema.type !== undefined) {
    const types = declaredTypes(schema);
    return types === undefined || types.includes("null");
  }
  const values = listedValues(schema);
  if (values !== undefined) return values.includes(null);
  const typed = isObject(schema.properties) || schema.additionalProperties !== undefined || Array.isArray(schema.required) || schema.items !== undefined;
  return !typed;
}

/**
 * `nullable: true` on a `oneOf`/`anyOf`: null is one more alternative. The constraints beside the union hold for every
 * variant, and would also hold for the null one (a sibling `"type": "object"` would refuse it), so they are merged
 * into each written variant first, as normalize-schema would merge them, and the union keeps only its annotations (and
 * the keywords normalize-schema reports as not enforced, so that they are reported once, at the union).
 * A `oneOf` one of whose variants may already take null cannot take a null variant as well (null would match two):
 * there "null, or exactly one of these" is written as `anyOf: [{ "type": "null" }, { oneOf }]`.
 */
function withNullVariant(schema: JsonObject, pointer: string, ctx: RuleContext): { schema: JsonObject; nested: boolean } | undefined {
  const modes = (["oneOf", "anyOf"] as const).filter((key) => schema[key] !== undefined);
  if (modes.length !== 1) return undefined;
  const mode = modes[0]!;
  const list = schema[mode];
  if (!Array.isArray(list) || list.length === 0 || !list.every((v) => isObject(v) || v === true)) return undefined;
  const kept: JsonObject = {};
  const constraints: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === mode) continue;
    // The schema's keys, whatever they are (an unknown `__proto__` keyword too), stay data.
    setOwnProperty(isAnnotationKey(key) || IGNORED.has(key) ? kept : constraints, key, value);
  }
  const hasConstraints = Object.keys(constraints).length > 0;
  const variants = hasConstraints ? list.map((v, index) => mergeSchemas([constraints, v === true ? {} : (v as JsonObject)], joinPointer(pointer, mode, index), ctx)) : list;
  if (mode === "oneOf" && variants.some((v) => mayAcceptNull(v))) {
    return { schema: { ...kept, anyOf: [nullSchema(), { ...constraints, oneOf: list }] }, nested: true };
  }
  return { schema: { ...kept, [mode]: [...variants, nullSchema()] }, nested: false };
}

/**
 * OpenAPI 3.0's `nullable: true`, written as OpenAPI 3.1 says it, so that normalize-schema reads only 3.1: null is
 * added to `type` (`"type": ["string", "null"]`, and to the enum beside it), to an enum without `type`, or as a
 * `{ "type": "null" }` variant of a union. On a schema that already accepts null (no `type` and no values, or a
 * type or enum that lists null) it says nothing more and is dropped. `nullable: false` is 3.0's default and means
 * nothing in either version: dropped without a warning, as it always was read, so `--strict` does not refuse it.
 * A `$ref`'s siblings are not read at all, and a schema normalize-schema refuses is left for it to refuse.
 */
export const nullableKeyword: SchemaRule = {
  name: "nullable-keyword",
  description: 'OpenAPI 3.0\'s `nullable: true` is written the 3.1 way: "null" added to `type` or to the enum, or a `{ "type": "null" }` variant of a union.',
  apply(schema, pointer, ctx) {
    if (schema.nullable === undefined || schema.$ref !== undefined) return schema;
    const { nullable, ...rest } = schema;
    if (nullable !== true) return rest;
    const at = joinPointer(pointer, "nullable");
    const say = (message: string, hint: string) => warn(ctx, this, at, `\`nullable: true\` is OpenAPI 3.0 syntax; ${message}.`, hint);

    if (rest.oneOf !== undefined || rest.anyOf !== undefined) {
      const union = withNullVariant(rest, pointer, ctx);
      if (union === undefined) return schema;
      const mode = rest.oneOf !== undefined ? "oneOf" : "anyOf";
      if (union.nested) say('read as `anyOf: [{ "type": "null" }, { "oneOf": [...] }]` (a variant of the `oneOf` may already allow null)', 'In OpenAPI 3.1 write `"anyOf": [{ "type": "null" }, { "oneOf": [...] }]`.');
      else say(`read as a \`{ "type": "null" }\` variant of the \`${mode}\``, `In OpenAPI 3.1 add \`{ "type": "null" }\` to \`${mode}\`.`);
      return union.schema;
    }
    if (rest.type !== undefined) {
      const types = declaredTypes(rest);
      if (types === undefined) return schema;
      if (types.includes("null")) {
        say("`type` already allows null, so it is dropped", "Remove `nullable`.");
        return rest;
      }
      const type = [...types, "null"];
      say(`read as \`"type": ${JSON.stringify(type)}\``, `In OpenAPI 3.1 write \`"type": ${JSON.stringify(type)}\`${rest.enum !== undefined || rest.const !== undefined ? " and list null among the values" : ""}.`);
      return withNullValue({ ...rest, type });
    }
    if (rest.enum !== undefined || rest.const !== undefined) {
      if (listedValues(rest)?.includes(null) === true) {
        say("the values already allow null, so it is dropped", "Remove `nullable`.");
        return rest;
      }
      const out = withNullValue(rest);
      if (out === rest) return schema;
      say("read as null among the enum values", "In OpenAPI 3.1 list null in `enum`.");
      return out;
    }
    say("this schema already accepts any value, so it is dropped", "Remove `nullable`.");
    return rest;
  },
};
