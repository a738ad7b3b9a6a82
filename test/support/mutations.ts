import { cloneJson, deleteAt, setAt } from "../../src/synthesize/edit-json.js";
import type { SchemaNode } from "../../src/model/model.js";

export type Path = readonly (string | number)[];

export interface Mutation {
  readonly title: string;
  readonly value: unknown;
  /** Where the guard must report the issue (for a missing property: the property's own path). */
  readonly path: Path;
  /** The issue code the guard must report there; `null` when the mutated value is still valid. */
  readonly code: string | null;
  /** Set where the oracle (ajv-formats) legitimately disagrees; the reason is printed by the test. */
  readonly oracleDiffers?: string;
}

export const DATE_TIME_INVALID = [
  "2025-13-01T00:00:00Z",
  "2025-04-01 12:22:26",
  "",
  "2025-04-01T12:22:26",
  "2025-02-29T00:00:00Z",
  "2025-04-31T00:00:00Z",
  "2025-04-01T24:00:00Z",
  "2025-04-01T12:60:00Z",
  "2016-12-31T23:58:60Z",
  "2016-12-31T23:59:60+01:00",
  "2025-04-01T12:22:26+24:00",
  "2025-04-01T12:22:26.Z",
  "2025-04-01T12:22:26Z ",
  "1743483350000",
  "yesterday",
];

export const DATE_TIME_VALID = [
  "2016-12-31T23:59:60Z",
  "2016-12-31T18:59:60-05:00",
  "2025-04-01T12:22:26.123456+05:30",
  "2025-04-01t12:22:26z",
  "2025-04-01T12:22:26-00:00",
  "2024-02-29T00:00:00Z",
];

/** RFC 3339 section 5.6 requires "T" (or "t") and a "±hh:mm" offset; ajv-formats also takes these. */
export const DATE_TIME_STRICTER: [string, string][] = [
  ["2025-04-01 12:22:26Z", "ajv-formats accepts any whitespace as the date/time separator; RFC 3339's grammar requires T"],
  ["2025-04-01\t12:22:26Z", "ajv-formats accepts any whitespace as the date/time separator; RFC 3339's grammar requires T"],
  ["2025-04-01T12:22:26+0530", "ajv-formats accepts an offset without a colon; RFC 3339's time-numoffset is ±hh:mm"],
  ["2025-04-01T12:22:26+05", "ajv-formats accepts an hour-only offset; RFC 3339's time-numoffset is ±hh:mm"],
];

const DATE_INVALID = ["2023-02-29", "2025-4-1", "2025-04-01T00:00:00Z", "", "2025-00-01"];

const SAMPLES: [string, unknown][] = [
  ["null", null],
  ["boolean", true],
  ["integer", 7],
  ["number", 1.5],
  ["string", "text"],
  ["array", []],
  ["object", {}],
];

function sameType(node: SchemaNode, sample: string): boolean {
  if (node.kind === "unknown") return true;
  if (sample === "null") return node.nullable || node.kind === "null";
  if (sample === "integer") return node.kind === "integer" || node.kind === "number";
  return node.kind === sample;
}

export { cloneJson as clone } from "../../src/synthesize/edit-json.js";

function at(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root);
}

/**
 * Every mutation of `valid` (which satisfies `root`) the issue asks for: drop each required property, add an unknown
 * property at each closed object, give each node a value of every other JSON type, put each enum outside its values,
 * break each format. Derived from the model, so a new spec gets its own corpus.
 */
