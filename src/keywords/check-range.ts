/** `minimum` / `maximum` / `exclusiveMinimum` / `exclusiveMaximum`: the range of a number or integer. */
import type { SchemaNode } from "../model/model.js";
import { boundChanges, guard, readBounds, type InvalidValue, type Keyword, type KeywordCheck } from "./keyword.js";

export interface RangeFields {
  readonly minimum?: number;
  readonly maximum?: number;
  /** JSON Schema 2020-12 form: the bound itself (OpenAPI 3.0's boolean form is converted by normalization). */
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
}

/** In the order JSON Schema writes them, normalize validates them and diff reports them. */
const KEYS = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"] as const;

type NumberNode = Extract<SchemaNode, { kind: "integer" | "number" }>;

const isNumberNode = (node: SchemaNode): node is NumberNode => node.kind === "integer" || node.kind === "number";

/** Checked lower bounds first: a value below both is reported once, as too small. */
function checks(node: SchemaNode): KeywordCheck[] {
  if (!isNumberNode(node)) return [];
  const out: KeywordCheck[] = [];
  const { kind, minimum, exclusiveMinimum, maximum, exclusiveMaximum } = node;
  if (minimum !== undefined) {
    out.push({ keyword: "minimum", code: "too_small", expected: `${kind} >= ${minimum}`, message: "below the minimum", fails: (v) => (v as number) < minimum, test: guard.compare("<", guard.value("number"), guard.number(minimum)) });
  }
  if (exclusiveMinimum !== undefined) {
    out.push({ keyword: "exclusiveMinimum", code: "too_small", expected: `${kind} > ${exclusiveMinimum}`, message: "below the minimum", fails: (v) => (v as number) <= exclusiveMinimum, test: guard.compare("<=", guard.value("number"), guard.number(exclusiveMinimum)) });
  }
  if (maximum !== undefined) {
    out.push({ keyword: "maximum", code: "too_big", expected: `${kind} <= ${maximum}`, message: "above the maximum", fails: (v) => (v as number) > maximum, test: guard.compare(">", guard.value("number"), guard.number(maximum)) });
  }
  if (exclusiveMaximum !== undefined) {
    out.push({ keyword: "exclusiveMaximum", code: "too_big", expected: `${kind} < ${exclusiveMaximum}`, message: "above the maximum", fails: (v) => (v as number) >= exclusiveMaximum, test: guard.compare(">=", guard.value("number"), guard.number(exclusiveMaximum)) });
  }
  return out;
}

const inRange = (node: SchemaNode, value: number): boolean => checks(node).every((check) => !check.fails(value));

const bits = new Float64Array(1);
const word = new BigInt64Array(bits.buffer);

/** The smallest double above `x` (x itself for NaN and +Infinity). */
function nextUp(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  bits[0] = x;
  word[0] = word[0]! + (x > 0 ? 1n : -1n);
  return bits[0]!;
}

const nextDown = (x: number): number => -nextUp(-x);

export const rangeKeyword: Keyword = {
  name: "range",
  keywords: KEYS,
  kinds: ["integer", "number"],
  perType: true,
  refinesType: false,
  read: (schema, kind, pointer, ctx) => readBounds(schema, KEYS, false, kind === "integer" || kind === "number", pointer, ctx),
  write(node) {
    if (!isNumberNode(node)) return {};
    const out: Record<string, number> = {};
    for (const key of KEYS) if (node[key] !== undefined) out[key] = node[key];
    return out;
  },
  checks,
  fit(node, value) {
    // An enum value is what it is: a bound cannot move it (and one outside the range cannot be sent).
    if (!isNumberNode(node) || node.enum || typeof value !== "number") return value;
    const step = node.kind === "integer" ? 1 : 0.5;
    let low = node.minimum ?? -Infinity;
    if (node.exclusiveMinimum !== undefined) low = Math.max(low, node.kind === "integer" ? Math.floor(node.exclusiveMinimum) + 1 : node.exclusiveMinimum + step);
    let high = node.maximum ?? Infinity;
    if (node.exclusiveMaximum !== undefined) high = Math.min(high, node.kind === "integer" ? Math.ceil(node.exclusiveMaximum) - 1 : node.exclusiveMaximum - step);
    if (node.kind === "integer") {
      low = Math.ceil(low);
      high = Math.floor(high);
    }
    const clamped = Math.min(Math.max(value, low), high);
    if (inRange(node, clamped)) return clamped;
    // Past 2^53 a step of 1 (or 0.5) is lost to rounding, and a range narrower than the step has no room for it
    // (`minimum: 0, exclusiveMaximum: 1e-300`): the next doubles past each bound, then the bounds' midpoint.
    const candidates = [nextUp(low), nextDown(high), nextUp(node.exclusiveMinimum ?? -Infinity), nextDown(node.exclusiveMaximum ?? Infinity), low / 2 + high / 2];
    return candidates.find((c) => Number.isFinite(c) && (node.kind === "number" || Number.isInteger(c)) && inRange(node, c)) ?? clamped;
  },
  invalid(node) {
    // With an enum or a format, their own checks would report first.
    if (!isNumberNode(node) || node.enum || node.format !== undefined) return [];
    const out: InvalidValue[] = [];
    const step = node.kind === "integer" ? 1 : 0.5;
    // An integer node's exclusive bound that is not itself an integer cannot be hit by an integer: no fixture.
    const hittable = (bound: number) => node.kind === "number" || Number.isInteger(bound);
    if (node.minimum !== undefined) out.push({ name: "too-small", says: `is below its minimum ${node.minimum}`, code: "too_small", value: node.minimum - step });
    if (node.exclusiveMinimum !== undefined && hittable(node.exclusiveMinimum)) {
      out.push({ name: "too-small", says: `is at its exclusive minimum ${node.exclusiveMinimum}`, code: "too_small", value: node.exclusiveMinimum });
    }
    if (node.maximum !== undefined) out.push({ name: "too-big", says: `is above its maximum ${node.maximum}`, code: "too_big", value: node.maximum + step });
    if (node.exclusiveMaximum !== undefined && hittable(node.exclusiveMaximum)) {
      out.push({ name: "too-big", says: `is at its exclusive maximum ${node.exclusiveMaximum}`, code: "too_big", value: node.exclusiveMaximum });
    }
    return out;
  },
  diff: (before, after, at) => boundChanges(before, after, at, [["minimum", true], ["maximum", false], ["exclusiveMinimum", true], ["exclusiveMaximum", false]]),
};
