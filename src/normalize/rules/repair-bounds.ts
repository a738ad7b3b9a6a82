import { joinPointer } from "../../model/json-pointer.js";
import { boundGroupOf, valueKinds } from "./classify-schema.js";
import { warn, type SchemaRule } from "./rule.js";

/** Each length, range and size bound, and the kind of value it constrains. */
const BOUNDS: Readonly<Record<string, "string" | "number" | "array">> = {
  minLength: "string",
  maxLength: "string",
  minimum: "number",
  maximum: "number",
  exclusiveMinimum: "number",
  exclusiveMaximum: "number",
  minItems: "array",
  maxItems: "array",
};

/** A value normalize-schema accepts for the bound; any other is left for it to refuse. */
const isValidBound = (key: string, value: unknown): boolean =>
  typeof value === "number" && Number.isFinite(value) && (BOUNDS[key] === "number" || (Number.isInteger(value) && value >= 0));

/**
 * `{ "minimum": 5, "exclusiveMinimum": true }`: OpenAPI 3.0's boolean form, read as 2020-12's `"exclusiveMinimum": 5`
 * (and the same for the maximum). Repaired where normalize-schema reads the bounds: on a schema of one kind, or on a
 * type list with a number in it, whose number part keeps them. A `false`, or a `true` with no number beside it (on
 * a string, rule misplaced-bound has dropped the number already), says nothing in 3.0 and was always read as
 * nothing: it is dropped without a warning, so that `--strict` does not refuse it.
 */
export const exclusiveBoundBoolean: SchemaRule = {
  name: "exclusive-bound-boolean",
  description: "OpenAPI 3.0's boolean exclusiveMinimum/exclusiveMaximum beside minimum/maximum is read as the 2020-12 number form.",
  apply(schema, pointer, ctx) {
    if (typeof schema.exclusiveMinimum !== "boolean" && typeof schema.exclusiveMaximum !== "boolean") return schema;
    const read = valueKinds(schema);
    if (read === undefined || (read.split && !read.kinds.some((k) => boundGroupOf(k) === "number"))) return schema;
    const out = { ...schema };
    for (const [key, bound] of [["exclusiveMinimum", "minimum"], ["exclusiveMaximum", "maximum"]] as const) {
      const value = schema[key];
      if (typeof value !== "boolean") continue;
      delete out[key];
      if (!value || typeof schema[bound] !== "number") continue;
      warn(ctx, this, joinPointer(pointer, key), `\`${key}: true\` is OpenAPI 3.0 syntax; read as \`${key}: ${String(schema[bound])}\`.`, `In OpenAPI 3.1 write "${key}": ${String(schema[bound])} instead of "${bound}" plus a boolean.`);
      out[key] = schema[bound];
      delete out[bound];
    }
    return out;
  },
};

/**
 * `{ "type": "string", "maximum": 3 }`: a bound for another kind of value. JSON Schema ignores it, and so do the
 * guards; it is dropped with a warning, since it most likely means the author wanted another `type` or `maxLength`.
 * Judged only on a schema of one kind: a type list is split per type, and each part keeps only its own bounds.
 */
export const misplacedBound: SchemaRule = {
  name: "misplaced-bound",
  description: "A length, range or size bound on a schema of another type (maximum on a string, minItems on an object) is dropped.",
  apply(schema, pointer, ctx) {
    const read = valueKinds(schema);
    if (read === undefined || read.split) return schema;
    const kind = read.kinds[0]!;
    let out = schema;
    for (const [key, appliesTo] of Object.entries(BOUNDS)) {
      if (schema[key] === undefined || appliesTo === boundGroupOf(kind) || !isValidBound(key, schema[key])) continue;
      warn(ctx, this, joinPointer(pointer, key), `\`${key}\` applies to ${appliesTo}s, not to this ${kind}; ignored.`, `Remove \`${key}\`, or fix \`type\`.`);
      if (out === schema) out = { ...schema };
      delete out[key];
    }
    return out;
  },
};