export function mutate(root: SchemaNode, valid: unknown): Mutation[] {
  const out: Mutation[] = [];
  const addVariant = (title: string, path: Path, code: string | null, edit: (copy: unknown) => void, oracleDiffers?: string) => {
    const copy = cloneJson(valid);
    edit(copy);
    out.push({ title, value: copy, path, code, ...(oracleDiffers ? { oracleDiffers } : {}) });
  };
  const replace = (path: Path, value: unknown) => (copy: unknown) => (path.length === 0 ? undefined : setAt(copy, path, value));

  const visit = (node: SchemaNode, value: unknown, path: Path): void => {
    const where = "/" + path.join("/");
    // ajv guards against prototype pollution by skipping schema properties named __proto__: it validates nothing there.
    const ajvSkips = path.includes("__proto__") ? "ajv ignores a schema property named __proto__ (its pollution guard); the guards check it" : undefined;
    const variant = (title: string, p: Path, code: string | null, edit: (copy: unknown) => void, differs?: string) =>
      addVariant(title, p, code, edit, differs ?? (code === null ? undefined : ajvSkips));
    for (const [name, sample] of SAMPLES) {
      if (sameType(node, name) || path.length === 0) continue;
      variant(`${where}: ${name} instead of ${node.kind}`, path, "invalid_type", replace(path, sample));
    }
    if (node.kind === "string" || node.kind === "integer" || node.kind === "number" || node.kind === "boolean") {
      if (node.enum && path.length > 0) {
        const outside =
          node.kind === "string" ? "not-one-of-the-values" : node.kind === "boolean" ? !node.enum[0] : Math.max(...(node.enum as number[])) + 1;
        variant(`${where}: outside the enum`, path, "invalid_enum", replace(path, outside));
      }
      const format = node.kind === "boolean" ? undefined : node.format;
      if (format === "date-time") {
        for (const bad of DATE_TIME_INVALID) variant(`${where}: date-time ${JSON.stringify(bad)}`, path, "invalid_format", replace(path, bad));
        for (const good of DATE_TIME_VALID) variant(`${where}: date-time ${JSON.stringify(good)} (valid)`, path, null, replace(path, good));
        for (const [bad, why] of DATE_TIME_STRICTER) variant(`${where}: date-time ${JSON.stringify(bad)}`, path, "invalid_format", replace(path, bad), why);
      }
      if (format === "date") for (const bad of DATE_INVALID) variant(`${where}: date ${JSON.stringify(bad)}`, path, "invalid_format", replace(path, bad));
      if (format === "int32") variant(`${where}: beyond int32`, path, "invalid_format", replace(path, 2 ** 31));
      if (format === "int64" && node.kind === "number") variant(`${where}: a fraction for int64`, path, "invalid_format", replace(path, 0.5));
      if (node.kind === "string" && !node.enum && node.format === undefined) {
        // Lengths count code points: an emoji is one, though it is two UTF-16 units.
        if (node.maxLength !== undefined) {
          variant(`${where}: exactly maxLength emoji (valid)`, path, null, replace(path, "😀".repeat(node.maxLength)));
          variant(`${where}: maxLength + 1`, path, "too_big", replace(path, "x".repeat(node.maxLength + 1)));
        }
        if (node.minLength !== undefined && node.minLength > 0) {
          variant(`${where}: exactly minLength (valid)`, path, null, replace(path, "x".repeat(node.minLength)));
          variant(`${where}: minLength - 1`, path, "too_small", replace(path, "x".repeat(node.minLength - 1)));
        }
      }
      if ((node.kind === "integer" || node.kind === "number") && !node.enum) {
        const step = node.kind === "integer" ? 1 : 0.25;
        if (node.minimum !== undefined) {
          variant(`${where}: at minimum (valid)`, path, null, replace(path, node.minimum));
          variant(`${where}: below minimum`, path, "too_small", replace(path, node.minimum - step));
        }
        if (node.maximum !== undefined) {
          variant(`${where}: at maximum (valid)`, path, null, replace(path, node.maximum));
          variant(`${where}: above maximum`, path, "too_big", replace(path, node.maximum + step));
        }
        if (node.exclusiveMinimum !== undefined) variant(`${where}: at exclusiveMinimum`, path, "too_small", replace(path, node.exclusiveMinimum));
        if (node.exclusiveMaximum !== undefined) {
          variant(`${where}: at exclusiveMaximum`, path, "too_big", replace(path, node.exclusiveMaximum));
          variant(`${where}: just under exclusiveMaximum (valid)`, path, null, replace(path, node.exclusiveMaximum - step));
        }
      }
      if (format === "int64" && !node.enum) {
        variant(`${where}: negative int64 (valid)`, path, null, replace(path, -1));
        variant(`${where}: int64 beyond 2^53 (valid)`, path, null, replace(path, 2 ** 53 + 2));
        variant(`${where}: int64 as a numeric string`, path, "invalid_type", replace(path, String(value)));
      }
      return;
    }
    if (node.kind === "array" && Array.isArray(value)) {
      value.forEach((item, index) => visit(node.items, item, [...path, index]));
      if (node.maxItems !== undefined && value.length > 0) {
        variant(`${where}: maxItems + 1 items`, path, "too_big", replace(path, Array.from({ length: node.maxItems + 1 }, () => value[0])));
      }
      if (node.minItems !== undefined && node.minItems > 0) variant(`${where}: minItems - 1 items`, path, "too_small", replace(path, value.slice(0, node.minItems - 1)));
      if (value.length === 0 && node.items.kind !== "unknown") {
        const wrong = SAMPLES.find(([name]) => !sameType(node.items, name));
        if (wrong) variant(`${where}/0: ${wrong[0]} item`, [...path, 0], "invalid_type", (copy) => (at(copy, path) as unknown[]).push(wrong[1]));
      }
      return;
    }
    if (node.kind === "object" && typeof value === "object" && value !== null) {
      const record = value as Record<string, unknown>;
      for (const property of node.properties) {
        const present = Object.prototype.hasOwnProperty.call(record, property.name);
        if (property.required && present) {
          variant(`${where}: drop required ${property.name}`, [...path, property.name], "missing_property", (copy) => deleteAt(copy, [...path, property.name]));
        }
        if (present) visit(property.schema, record[property.name], [...path, property.name]);
      }
      if (!node.additionalProperties) {
        for (const key of ["zoom_added_this", "__proto__", "constructor", "toString", "hasOwnProperty"]) {
          if (node.properties.some((p) => p.name === key)) continue;
          variant(`${where}: unknown property ${key}`, [...path, key], "unknown_property", (copy) => setAt(copy, [...path, key], "surprise"));
        }
      }
    }
  };
  visit(root, valid, []);
  return out;
}
