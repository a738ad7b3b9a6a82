import { CobrowseGenError, type Diagnostic } from "../errors.js";
import { joinPointer } from "../model/json-pointer.js";
import { setOwnProperty } from "../model/set-own-property.js";
import { acceptedClasses } from "../model/check-value.js";
import { MAX_LISTED_ENUM_VALUES, MAX_TYPED_ENUM_VALUES, type ObjectSchema, type PropertyModel, type SchemaNode, type UnionSchema } from "../model/model.js";
import { checkPattern, compiledPattern, patternUse } from "../keywords/check-pattern.js";
import type { UnsafePatterns } from "../keywords/keyword.js";
import { KEYWORD_NAMES, perTypeKeywords, readKeywords } from "../keywords/index.js";
import { ANNOTATIONS, IGNORED } from "./keywords.js";
import { mergeSchemas } from "./rules/all-of-merge.js";
import { applySchemaRules } from "./rules/index.js";

export interface NormalizeContext {
  readonly file: string;
  readonly warnings: Diagnostic[];
  /** Resolves a `$ref` left by dereferencing (a recursive one); see LoadedSpec.resolveRef. */
  readonly resolveRef?: (ref: string) => unknown;
  /** The refs being expanded around the current schema: meeting one of them again is the point of recursion. */
  readonly refStack?: string[];
  /** Where a schema object is written in the file (see LoadedSpec.sourcePointer). */
  readonly sourcePointer?: (node: object) => string | undefined;
  /** What an exponentially backtracking pattern makes of the spec (default "refuse"; see patternUse). */
  readonly unsafePatterns?: UnsafePatterns;
}

type JsonObject = Record<string, unknown>;

/**
 * Keywords handled below: the structural ones here, and the value keywords (format, pattern, bounds) through the
 * registry in src/keywords/, which also reads them.
 */
const HANDLED = new Set([
  "type",
  "enum",
  "const",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "prefixItems",
  "patternProperties",
  "oneOf",
  "anyOf",
  ...KEYWORD_NAMES,
]);

const TYPES = new Set(["object", "string", "integer", "number", "boolean", "null", "array"]);

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function unsupported(ctx: NormalizeContext, pointer: string, message: string, hint?: string): never {
  throw new CobrowseGenError({
    code: "unsupported-schema",
    message,
    file: ctx.file,
    pointer,
    hint: hint ?? "cobrowse-gen cannot generate exact guards for this construct yet; please file an issue with the spec.",
  });
}

/** Turns one (dereferenced) JSON Schema into a model node. `pointer` is where the schema is in the user's file. */
/** Deeper than any real payload; past it the spec is likely generated wrong, and recursion would risk the stack. */
export const MAX_SCHEMA_DEPTH = 64;

