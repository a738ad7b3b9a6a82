import { CobrowseGenError } from "../../errors.js";
import { joinPointer } from "../../model/json-pointer.js";
import { ownProperty, setOwnProperty } from "../../model/set-own-property.js";
import { warn, type JsonObject, type RuleContext, type SchemaRule } from "./rule.js";

/** Marks an `allOf` that merging made (a property two parts define): it is merged in turn, without a second warning. */
const madeByMerge = new WeakSet<object>();

function combined(a: unknown, b: unknown): JsonObject {
  const schema = { allOf: [a, b] };
  madeByMerge.add(schema);
  return schema;
}

const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

/** Keywords that describe rather than constrain: the first schema that has one keeps it. */
const ANNOTATION_KEYS = new Set(["description", "title", "example", "examples", "default", "deprecated", "readOnly", "writeOnly", "$comment", "externalDocs", "xml"]);

const LOWER_BOUNDS = new Set(["minimum", "exclusiveMinimum", "minLength", "minItems"]);
const UPPER_BOUNDS = new Set(["maximum", "exclusiveMaximum", "maxLength", "maxItems"]);

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function typeList(type: unknown): string[] | undefined {
  if (type === undefined) return undefined;
  return Array.isArray(type) ? (type as string[]) : [type as string];
}

/** The types both lists allow; `integer` is the part of `number` that both allow. */
function intersectTypes(a: string[], b: string[]): string[] {
  const out: string[] = [];
  for (const t of a) {
    if (b.includes(t)) out.push(t);
    else if (t === "integer" && b.includes("number")) out.push("integer");
    else if (t === "number" && b.includes("integer")) out.push("integer");
  }
  return [...new Set(out)];
}

function cannotMerge(ctx: RuleContext, pointer: string, message: string): never {
  throw new CobrowseGenError({
    code: "unsupported-schema",
    message,
    file: ctx.file,
    pointer,
    hint: "cobrowse-gen merges `allOf` schemas keyword by keyword; rewrite this one as a single schema, or file an issue with the spec.",
  });
}

/**
 * Merges schemas that must all hold into one schema that means the same: properties and `required` are united,
 * `type` and `enum` intersected, bounds tightened; a property defined in several parts gets an `allOf` of its own,
 * merged when it is normalized. `pointer` names the `allOf` for errors.
 */
export function mergeSchemas(parts: readonly JsonObject[], pointer: string, ctx: RuleContext): JsonObject {
  const out: JsonObject = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      const current = ownProperty(out, key);
      if (current === undefined) {
        setOwnProperty(out, key, key === "properties" && isObject(value) ? { ...value } : key === "required" && Array.isArray(value) ? [...value] : value);
        continue;
      }
      if (ANNOTATION_KEYS.has(key) || key.startsWith("x-")) continue;
      if (sameJson(current, value)) continue;
      if (key === "type") {
        const both = intersectTypes(typeList(current) ?? [], typeList(value) ?? []);
        if (both.length === 0) cannotMerge(ctx, pointer, `The \`allOf\` parts want different types (${JSON.stringify(current)} and ${JSON.stringify(value)}): no value can satisfy them.`);
        out.type = both.length === 1 ? both[0] : both;
      } else if (key === "enum" || key === "const") {
        const a = key === "const" ? [current] : (current as unknown[]);
        const b = key === "const" ? [value] : (value as unknown[]);
        const both = a.filter((x) => b.some((y) => sameJson(x, y)));
        if (both.length === 0) cannotMerge(ctx, pointer, `The \`allOf\` parts allow no common \`${key}\` value.`);
        setOwnProperty(out, key, key === "const" ? both[0] : both);
      } else if (key === "properties" && isObject(value)) {
        const properties = out.properties as JsonObject;
        for (const [name, schema] of Object.entries(value)) {
          // A property named `__proto__` or `constructor` is the spec's, not Object.prototype's.
          const existing = ownProperty(properties, name);
          setOwnProperty(properties, name, existing === undefined || sameJson(existing, schema) ? schema : combined(existing, schema));
        }
      } else if (key === "allOf" && Array.isArray(current) && Array.isArray(value)) {
        out.allOf = [...current, ...value];
      } else if (key === "required" && Array.isArray(value)) {
        out.required = [...new Set([...(current as unknown[]), ...value])];
      } else if (key === "additionalProperties" || key === "items") {
        setOwnProperty(out, key, current === false || value === false ? false : current === true ? value : value === true ? current : combined(current, value));
      } else if (LOWER_BOUNDS.has(key) && typeof current === "number" && typeof value === "number") {
        setOwnProperty(out, key, Math.max(current, value));
      } else if (UPPER_BOUNDS.has(key) && typeof current === "number" && typeof value === "number") {
        setOwnProperty(out, key, Math.min(current, value));
      } else if (key === "nullable") {
        out.nullable = current === true && value === true;
      } else {
        cannotMerge(ctx, joinPointer(pointer), `The \`allOf\` parts give \`${key}\` different values (${JSON.stringify(current)} and ${JSON.stringify(value)}); they cannot be merged into one schema.`);
      }
    }
  }
  return out;
}

