/** Builders and runners shared by the value keyword tables (test/keywords/*.test.ts). */
import { CobrowseGenError, type Diagnostic } from "../../src/errors.js";
import { checkValue } from "../../src/model/check-value.js";
import type { SchemaNode } from "../../src/model/model.js";
import { guardSource, type Keyword, type ReadContext, type ReadKind, type SynthesisContext } from "../../src/keywords/keyword.js";

const base = { pointer: "/s", nullable: false } as const;
export const str = (extra: Record<string, unknown> = {}) => ({ kind: "string", ...base, ...extra }) as SchemaNode;
export const int = (extra: Record<string, unknown> = {}) => ({ kind: "integer", ...base, ...extra }) as SchemaNode;
export const num = (extra: Record<string, unknown> = {}) => ({ kind: "number", ...base, ...extra }) as SchemaNode;
export const bool = (extra: Record<string, unknown> = {}) => ({ kind: "boolean", ...base, ...extra }) as SchemaNode;
export const arr = (extra: Record<string, unknown> = {}) => ({ kind: "array", ...base, items: { kind: "unknown", pointer: "/s/items", nullable: false }, ...extra }) as SchemaNode;
export const obj = (extra: Record<string, unknown> = {}) => ({ kind: "object", ...base, properties: [], additionalProperties: true, ...extra }) as SchemaNode;

/** What `read` makes of a schema: the fields and warnings (as "code pointer"), or the error (as "pointer: message"). */
export function read(keyword: Keyword, schema: Record<string, unknown>, kind: ReadKind, options: Partial<Pick<ReadContext, "unsafePatterns">> = {}): { fields?: unknown; warnings?: string[]; error?: string } {
  const warnings: Diagnostic[] = [];
  try {
    const fields = keyword.read(schema, kind, "/s", { file: "spec.json", warnings, ...options });
    return { fields, warnings: warnings.map((w) => `${w.code} ${w.pointer}`) };
  } catch (error) {
    if (!(error instanceof CobrowseGenError)) throw error;
    const [d] = error.diagnostics;
    return { error: `${d!.code} ${d!.pointer}: ${d!.message} (${d!.hint})` };
  }
}

export const context: SynthesisContext = {
  file: "spec.json",
  pointer: "/payload/x",
  random: () => () => 0.5,
  satisfies: (node, value) => checkValue(node, value).length === 0,
  skip: () => undefined,
};

/** The first keyword test `value` fails, as check-value reports it, or null. */
export function firstFailure(keyword: Keyword, node: SchemaNode, value: unknown): { code: string; message: string; expected: string | undefined } | null {
  const check = keyword.checks(node).find((c) => c.fails(value));
  return check === undefined ? null : { code: check.code, message: check.message, expected: check.expected };
}

/** The guards' failing tests of a node, for the value expression `v` (patterns named by their source). */
export const failing = (keyword: Keyword, node: SchemaNode): string[] => keyword.checks(node).map((c) => guardSource(c.test, "v", { regExp: (source) => `RE(${source})` }));