export function normalizeSchema(raw: unknown, usePointer: string, ctx: NormalizeContext, depth = 0): SchemaNode {
  // A schema shared through a $ref is known by the one place it is written: its warnings are reported there, once.
  const pointer = (typeof raw === "object" && raw !== null ? ctx.sourcePointer?.(raw) : undefined) ?? usePointer;
  if (depth > MAX_SCHEMA_DEPTH) {
    unsupported(ctx, pointer, `Schemas nested more than ${MAX_SCHEMA_DEPTH} levels deep are not supported.`, "Flatten the schema.");
  }
  if (raw === true || (isObject(raw) && Object.keys(raw).length === 0)) {
    return { kind: "unknown", pointer, nullable: false };
  }
  if (!isObject(raw)) {
    unsupported(ctx, pointer, `Expected a schema object, found ${JSON.stringify(raw)}.`, "Replace it with a JSON Schema object.");
  }
  let schema = applySchemaRules(raw, pointer, ctx);
  if (schema.$ref !== undefined) {
    if (typeof schema.$ref !== "string") {
      unsupported(ctx, joinPointer(pointer, "$ref"), "`$ref` must be a string.", 'Write "$ref": "#/components/schemas/Name".');
    }
    // Dereferencing leaves only a ref that (directly or not) contains itself: a recursive structure. It is expanded
    // until it meets itself; there the guards accept anything.
    const stack = ctx.refStack ?? [];
    const target = stack.includes(schema.$ref) ? undefined : ctx.resolveRef?.(schema.$ref);
    if (target !== undefined) {
      const { $ref: _, ...siblings } = schema;
      stack.push(schema.$ref);
      try {
        const annotations = Object.fromEntries(Object.entries(siblings).filter(([key]) => ANNOTATIONS.has(key)));
        return normalizeSchema(isObject(target) ? { ...target, ...annotations } : target, pointer, { ...ctx, refStack: stack }, depth + 1);
      } finally {
        stack.pop();
      }
    }
    ctx.warnings.push({
      code: "recursive-ref",
      message: `Recursive $ref ${JSON.stringify(schema.$ref)}: the guards accept any value at this depth of the recursion.`,
      file: ctx.file,
      pointer: joinPointer(pointer, "$ref"),
      hint: "The levels above are checked exactly; the recursive part is typed `unknown`.",
    });
    return { kind: "unknown", pointer, nullable: false, ...readAnnotations(schema) };
  }
  for (const key of Object.keys(schema)) {
    if (IGNORED.has(key)) {
      ctx.warnings.push({
        code: "unsupported-keyword",
        message: `The keyword \`${key}\` is not enforced: the guards accept values it would reject.`,
        file: ctx.file,
        pointer: joinPointer(pointer, key),
        hint: "cobrowse-gen checks every other keyword of this schema; please file an issue with the spec if you need this one.",
      });
      const { [key]: _, ...rest } = schema;
      schema = rest;
    } else if (!HANDLED.has(key) && !ANNOTATIONS.has(key) && !key.startsWith("x-")) {
      ctx.warnings.push({
        code: "unknown-keyword",
        message: `Ignored unknown schema keyword \`${key}\`.`,
        file: ctx.file,
        pointer: joinPointer(pointer, key),
        hint: "JSON Schema ignores unknown keywords; check for a misspelt or misplaced keyword.",
      });
    }
  }
  if (schema.oneOf !== undefined || schema.anyOf !== undefined) return normalizeUnion(schema, pointer, ctx, depth);
  const byType = splitByType(schema);
  if (byType !== undefined) {
    return {
      kind: "union",
      mode: "anyOf",
      pointer,
      ...readAnnotations(schema),
      nullable: byType.nullable,
      variants: byType.variants.map((variant) => normalizeSchema(variant, pointer, ctx, depth + 1)),
    };
  }

  const annotations = readAnnotations(schema);
  let { kind, nullable } = readType(schema, pointer, ctx);

  let values: unknown[] | undefined;
  if (schema.const !== undefined) values = [schema.const];
  if (schema.enum !== undefined) {
    if (!Array.isArray(schema.enum) || schema.enum.length === 0) {
      unsupported(ctx, joinPointer(pointer, "enum"), "`enum` must be a non-empty array.", "Fix the enum.");
    }
    values = values ? values.filter((v) => (schema.enum as unknown[]).some((e) => Object.is(e, v))) : schema.enum;
  }
  if (values !== undefined) {
    const enumPointer = joinPointer(pointer, schema.enum !== undefined ? "enum" : "const");
    if (values.includes(null)) {
      values = values.filter((v) => v !== null);
      // `type` decides whether null is allowed at all; only then does an enum's null admit it. Where `type` refuses
      // null, no value can be that null: it is not a value of this schema (rule unreachable-enum-value reports it).
      if (kind === undefined || kind === "null" || nullable) {
        nullable = true;
        if (values.length === 0) return { kind: "null", pointer, nullable: false, ...annotations };
      }
    }
    if (values.length === 0) {
      unsupported(ctx, enumPointer, "No value can satisfy this schema: `const` and `enum` leave nothing allowed.", "Fix `const`/`enum`.");
    }
    const structured = values.find((v) => typeof v === "object" && v !== null);
    if (structured !== undefined || kind === "object" || kind === "array") {
      unsupported(ctx, enumPointer, "`enum`/`const` on objects or arrays is not supported yet.");
    }
    const nonFinite = values.find((v) => typeof v === "number" && !Number.isFinite(v));
    if (nonFinite !== undefined) {
      unsupported(ctx, enumPointer, `Enum value ${String(nonFinite)} is not a finite number (JSON cannot carry it).`, "Fix the enum.");
    }
  }
  if (kind === undefined && values !== undefined) kind = inferKindFromValues(values, pointer, ctx);
  if (values !== undefined && values.length > MAX_TYPED_ENUM_VALUES) {
    ctx.warnings.push({
      code: "large-enum",
      message: `This enum has ${values.length} values: its type is \`${kind === "integer" ? "number" : kind}\`, not a union of them (more than ${MAX_TYPED_ENUM_VALUES}).`,
      file: ctx.file,
      pointer: joinPointer(pointer, "enum"),
      hint: `The guards still accept only the listed values; the fixtures cover ${MAX_TYPED_ENUM_VALUES} of them and EVENTS.md lists ${MAX_LISTED_ENUM_VALUES}. Check the spec if the enum was not meant to be this long.`,
    });
  }
  // No type and no values: any value (rule missing-type has typed the schemas whose keywords imply a type).
  const base = { pointer, nullable, ...annotations };
  if (kind === undefined) return { kind: "unknown", ...base, nullable: false };

  // Format, pattern and the bounds, each read (and refused, or warned about) by its module; only a node of the kind
  // a keyword constrains gets its fields.
  const fields = readKeywords(schema, kind, pointer, ctx);
  switch (kind) {
    case "object":
      return normalizeObject(schema, base, ctx, depth);
    case "array":
      return normalizeArray(schema, base, fields, ctx, depth);
    case "string":
      return { kind, ...base, ...fields, ...(values ? { enum: typedValues(values, "string", pointer, ctx) } : {}) };
    case "integer":
    case "number":
      return { kind, ...base, ...fields, ...(values ? { enum: typedValues(values, kind, pointer, ctx) } : {}) };
    case "boolean":
      return { kind, ...base, ...(values ? { enum: typedValues(values, "boolean", pointer, ctx) } : {}) };
    case "null":
      return { kind, ...base, nullable: false };
  }
}

