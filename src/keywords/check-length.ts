/** `minLength` / `maxLength`: a string's length, in Unicode code points as JSON Schema counts it (not UTF-16 units). */
import { joinPointer } from "../model/json-pointer.js";
import type { SchemaNode } from "../model/model.js";
import { MAX_STRING_LENGTH } from "../synthesize/fixture-limits.js";
import { boundChanges, guard, readBounds, type Keyword, type KeywordCheck } from "./keyword.js";

export interface LengthFields {
  /** Bounds on the length in Unicode code points, as JSON Schema counts it (not UTF-16 units). */
  readonly minLength?: number;
  readonly maxLength?: number;
}

const KEYS = ["minLength", "maxLength"] as const;

const codePoints = (value: unknown): number => [...(value as string)].length;

function checks(node: SchemaNode): KeywordCheck[] {
  if (node.kind !== "string") return [];
  const out: KeywordCheck[] = [];
  const { minLength: min, maxLength: max } = node;
  // Every string is at least 0 characters long: no test for it.
  if (min !== undefined && min > 0) {
    out.push({
      keyword: "minLength",
      code: "too_small",
      expected: `at least ${min} characters`,
      message: `expected at least ${min} characters`,
      fails: (value) => codePoints(value) < min,
      test: guard.call(["shorterThan"], guard.value("string"), guard.number(min)),
    });
  }
  if (max !== undefined) {
    out.push({
      keyword: "maxLength",
      code: "too_big",
      expected: `at most ${max} characters`,
      message: `expected at most ${max} characters`,
      fails: (value) => codePoints(value) > max,
      test: guard.call(["longerThan"], guard.value("string"), guard.number(max)),
    });
  }
  return out;
}

export const lengthKeyword: Keyword = {
  name: "length",
  keywords: KEYS,
  kinds: ["string"],
  perType: true,
  refinesType: false,
  read: (schema, kind, pointer, ctx) => readBounds(schema, KEYS, true, kind === "string", pointer, ctx),
  write(node) {
    if (node.kind !== "string") return {};
    return { ...(node.minLength !== undefined ? { minLength: node.minLength } : {}), ...(node.maxLength !== undefined ? { maxLength: node.maxLength } : {}) };
  },
  checks,
  fit(node, value) {
    // A value an enum or a format made has its own shape: cutting or padding it would break that shape.
    if (node.kind !== "string" || node.enum || node.format || typeof value !== "string") return value;
    let chars = [...value];
    if (node.maxLength !== undefined && chars.length > node.maxLength) chars = chars.slice(0, node.maxLength);
    while (node.minLength !== undefined && chars.length < node.minLength) chars.push("x");
    return chars.join("");
  },
  invalid(node, _value, ctx) {
    // With an enum or a format, their own checks would report first.
    if (node.kind !== "string" || node.enum || node.format !== undefined) return [];
    const out = [];
    // A valid value of at least minLength characters was built, so one less fits too.
    if (node.minLength !== undefined && node.minLength > 0) {
      out.push({ name: "too-small", says: `is shorter than ${node.minLength} characters`, code: "too_small" as const, value: "x".repeat(node.minLength - 1) });
    }
    if (node.maxLength !== undefined && node.maxLength + 1 > MAX_STRING_LENGTH) {
      ctx.skip(
        joinPointer(node.pointer, "maxLength"),
        `The invalid fixture "one character longer than maxLength" would be a string of ${node.maxLength + 1} characters, past the fixtures' limit of ${MAX_STRING_LENGTH}; it is left out.`,
      );
    } else if (node.maxLength !== undefined) {
      out.push({ name: "too-big", says: `is longer than ${node.maxLength} characters`, code: "too_big" as const, value: "x".repeat(node.maxLength + 1) });
    }
    return out;
  },
  diff: (before, after, at) => boundChanges(before, after, at, [["minLength", true], ["maxLength", false]]),
};
