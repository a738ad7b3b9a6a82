import { compiledPattern } from "../keywords/check-pattern.js";
import { keywordChecks } from "../keywords/index.js";
import { listEnumValues, type SchemaNode } from "./model.js";

export interface ValueProblem {
  readonly path: readonly (string | number)[];
  readonly code: "invalid_type" | "missing_property" | "unknown_property" | "invalid_enum" | "invalid_format" | "too_small" | "too_big" | "invalid_union";
  readonly message: string;
}

/**
 * Checks a value against a model node, the way the generated guards do in `"reject"` mode. The generator uses it to
 * decide whether a vendor example may become a fixture; it is an interpreter, so it shares no code with the emitted
 * straight-line guards (for a value keyword, it runs the module's `fails` where the guards print its `failing`).
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
        if (n.enum && !(n.enum as readonly unknown[]).includes(v)) return fail("invalid_enum", `expected one of [${listEnumValues(n.enum, (x) => JSON.stringify(x), ",")}]`);
        // Format, pattern and bounds (src/keywords/), in the guards' order: the first that fails is the problem.
        for (const check of keywordChecks(n)) if (check.fails(v)) return fail(check.code, check.message);
        return;
      }
      case "array":
        if (!Array.isArray(v)) return fail("invalid_type", "expected array");
        for (const check of keywordChecks(n)) if (check.fails(v)) fail(check.code, check.message);
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
          const patterns = (n.patternProperties ?? []).filter((q) => compiledPattern(q.pattern).test(key));
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