function readAnnotations(schema: JsonObject): { description?: string; title?: string; deprecated?: boolean; default?: unknown; example?: unknown } {
  const example = schema.example !== undefined ? schema.example : Array.isArray(schema.examples) ? schema.examples[0] : undefined;
  return {
    ...(example !== undefined ? { example } : {}),
    ...(typeof schema.description === "string" ? { description: schema.description } : {}),
    ...(typeof schema.title === "string" ? { title: schema.title } : {}),
    ...(schema.deprecated === true ? { deprecated: true } : {}),
    ...(schema.default !== undefined ? { default: schema.default } : {}),
  };
}

/** What `type` (or the enum's values) can make a schema; `{}` and unions are read elsewhere. */
type Kind = Exclude<SchemaNode["kind"], "union" | "unknown">;

function readType(schema: JsonObject, pointer: string, ctx: NormalizeContext): { kind: Kind | undefined; nullable: boolean } {
  let nullable = false;
  const type = schema.type;
  if (type === undefined) return { kind: undefined, nullable };
  const types = Array.isArray(type) ? type : [type];
  if (types.length === 0) {
    unsupported(ctx, joinPointer(pointer, "type"), "`type` is an empty list: no value can satisfy it.", "Name at least one type.");
  }
  for (const [index, t] of types.entries()) {
    if (typeof t !== "string" || !TYPES.has(t)) {
      unsupported(
        ctx,
        Array.isArray(type) ? joinPointer(pointer, "type", index) : joinPointer(pointer, "type"),
        `Invalid type ${JSON.stringify(t)}: JSON Schema types are ${[...TYPES].join(", ")}.`,
        "Use one of the JSON Schema types.",
      );
    }
  }
  const nonNull = types.filter((t) => t !== "null") as Kind[];
  if (types.includes("null")) nullable = true;
  if (nonNull.length === 0) return { kind: "null", nullable: false };
  if (nonNull.length > 1) {
    unsupported(ctx, joinPointer(pointer, "type"), `A type list with several non-null types (${JSON.stringify(type)}) is not supported yet.`);
  }
  return { kind: nonNull[0], nullable };
}

function inferKindFromValues(values: unknown[], pointer: string, ctx: NormalizeContext): Kind | undefined {
  const kinds = new Set(values.map((v) => (typeof v === "number" ? (Number.isInteger(v) ? "integer" : "number") : typeof v)));
  if (kinds.size === 1) {
    const only = [...kinds][0];
    if (only === "string" || only === "boolean" || only === "integer" || only === "number") return only;
  }
  if (kinds.size === 2 && kinds.has("integer") && kinds.has("number")) return "number";
  unsupported(ctx, joinPointer(pointer, "enum"), `An enum of mixed types (${JSON.stringify(values)}) is not supported yet.`);
}

