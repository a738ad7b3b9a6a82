import { isDate, isDateTime, isInt32 } from "./formats.js";
import type { SchemaNode } from "./model.js";

export interface ValueProblem {
  readonly path: readonly (string | number)[];
  readonly code: "invalid_type" | "missing_property" | "unknown_property" | "invalid_enum" | "invalid_format" | "too_small" | "too_big";
  readonly message: string;
}

/**
 * Checks a value against a model node, the way the generated guards do in `"reject"` mode. The generator uses it to
 * decide whether a vendor example may become a fixture; it is an interpreter, so it shares no code with the emitted
 * straight-line guards.
 */
export function checkValue(node: SchemaNode, value: unknown, path: (string | number)[] = []): ValueProblem[] {
  const problems: ValueProblem[] = [];
  const visit = (n: SchemaNode, v: unknown, p: (string | number)[]): void => {
    if (v === null && n.nullable) return;
    const fail = (code: ValueProblem["code"], message: string): void => {
      problems.push({ path: p, code, message });
    };
    switch (n.kind) {
      case "unknown":
        return;
      case "null":
        if (v !== null) fail("invalid_type", "expected null");
        return;
      case "boolean":
      case "string":
      case "integer":
      case "number": {
        const typeOk =
          n.kind === "integer" ? Number.isInteger(v) : n.kind === "number" ? typeof v === "number" && Number.isFinite(v) : typeof v === n.kind;
        if (!typeOk) return fail("invalid_type", `expected ${n.kind}`);
        if (n.enum && !(n.enum as readonly unknown[]).includes(v)) return fail("invalid_enum", `expected one of ${JSON.stringify(n.enum)}`);
        if (n.kind === "string" && n.format === "date-time" && !isDateTime(v as string)) return fail("invalid_format", "expected date-time");
        if (n.kind === "string" && n.format === "date" && !isDate(v as string)) return fail("invalid_format", "expected date");
        if (n.kind !== "string" && n.kind !== "boolean" && n.format === "int32" && !isInt32(v as number)) return fail("invalid_format", "expected int32");
        if (n.kind === "number" && n.format === "int64" && !Number.isInteger(v)) return fail("invalid_format", "expected int64");
        if (n.kind === "string") {
          const length = [...(v as string)].length;
          if (n.minLength !== undefined && length < n.minLength) return fail("too_small", `expected at least ${n.minLength} characters`);
          if (n.maxLength !== undefined && length > n.maxLength) return fail("too_big", `expected at most ${n.maxLength} characters`);
        }
        if (n.kind === "integer" || n.kind === "number") {
          const x = v as number;
          if ((n.minimum !== undefined && x < n.minimum) || (n.exclusiveMinimum !== undefined && x <= n.exclusiveMinimum)) return fail("too_small", "below the minimum");
          if ((n.maximum !== undefined && x > n.maximum) || (n.exclusiveMaximum !== undefined && x >= n.exclusiveMaximum)) return fail("too_big", "above the maximum");
        }
        return;
      }
      case "array":
        if (!Array.isArray(v)) return fail("invalid_type", "expected array");
        if (n.minItems !== undefined && v.length < n.minItems) fail("too_small", `expected at least ${n.minItems} items`);
        if (n.maxItems !== undefined && v.length > n.maxItems) fail("too_big", `expected at most ${n.maxItems} items`);
        v.forEach((item, index) => visit(n.items, item, [...p, index]));
        return;
      case "object": {
        if (typeof v !== "object" || v === null || Array.isArray(v)) return fail("invalid_type", "expected object");
        const record = v as Record<string, unknown>;
        for (const property of n.properties) {
          const present = Object.prototype.hasOwnProperty.call(record, property.name) && record[property.name] !== undefined;
          if (!present) {
            if (property.required) problems.push({ path: [...p, property.name], code: "missing_property", message: "missing required property" });
            continue;
          }
          visit(property.schema, record[property.name], [...p, property.name]);
        }
        if (!n.additionalProperties) {
          const known = new Set(n.properties.map((q) => q.name));
          for (const key of Object.keys(record)) {
            if (!known.has(key)) problems.push({ path: [...p, key], code: "unknown_property", message: "unknown property" });
          }
        }
        return;
      }
    }
  };
  visit(node, value, path);
  return problems;
}
