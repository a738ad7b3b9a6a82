/** `minItems` / `maxItems`: how many items an array has. */
import { joinPointer } from "../model/json-pointer.js";
import type { SchemaNode } from "../model/model.js";
import { MAX_ARRAY_ITEMS, MAX_FIXTURE_SIZE } from "../synthesize/fixture-limits.js";
import { boundChanges, guard, readBounds, type InvalidValue, type Keyword, type KeywordCheck } from "./keyword.js";

export interface SizeFields {
  readonly minItems?: number;
  readonly maxItems?: number;
}

const KEYS = ["minItems", "maxItems"] as const;

function checks(node: SchemaNode): KeywordCheck[] {
  if (node.kind !== "array") return [];
  const out: KeywordCheck[] = [];
  const { minItems: min, maxItems: max } = node;
  // Every array has at least 0 items: no test for it.
  if (min !== undefined && min > 0) {
    out.push({
      keyword: "minItems",
      code: "too_small",
      expected: `at least ${min} items`,
      message: `expected at least ${min} items`,
      fails: (value) => (value as unknown[]).length < min,
      test: guard.compare("<", guard.member(guard.value(), "length"), guard.number(min)),
    });
  }
  if (max !== undefined) {
    out.push({
      keyword: "maxItems",
      code: "too_big",
      expected: `at most ${max} items`,
      message: `expected at most ${max} items`,
      fails: (value) => (value as unknown[]).length > max,
      test: guard.compare(">", guard.member(guard.value(), "length"), guard.number(max)),
    });
  }
  return out;
}

export const sizeKeyword: Keyword = {
  name: "size",
  keywords: KEYS,
  kinds: ["array"],
  perType: true,
  refinesType: false,
  read: (schema, kind, pointer, ctx) => readBounds(schema, KEYS, true, kind === "array", pointer, ctx),
  write(node) {
    if (node.kind !== "array") return {};
    return { ...(node.minItems !== undefined ? { minItems: node.minItems } : {}), ...(node.maxItems !== undefined ? { maxItems: node.maxItems } : {}) };
  },
  checks,
  itemCount(node, wanted) {
    if (node.kind !== "array") return wanted;
    return Math.min(Math.max(wanted, node.minItems ?? 0), node.maxItems ?? Infinity);
  },
  invalid(node, value, ctx) {
    if (node.kind !== "array" || !Array.isArray(value)) return [];
    const out: InvalidValue[] = [];
    // Too many first: the catalogue has listed them in this order since before the registry, and it names the files.
    const tooMany = node.maxItems === undefined ? 0 : node.maxItems + 1;
    if (node.maxItems !== undefined && value.length > 0 && (tooMany > MAX_ARRAY_ITEMS || tooMany * (JSON.stringify(value[0]).length + 1) > MAX_FIXTURE_SIZE)) {
      ctx.skip(
        joinPointer(node.pointer, "maxItems"),
        `The invalid fixture "one item more than maxItems" would be an array of ${tooMany} items, past the fixtures' limits (${MAX_ARRAY_ITEMS} items, ${MAX_FIXTURE_SIZE} characters of JSON); it is left out.`,
      );
    } else if (node.maxItems !== undefined && value.length > 0) {
      out.push({ name: "too-big", says: `has more than ${node.maxItems} items`, code: "too_big", value: Array.from({ length: node.maxItems + 1 }, () => value[0]) });
    }
    if (node.minItems !== undefined && node.minItems > 0) {
      out.push({ name: "too-small", says: `has fewer than ${node.minItems} items`, code: "too_small", value: value.slice(0, node.minItems - 1) });
    }
    return out;
  },
  diff: (before, after, at) => boundChanges(before, after, at, [["minItems", true], ["maxItems", false]]),
};