function typedValues<T extends "string" | "integer" | "number" | "boolean">(
  values: unknown[],
  kind: T,
  pointer: string,
  ctx: NormalizeContext,
): (T extends "string" ? string : T extends "boolean" ? boolean : number)[] {
  for (const value of values) {
    const ok =
      kind === "integer" ? Number.isInteger(value) : kind === "number" ? typeof value === "number" : typeof value === kind;
    if (!ok) {
      unsupported(
        ctx,
        joinPointer(pointer, "enum"),
        `Enum value ${JSON.stringify(value)} is not of the schema's type "${kind}".`,
        "Make every enum value match `type`.",
      );
    }
  }
  return values as never;
}

function normalizeObject(
  schema: JsonObject,
  base: { pointer: string; nullable: boolean },
  ctx: NormalizeContext,
  depth: number,
): SchemaNode {
  const { pointer } = base;
  let additional = schema.additionalProperties;
  if (isObject(additional) && Object.keys(additional).length === 0) additional = true;
  if (additional !== undefined && typeof additional !== "boolean" && !isObject(additional)) {
    unsupported(ctx, joinPointer(pointer, "additionalProperties"), "`additionalProperties` must be a boolean or a schema.", "Fix `additionalProperties`.");
  }
  let additionalSchema = isObject(additional) ? normalizeSchema(additional, joinPointer(pointer, "additionalProperties"), ctx, depth + 1) : undefined;
  const { checked: patternProperties, unchecked } = readPatternProperties(schema, pointer, ctx, depth);
  if (unchecked.length > 0) {
    // A key the guards cannot test could name any property: none can be held to additionalProperties.
    additional = true;
    additionalSchema = undefined;
  }
  const propertiesSchema = schema.properties === undefined ? {} : schema.properties;
  if (!isObject(propertiesSchema)) {
    unsupported(ctx, joinPointer(pointer, "properties"), "`properties` must be an object.", "Fix `properties`.");
  }
  const required = new Set<string>();
  if (schema.required !== undefined) {
    if (!Array.isArray(schema.required) || schema.required.some((r) => typeof r !== "string")) {
      unsupported(ctx, joinPointer(pointer, "required"), "`required` must be an array of property names.", "Fix `required`.");
    }
    for (const name of schema.required as string[]) required.add(name);
  }
  const properties: PropertyModel[] = Object.entries(propertiesSchema).map(([name, propertySchema]) => ({
    name,
    required: required.has(name),
    schema: normalizeSchema(propertySchema, joinPointer(pointer, "properties", name), ctx, depth + 1),
  }));
  // A required name `properties` does not define must be present all the same, with a value of what the object
  // allows there: the patternProperties schema its name matches, else additionalProperties' schema, else any value.
  // As a property of its own, types, guards, fixtures and EVENTS.md all show it. (A closed object's name no pattern
  // matches cannot be satisfied: rule required-not-defined dropped it.)
  const undefinedRequired = [...required].filter((name) => !Object.prototype.hasOwnProperty.call(propertiesSchema, name));
  for (const name of undefinedRequired) {
    const at = joinPointer(pointer, "required", (schema.required as string[]).indexOf(name));
    const patterns = patternProperties.filter((p) => compiledPattern(p.pattern).test(name));
    if (patterns.length > 1) {
      unsupported(ctx, at, `"${name}" is required but not defined in \`properties\`, and several patternProperties match it.`, `Define "${name}" under properties.`);
    }
    const allowed = patterns[0]?.schema ?? additionalSchema ?? { kind: "unknown", pointer: at, nullable: false };
    const what = patterns[0] !== undefined ? "the patternProperties schema it matches" : additionalSchema !== undefined ? "additionalProperties" : "any value (`unknown`)";
    ctx.warnings.push({
      code: "required-not-defined",
      message: `"${name}" is required but not defined in \`properties\`: it is a required property typed by ${what}.`,
      file: ctx.file,
      pointer: at,
      hint: `Define "${name}" under properties to type it, or remove it from required if it is a mistake.`,
    });
    properties.push({ name, required: true, schema: allowed });
  }
  return {
    kind: "object",
    ...base,
    properties,
    additionalProperties: additional !== false,
    ...(additionalSchema !== undefined && additionalSchema.kind !== "unknown" ? { additionalSchema } : {}),
    ...(patternProperties.length > 0 ? { patternProperties } : {}),
    ...(unchecked.length > 0 ? { uncheckedPatternProperties: unchecked } : {}),
  };
}

