/**
 * What normalize-schema will make of a schema, asked by the rules that repair keywords only where normalize-schema
 * reads them: a repair (and its warning) where the keyword is never read would report a defect that changes nothing.
 */
import { ANNOTATIONS } from "../keywords.js";
import type { JsonObject } from "./rule.js";

export const JSON_TYPES: ReadonlySet<string> = new Set(["object", "string", "integer", "number", "boolean", "null", "array"]);

export const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

/** Keywords that only annotate, extensions included: they stay on a schema whose constraints move. */
export const isAnnotationKey = (key: string): boolean => ANNOTATIONS.has(key) || key.startsWith("x-");

/** `$ref`, `oneOf` and `anyOf` are read through their target or variants: the rules repair those, not the schema itself. */
export const isReadThrough = (schema: JsonObject): boolean => schema.$ref !== undefined || schema.oneOf !== undefined || schema.anyOf !== undefined;

/** The types `type` names, as a list; undefined when there is no `type`, or one normalize-schema refuses. */
export function declaredTypes(schema: JsonObject): string[] | undefined {
  const list = Array.isArray(schema.type) ? (schema.type as unknown[]) : schema.type === undefined ? [] : [schema.type];
  if (list.length === 0 || !list.every((t): t is string => typeof t === "string" && JSON_TYPES.has(t))) return undefined;
  return list;
}

/** The values `const` and `enum` allow together (a const only if the enum lists it), or undefined without either. */
export function listedValues(schema: JsonObject): unknown[] | undefined {
  const listed = Array.isArray(schema.enum) ? (schema.enum as unknown[]) : undefined;
  if (schema.const !== undefined) return listed === undefined ? [schema.const] : listed.some((v) => Object.is(v, schema.const)) ? [schema.const] : [];
  return listed;
}

const kindOfValue = (value: unknown): string | undefined =>
  typeof value === "number" ? (Number.isInteger(value) ? "integer" : "number") : typeof value === "string" || typeof value === "boolean" ? typeof value : undefined;

/**
 * The kinds of value whose keywords normalize-schema reads on this schema: the non-null type of `type`, or the kind
 * its enum values give it, or `null` for the null type; several, with `split`, where it splits the schema into one
 * part per type (a type list, or an enum of several kinds without `type`), each part keeping only its own keywords.
 * Undefined where it reads none of them: a `$ref` or union, no `type` and no values (any value), an enum of only null
 * (the null type), and anything it refuses anyway.
 */
export function valueKinds(schema: JsonObject): { kinds: string[]; split: boolean } | undefined {
  if (isReadThrough(schema) || (schema.enum !== undefined && !Array.isArray(schema.enum))) return undefined;
  const values = listedValues(schema);
  if (values !== undefined && !values.some((v) => v !== null)) return undefined;
  if (schema.type !== undefined) {
    const types = declaredTypes(schema);
    if (types === undefined) return undefined;
    const nonNull = types.filter((t) => t !== "null");
    if (nonNull.length === 0) return { kinds: ["null"], split: false };
    if (nonNull.length === 1) return { kinds: nonNull, split: false };
    // Split per type, a type keeps only the values of its own, and a type with none of them is no part at all.
    const own = values === undefined ? nonNull : nonNull.filter((t) => values.some((v) => v !== null && (kindOfValue(v) === t || (t === "number" && kindOfValue(v) === "integer"))));
    return own.length === 0 ? undefined : { kinds: own, split: true };
  }
  if (values === undefined) return undefined;
  const kinds = new Set(values.filter((v) => v !== null).map(kindOfValue));
  if (kinds.has(undefined)) return undefined;
  // An enum of integers and fractions is one number enum, as normalize-schema reads it.
  if (kinds.has("integer") && kinds.has("number")) kinds.delete("integer");
  return { kinds: [...kinds] as string[], split: kinds.size > 1 };
}

/** The group of bounds a kind takes: integers and numbers share theirs. */
export const boundGroupOf = (kind: string): string => (kind === "integer" ? "number" : kind);
