import { CobrowseGenError, type Diagnostic } from "./errors.js";
import { joinPointer } from "./json-pointer.js";
import { CHECKED_FORMATS, type PropertyModel, type SchemaNode } from "./model.js";
import { applySchemaRules } from "./rules/index.js";

export interface NormalizeContext {
  readonly file: string;
  readonly warnings: Diagnostic[];
}

type JsonObject = Record<string, unknown>;

/** Keywords that only annotate: they never change what a value must look like. */
const ANNOTATIONS = new Set([
  "description",
  "title",
  "example",
  "examples",
  "default",
  "deprecated",
  "readOnly",
  "writeOnly",
  "$comment",
  "externalDocs",
  "xml",
  "$schema",
  "$id",
  "$anchor",
]);

/** Keywords handled below. */
const HANDLED = new Set([
  "type",
  "enum",
  "const",
  "format",
  "nullable",
  "properties",
  "required",
  "additionalProperties",
  "items",
  ...["minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems"],
]);

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

/**
 * Length, range and size bounds, for the kind they apply to (JSON Schema ignores them on other types, and so do the
 * guards, with a warning). OpenAPI 3.0's boolean exclusiveMinimum/Maximum is converted to the 2020-12 number form.
 */
function readBounds(schema: JsonObject, kind: string, pointer: string, ctx: NormalizeContext): Record<string, number> {
  const bounds: Record<string, number> = {};
  const group = kind === "integer" || kind === "number" ? "number" : kind;
  for (const [key, appliesTo] of Object.entries(BOUNDS)) {
    const value = schema[key];
    if (value === undefined) continue;
    if (typeof value === "boolean" && (key === "exclusiveMinimum" || key === "exclusiveMaximum")) {
      const bound = key === "exclusiveMinimum" ? "minimum" : "maximum";
      if (value && typeof schema[bound] === "number") {
        ctx.warnings.push({
          code: "exclusive-bound-boolean",
          message: `\`${key}: true\` is OpenAPI 3.0 syntax; read as \`${key}: ${String(schema[bound])}\`.`,
          file: ctx.file,
          pointer: joinPointer(pointer, key),
          hint: `In OpenAPI 3.1 write "${key}": ${String(schema[bound])} instead of "${bound}" plus a boolean.`,
        });
        bounds[key] = schema[bound] as number;
      }
      continue;
    }
    const isCount = appliesTo !== "number";
    if (typeof value !== "number" || !Number.isFinite(value) || (isCount && (!Number.isInteger(value) || value < 0))) {
      unsupported(ctx, joinPointer(pointer, key), `\`${key}\` must be a ${isCount ? "non-negative integer" : "finite number"}, found ${JSON.stringify(value)}.`, `Fix \`${key}\`.`);
    }
    if (appliesTo !== group) {
      ctx.warnings.push({
        code: "misplaced-bound",
        message: `\`${key}\` applies to ${appliesTo}s, not to this ${kind}; ignored.`,
        file: ctx.file,
        pointer: joinPointer(pointer, key),
        hint: `Remove \`${key}\`, or fix \`type\`.`,
      });
      continue;
    }
    bounds[key] = value;
  }
  // With the boolean form converted, the plain bound it replaced no longer applies.
  if (schema.exclusiveMinimum === true) delete bounds.minimum;
  if (schema.exclusiveMaximum === true) delete bounds.maximum;
  return bounds;
}

/**
 * Constraints the guards cannot enforce yet. Silently dropping one would make the guards accept what the spec rejects,
 * so each is an error naming its pointer.
 */