/** The keys the guards test, and those (exponential, under annotate) only documented, whose schemas are read all the same. */
function readPatternProperties(schema: JsonObject, pointer: string, ctx: NormalizeContext, depth: number): { checked: { pattern: string; schema: SchemaNode }[]; unchecked: string[] } {
  const checked: { pattern: string; schema: SchemaNode }[] = [];
  const unchecked: string[] = [];
  const raw = schema.patternProperties;
  if (raw === undefined) return { checked, unchecked };
  if (!isObject(raw)) unsupported(ctx, joinPointer(pointer, "patternProperties"), "`patternProperties` must be an object.", "Fix `patternProperties`.");
  for (const [pattern, child] of Object.entries(raw)) {
    const at = joinPointer(pointer, "patternProperties", pattern);
    checkPattern(pattern, at, ctx);
    const use = patternUse(pattern, at, ctx, "the guards cannot tell which properties it names, so this object accepts any property `properties` does not name");
    const node = normalizeSchema(child, at, ctx, depth + 1);
    if (use === "check") checked.push({ pattern, schema: node });
    else unchecked.push(pattern);
  }
  return { checked, unchecked };
}

function normalizeArray(
  schema: JsonObject,
  base: { pointer: string; nullable: boolean },
  fields: JsonObject,
  ctx: NormalizeContext,
  depth: number,
): SchemaNode {
  const { pointer } = base;
  let prefixItems: SchemaNode[] | undefined;
  if (schema.prefixItems !== undefined) {
    if (!Array.isArray(schema.prefixItems)) unsupported(ctx, joinPointer(pointer, "prefixItems"), "`prefixItems` must be an array of schemas.", "Fix `prefixItems`.");
    prefixItems = schema.prefixItems.map((item, index) => normalizeSchema(item, joinPointer(pointer, "prefixItems", index), ctx, depth + 1));
  }
  const itemsPointer = joinPointer(pointer, "items");
  let maxItems = fields.maxItems as number | undefined;
  // `items: false` allows nothing after the prefix: exactly what a maxItems of the prefix's length says.
  if (schema.items === false) maxItems = Math.min(maxItems ?? Infinity, prefixItems?.length ?? 0);
  const items: SchemaNode =
    schema.items === undefined || schema.items === false
      ? { kind: "unknown", pointer: itemsPointer, nullable: false }
      : normalizeSchema(schema.items, itemsPointer, ctx, depth + 1);
  return {
    kind: "array",
    ...base,
    ...fields,
    ...(maxItems !== undefined ? { maxItems } : {}),
    ...(prefixItems !== undefined && prefixItems.length > 0 ? { prefixItems } : {}),
    items,
  };
}

/** Keywords that only constrain values of one JSON type: a per-type variant keeps only its own. */
const KEYWORDS_OF: Readonly<Record<string, readonly string[]>> = {
  object: ["properties", "required", "additionalProperties", "patternProperties"],
  array: ["items", "prefixItems", ...perTypeKeywords("array")],
  string: perTypeKeywords("string"),
  number: perTypeKeywords("number"),
};

const jsonTypeOf = (value: unknown): string =>
  value === null ? "null" : Array.isArray(value) ? "array" : typeof value === "number" ? (Number.isInteger(value) ? "integer" : "number") : typeof value;

/**
 * A `type` list of several types, or an enum of values of several types without `type`: one variant per type (an
 * `anyOf`, since no value has two JSON types), each keeping the keywords and enum values of its own type.
 */
function splitByType(schema: JsonObject): { variants: JsonObject[]; nullable: boolean } | undefined {
  let types: string[];
  const values = schema.const !== undefined ? [schema.const] : Array.isArray(schema.enum) ? (schema.enum as unknown[]) : undefined;
  if (Array.isArray(schema.type)) {
    types = schema.type.filter((t) => t !== "null") as string[];
    if (types.length < 2 || types.some((t) => typeof t !== "string" || !TYPES.has(t))) return undefined;
  } else if (schema.type === undefined && values !== undefined) {
    types = [...new Set(values.filter((v) => v !== null).map((v) => (jsonTypeOf(v) === "integer" ? "number" : jsonTypeOf(v))))];
    if (types.length < 2 || types.some((t) => t === "object" || t === "array")) return undefined;
  } else {
    return undefined;
  }
  const nullable = (Array.isArray(schema.type) && schema.type.includes("null")) || (!Array.isArray(schema.type) && values?.includes(null) === true);
  const variants: JsonObject[] = [];
  for (const type of types) {
    const variant: JsonObject = {};
    for (const [key, value] of Object.entries(schema)) {
      if (key === "type" || key === "enum" || key === "const") continue;
      const owner = Object.keys(KEYWORDS_OF).find((t) => KEYWORDS_OF[t]!.includes(key));
      const group = type === "integer" ? "number" : type;
      if (owner !== undefined && owner !== group) continue;
      setOwnProperty(variant, key, value);
    }
    variant.type = type;
    if (values !== undefined) {
      const own = values.filter((v) => v !== null && (jsonTypeOf(v) === type || (type === "number" && jsonTypeOf(v) === "integer")));
      if (own.length === 0) continue;
      variant.enum = own;
    }
    variants.push(variant);
  }
  return variants.length === 0 ? undefined : { variants, nullable };
}

