import type { Diagnostic } from "../../errors.js";

/**
 * A normalization rule: one named, tested repair of a defect found in real Zoom specs. Rules run in a fixed order
 * (RULES in rules/index.ts), and every change they make is reported once, as a warning with its pointer, so that
 * `--strict` can refuse it and `--report` can list it.
 */
export interface RuleContext {
  readonly file: string;
  readonly warnings: Diagnostic[];
}

export type JsonObject = Record<string, unknown>;

/** Repairs the whole document before anything reads it (refs, structure). Mutates the parsed document it is given. */
export interface DocumentRule {
  readonly name: string;
  readonly description: string;
  apply(document: JsonObject, ctx: RuleContext): void;
}

/** Repairs one schema object (after dereferencing), returning the repaired copy or the same object. */
export interface SchemaRule {
  readonly name: string;
  readonly description: string;
  apply(schema: JsonObject, pointer: string, ctx: RuleContext): JsonObject;
}

export function warn(ctx: RuleContext, rule: { name: string }, pointer: string, message: string, hint: string): void {
  ctx.warnings.push({ code: `rule:${rule.name}`, message: `${message} [rule ${rule.name}]`, file: ctx.file, pointer, hint });
}
