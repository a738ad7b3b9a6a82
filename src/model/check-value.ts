import { isDate, isDateTime, isInt32 } from "./formats.js";
import type { SchemaNode } from "./model.js";

/** Fixture synthesis checks the same patterns thousands of times: each is compiled once. */
const patterns = new Map<string, RegExp>();
function compiled(pattern: string): RegExp {
  let re = patterns.get(pattern);
  if (re === undefined) patterns.set(pattern, (re = new RegExp(pattern, "u")));
  return re;
}

export interface ValueProblem {
  readonly path: readonly (string | number)[];
  readonly code: "invalid_type" | "missing_property" | "unknown_property" | "invalid_enum" | "invalid_format" | "too_small" | "too_big" | "invalid_union";
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
        if (n.kind === "number" && n.format === "uint64" && !Number.isInteger(v)) return fail("invalid_format", "expected uint64");
        if (n.kind !== "string" && n.kind !== "boolean" && n.format === "uint64" && (v as number) < 0) return fail("invalid_format", "expected uint64");
        if (n.kind === "string" && n.pattern !== undefined && !compiled(n.pattern).test(v as string)) return fail("invalid_format", `expected a match of ${n.pattern}`);
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
        v.forEach((item, index) => visit(n.prefixItems?.[index] ?? n.items, item, [...p, index]));
        return;
      case "union": {
        const variant = unionVariantFor(n, v);
        if (variant === "valid") return;
        if (variant === undefined) return fail("invalid_union", `expected ${n.mode} of ${n.variants.length} schemas`);
        visit(variant, v, p);
        return;
      }
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
        const known = new Set(n.properties.map((q) => q.name));
        for (const key of Object.keys(record)) {
          if (known.has(key)) continue;
          const patterns = (n.patternProperties ?? []).filter((q) => compiled(q.pattern).test(key));
          for (const q of patterns) visit(q.schema, record[key], [...p, key]);
          if (patterns.length > 0) continue;
          if (n.additionalSchema !== undefined) visit(n.additionalSchema, record[key], [...p, key]);
          else if (!n.additionalProperties) problems.push({ path: [...p, key], code: "unknown_property", message: "unknown property" });
        }
        return;
      }
    }
  };
  visit(node, value, path);
  return problems;
}

const jsonClass = (value: unknown): string =>
  value === null ? "null" : Array.isArray(value) ? "array" : typeof value === "number" ? "number" : typeof value;

/** Which JSON classes of value a node can accept at all (its type, and null where nullable). */
export function acceptedClasses(node: SchemaNode): Set<string> {
  const out = new Set<string>();
  if (node.nullable) out.add("null");
  switch (node.kind) {
    case "unknown":
      return new Set(["null", "boolean", "number", "string", "array", "object"]);
    case "union":
      for (const variant of node.variants) for (const c of acceptedClasses(variant)) out.add(c);
      return out;
    case "integer":
      out.add("number");
      return out;
    default:
      out.add(node.kind);
      return out;
  }
}

/**
 * How the guards decide a union: "valid", or the one variant whose issues they report (the variant a discriminator
 * value names, or the only variant that accepts the value's JSON type), or undefined (one `invalid_union` issue).
 */
export function unionVariantFor(node: Extract<SchemaNode, { kind: "union" }>, value: unknown): "valid" | SchemaNode | undefined {
  const matches = node.variants.filter((variant) => checkValue(variant, value).length === 0).length;
  if (node.mode === "anyOf" ? matches >= 1 : matches === 1) return "valid";
  if (node.discriminator !== undefined && typeof value === "object" && value !== null && !Array.isArray(value)) {
    const key = node.discriminator.property;
    const tag = Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
    const hit = node.discriminator.cases.find((c) => c.value === tag);
    if (hit !== undefined) return node.variants[hit.variant];
  }
  const cls = jsonClass(value);
  const candidates = node.variants.filter((variant) => acceptedClasses(variant).has(cls));
  return candidates.length === 1 ? candidates[0] : undefined;
}