const UNSUPPORTED = new Set([
  "oneOf",
  "anyOf",
  "allOf",
  "not",
  "if",
  "then",
  "else",
  "prefixItems",
  "contains",
  "minContains",
  "maxContains",
  "patternProperties",
  "propertyNames",
  "unevaluatedProperties",
  "unevaluatedItems",
  "dependentSchemas",
  "dependentRequired",
  "pattern",
  "multipleOf",
  "uniqueItems",
  "minProperties",
  "maxProperties",
  "discriminator",
  "$ref",
  "$dynamicRef",
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

export function normalizeSchema(raw: unknown, pointer: string, ctx: NormalizeContext, depth = 0): SchemaNode {
  if (depth > MAX_SCHEMA_DEPTH) {
    unsupported(ctx, pointer, `Schemas nested more than ${MAX_SCHEMA_DEPTH} levels deep are not supported.`, "Flatten the schema.");
  }
  if (raw === true || (isObject(raw) && Object.keys(raw).length === 0)) {
    return { kind: "unknown", pointer, nullable: false };
  }
  if (!isObject(raw)) {
    unsupported(ctx, pointer, `Expected a schema object, found ${JSON.stringify(raw)}.`, "Replace it with a JSON Schema object.");
  }
  const schema = applySchemaRules(raw, pointer, ctx);
  for (const key of Object.keys(schema)) {
    if (UNSUPPORTED.has(key)) {
      if (key === "$ref" && typeof schema.$ref !== "string") {
        unsupported(ctx, joinPointer(pointer, key), "`$ref` must be a string.", 'Write "$ref": "#/components/schemas/Name".');
      }
      const what = key === "$ref" ? "A recursive $ref" : `The keyword \`${key}\``;
      unsupported(ctx, joinPointer(pointer, key), `${what} is not supported yet.`);
    }
    if (!HANDLED.has(key) && !ANNOTATIONS.has(key) && !key.startsWith("x-")) {
      ctx.warnings.push({
        code: "unknown-keyword",
        message: `Ignored unknown schema keyword \`${key}\`.`,
        file: ctx.file,
        pointer: joinPointer(pointer, key),
        hint: "JSON Schema ignores unknown keywords; check for a misspelt or misplaced keyword.",
      });
    }
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
      // `type` decides whether null is allowed at all; only then does an enum's null admit it.
      if (kind === undefined || kind === "null" || nullable) {
        nullable = true;
        if (values.length === 0) return { kind: "null", pointer, nullable: false, ...annotations };
      } else {
        ctx.warnings.push({
          code: "unreachable-enum-value",
          message: `\`null\` is listed as a value but \`type\` does not allow null; ignored.`,
          file: ctx.file,
          pointer: enumPointer,
          hint: 'Add "null" to `type`, or remove null from the values.',
        });
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
  if (kind === undefined) {
    if (isObject(schema.properties) || schema.additionalProperties !== undefined || Array.isArray(schema.required)) {
      kind = "object";
    } else if (schema.items !== undefined) {
      kind = "array";
    }
    if (kind !== undefined) {
      ctx.warnings.push({
        code: "missing-type",
        message: `Schema has no \`type\`; treated as "${kind}" because of its keywords.`,
        file: ctx.file,
        pointer,
        hint: `Add "type": "${kind}".`,
      });
    }
  }
  const base = { pointer, nullable, ...annotations };
  if (kind === undefined) return { kind: "unknown", ...base, nullable: false };

  const format = typeof schema.format === "string" ? schema.format : undefined;
  if (format !== undefined) checkFormat(format, kind, pointer, ctx);

  const bounds = readBounds(schema, kind, pointer, ctx);
  switch (kind) {
    case "object":
      return normalizeObject(schema, base, ctx, depth);
    case "array":
      return {
        kind,
        ...base,
        ...bounds,
        items:
          schema.items === undefined
            ? { kind: "unknown", pointer: joinPointer(pointer, "items"), nullable: false }
            : normalizeSchema(schema.items, joinPointer(pointer, "items"), ctx, depth + 1),
      };
    case "string":
      return { kind, ...base, ...bounds, ...(format ? { format } : {}), ...(values ? { enum: typedValues(values, "string", pointer, ctx) } : {}) };
    case "integer":
    case "number":
      return { kind, ...base, ...bounds, ...(format ? { format } : {}), ...(values ? { enum: typedValues(values, kind, pointer, ctx) } : {}) };
    case "boolean":
      return { kind, ...base, ...(values ? { enum: typedValues(values, "boolean", pointer, ctx) } : {}) };
    case "null":
      return { kind, ...base, nullable: false };
    case "unknown":
      return { kind, ...base, nullable: false };
  }
}

function readAnnotations(schema: JsonObject): { description?: string; title?: string; deprecated?: boolean; default?: unknown } {
  return {
    ...(typeof schema.description === "string" ? { description: schema.description } : {}),
    ...(typeof schema.title === "string" ? { title: schema.title } : {}),
    ...(schema.deprecated === true ? { deprecated: true } : {}),
    ...(schema.default !== undefined ? { default: schema.default } : {}),
  };
}

type Kind = SchemaNode["kind"];

function readType(schema: JsonObject, pointer: string, ctx: NormalizeContext): { kind: Kind | undefined; nullable: boolean } {
  let nullable = false;
  if (schema.nullable === true) {
    nullable = true;
    ctx.warnings.push({
      code: "nullable-keyword",
      message: "`nullable: true` is OpenAPI 3.0 syntax; read as `type: [..., \"null\"]`.",
      file: ctx.file,
      pointer: joinPointer(pointer, "nullable"),
      hint: 'In OpenAPI 3.1 write `"type": ["string", "null"]`.',
    });
  }
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

function checkFormat(format: string, kind: Kind, pointer: string, ctx: NormalizeContext): void {
  const checkedFor = CHECKED_FORMATS[format];
  if (checkedFor === kind || (checkedFor === "integer" && kind === "number")) return;
  if ((kind === "number" || kind === "integer") && (format === "float" || format === "double")) return;
  ctx.warnings.push({
    code: "unchecked-format",
    message: `Format "${format}" on a ${kind} is an annotation only: the guards do not check it.`,
    file: ctx.file,
    pointer: joinPointer(pointer, "format"),
    hint: `Checked formats: ${Object.keys(CHECKED_FORMATS).join(", ")}.`,
  });
}

function normalizeObject(
  schema: JsonObject,
  base: { pointer: string; nullable: boolean },
  ctx: NormalizeContext,
  depth: number,
): SchemaNode {
  const { pointer } = base;
  const additional = schema.additionalProperties;
  if (additional !== undefined && typeof additional !== "boolean" && !(isObject(additional) && Object.keys(additional).length === 0)) {
    unsupported(ctx, joinPointer(pointer, "additionalProperties"), "`additionalProperties` as a schema is not supported yet.");
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
    schema.required.forEach((name: string, index: number) => {
      if (Object.prototype.hasOwnProperty.call(propertiesSchema, name)) {
        required.add(name);
      } else if (additional === false) {
        // On a closed object such a property could never be present: honouring it would reject every payload.
        ctx.warnings.push({
          code: "required-not-defined",
          message: `"${name}" is required but not defined in \`properties\` of a closed object; ignored.`,
          file: ctx.file,
          pointer: joinPointer(pointer, "required", index),
          hint: `Define "${name}" under properties, or remove it from required.`,
        });
      } else {
        unsupported(
          ctx,
          joinPointer(pointer, "required", index),
          `"${name}" is required but not defined in \`properties\`.`,
          `Define "${name}" under properties.`,
        );
      }
    });
  }
  const properties: PropertyModel[] = Object.entries(propertiesSchema).map(([name, propertySchema]) => ({
    name,
    required: required.has(name),
    schema: normalizeSchema(propertySchema, joinPointer(pointer, "properties", name), ctx, depth + 1),
  }));
  return { kind: "object", ...base, properties, additionalProperties: additional !== false };
}