function normalizeUnion(schema: JsonObject, pointer: string, ctx: NormalizeContext, depth: number): SchemaNode {
  if (schema.oneOf !== undefined && schema.anyOf !== undefined) {
    unsupported(ctx, joinPointer(pointer, "anyOf"), "`oneOf` and `anyOf` on the same schema are not supported.", "Nest one of them in an `allOf`.");
  }
  const mode = schema.oneOf !== undefined ? "oneOf" : "anyOf";
  const list = schema[mode];
  if (!Array.isArray(list) || list.length === 0 || !list.every((v) => isObject(v) || v === true)) {
    unsupported(ctx, joinPointer(pointer, mode), `\`${mode}\` must be a non-empty array of schemas.`, `Fix \`${mode}\`.`);
  }
  const { oneOf: _oneOf, anyOf: _anyOf, ...siblings } = schema;
  // Constraints beside the union hold for every variant: they are merged into each (all-of-merge's reading).
  const constraints = Object.fromEntries(Object.entries(siblings).filter(([key]) => !ANNOTATIONS.has(key) && !key.startsWith("x-")));
  let variants = list.map((variant, index) => {
    const at = joinPointer(pointer, mode, index);
    const raw = variant === true ? {} : (variant as JsonObject);
    return normalizeSchema(Object.keys(constraints).length === 0 ? raw : mergeSchemas([constraints, raw], at, ctx), at, ctx, depth + 1);
  });
  // `anyOf: [X, { "type": "null" }]` is OpenAPI 3.1's way to say "X or null" (and rule nullable-keyword's reading of
  // 3.0's nullable union): the null variant is the union's `nullable`, so that the other variants can still be told
  // apart by a discriminator. In an anyOf that is always what it says; in a oneOf only when no other variant takes
  // null, since null matching two variants is refused by a oneOf and allowed by `nullable`.
  let nullable = false;
  const nulls = variants.filter((v) => v.kind === "null");
  const others = variants.filter((v) => v.kind !== "null");
  if (nulls.length > 0 && others.length > 0 && (mode === "anyOf" || (nulls.length === 1 && !others.some((v) => acceptedClasses(v).has("null"))))) {
    variants = others;
    nullable = true;
  }
  const discriminator = findDiscriminator(variants);
  return {
    kind: "union",
    mode,
    pointer,
    ...readAnnotations(schema),
    nullable,
    variants,
    ...(discriminator !== undefined ? { discriminator } : {}),
  };
}

/**
 * A property every object variant defines as a string enum, with no value in two variants: the guards then switch on
 * it instead of trying each variant. Required properties are preferred; ties go to code-point order of the names.
 */
export function findDiscriminator(variants: readonly SchemaNode[]): UnionSchema["discriminator"] {
  if (variants.length < 2 || !variants.every((v) => v.kind === "object" && !v.nullable)) return undefined;
  const objects = variants as readonly ObjectSchema[];
  const requiredEverywhere = (name: string) => objects.every((o) => o.properties.some((p) => p.name === name && p.required));
  const names = objects[0]!.properties.map((p) => p.name).sort((a, b) => Number(requiredEverywhere(b)) - Number(requiredEverywhere(a)) || (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const cases: { value: string; variant: number }[] = [];
    const seen = new Set<string>();
    const ok = objects.every((object, variant) => {
      const schema = object.properties.find((p) => p.name === name)?.schema;
      if (schema === undefined || schema.kind !== "string" || schema.nullable || schema.enum === undefined) return false;
      for (const value of schema.enum) {
        if (seen.has(value)) return false;
        seen.add(value);
        cases.push({ value, variant });
      }
      return true;
    });
    if (ok) return { property: name, cases };
  }
  return undefined;
}