/**
 * `{ "allOf": [A, B] }` (and siblings beside it): merged into one schema, so that every later stage sees plain
 * objects. JSON Schema's own reading of a closed part is kept and reported: a property that only another part
 * defines is still unknown to the closed part, so no value may carry it.
 */
export const allOfMerge: SchemaRule = {
  name: "all-of-merge",
  description: "`allOf` (with any sibling keywords) is merged into a single equivalent schema.",
  apply(schema, pointer, ctx) {
    if (schema.allOf === undefined) return schema;
    const allOfPointer = joinPointer(pointer, "allOf");
    if (!Array.isArray(schema.allOf) || schema.allOf.length === 0 || !schema.allOf.every((p) => isObject(p) || p === true)) {
      cannotMerge(ctx, allOfPointer, "`allOf` must be a non-empty array of schemas.");
    }
    const { allOf, ...siblings } = schema;
    const parts: JsonObject[] = [siblings];
    for (const [index, part] of (allOf as unknown[]).entries()) {
      if (part === true) continue;
      // A nested allOf is flattened first, so that its parts merge with these.
      parts.push(isObject(part) && part.allOf !== undefined ? allOfMerge.apply(part, joinPointer(allOfPointer, index), ctx) : (part as JsonObject));
    }
    const merged = mergeSchemas(parts, allOfPointer, ctx);
    if (madeByMerge.has(schema)) return merged;
    const closedPart = parts.find((p) => p.additionalProperties === false);
    if (closedPart !== undefined) {
      const known = new Set(Object.keys(isObject(closedPart.properties) ? closedPart.properties : {}));
      const others = Object.keys(isObject(merged.properties) ? merged.properties : {}).filter((name) => !known.has(name));
      if (others.length > 0) {
        warn(
          ctx,
          this,
          allOfPointer,
          `A part of \`allOf\` is closed (additionalProperties: false) but other parts define ${others.map((n) => JSON.stringify(n)).join(", ")}; merged into one closed object that allows them.`,
          "JSON Schema would reject any value carrying those properties; declare every property in the closed part, or drop additionalProperties: false from it.",
        );
        return merged;
      }
    }
    warn(ctx, this, allOfPointer, `\`allOf\` of ${(allOf as unknown[]).length} schema(s) merged into one.`, "Write the merged schema directly.");
    return merged;
  },
};

/** `{ "anyOf": [A] }` / `{ "oneOf": [A] }`: one alternative is no alternative; read as A (merged with its siblings). */
export const singleVariantUnion: SchemaRule = {
  name: "single-variant-union",
  description: "`oneOf`/`anyOf` with a single schema is read as that schema (merged with its siblings).",
  apply(schema, pointer, ctx) {
    for (const key of ["oneOf", "anyOf"] as const) {
      const list = schema[key];
      if (!Array.isArray(list) || list.length !== 1 || !isObject(list[0])) continue;
      warn(ctx, this, joinPointer(pointer, key), `\`${key}\` with a single schema; read as that schema.`, `Replace the one-element \`${key}\` by its schema.`);
      const { [key]: _, ...rest } = schema;
      const variant = list[0];
      // An allOf that comes out of the merge is merged by the next rule, all-of-merge.
      return Object.keys(rest).length === 0 ? variant : mergeSchemas([rest, variant], joinPointer(pointer, key), ctx);
    }
    return schema;
  },
};
