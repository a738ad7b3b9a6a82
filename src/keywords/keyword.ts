/**
 * A value keyword: everything cobrowse-gen knows about one JSON Schema keyword (or a tight family such as
 * minLength/maxLength) that constrains a single node, so that adding one is one module and its test table. The
 * stages ask the registry (`index.ts`) instead of naming the keyword: normalize reads it, to-json-schema writes it
 * back, check-value checks it, synthesis makes values that pass and fail it, diff classifies its changes, EVENTS.md
 * documents it; each check also carries its test as an expression tree (`test`), for the guard emitter to print.
 *
 * Structural keywords (type, properties, items, oneOf/anyOf...) and enum/const stay where they are: they decide the
 * node's kind, nullability and shape, which these modules take as given.
 */
import { CobrowseGenError, type Diagnostic } from "../errors.js";
import { joinPointer } from "../model/json-pointer.js";
import type { SchemaNode } from "../model/model.js";

export type JsonObject = Record<string, unknown>;

/** The kinds of node normalize reads value keywords for (a union or `{}` has none of its own). */
export type ReadKind = Exclude<SchemaNode["kind"], "union" | "unknown">;

/** What a keyword module reports a value for: a subset of the guards' IssueCode. */
export type KeywordIssueCode = "invalid_format" | "too_small" | "too_big";

/** The change kinds a keyword's diff reports (part of diff-specs' ChangeKind). */
export type KeywordChangeKind = "format-changed" | "bound-changed" | "pattern-changed";

/** What generation does with a pattern that backtracks exponentially: refuse the spec (exit 2), or document it unchecked. */
export type UnsafePatterns = "refuse" | "annotate";

export interface ReadContext {
  readonly file: string;
  readonly warnings: Diagnostic[];
  /** Default "refuse". */
  readonly unsafePatterns?: UnsafePatterns;
}

/**
 * A guard's failing test as a small expression tree, so that any code writer can print it: each node is one
 * construct. `value` is the value under test (a local the emitter names), cast where TypeScript needs it; a `call`
 * names a runtime helper (`isDateTime`) or a global's method (`Number.isInteger`) by its path; a `regExpTest` is
 * `PATTERN.test(subject)` on the module-level RegExp the emitter hoists for `pattern`.
 */
export type GuardExpression =
  | { readonly kind: "value"; readonly as?: "string" | "number" }
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "member"; readonly object: GuardExpression; readonly property: string }
  | { readonly kind: "call"; readonly callee: readonly [string, ...string[]]; readonly args: readonly GuardExpression[] }
  | { readonly kind: "not"; readonly operand: GuardExpression }
  | { readonly kind: "compare"; readonly operator: "<" | "<=" | ">" | ">="; readonly left: GuardExpression; readonly right: GuardExpression }
  | { readonly kind: "regExpTest"; readonly pattern: string; readonly subject: GuardExpression };

export const guard = {
  value: (as?: "string" | "number"): GuardExpression => (as === undefined ? { kind: "value" } : { kind: "value", as }),
  number: (value: number): GuardExpression => ({ kind: "number", value }),
  member: (object: GuardExpression, property: string): GuardExpression => ({ kind: "member", object, property }),
  call: (callee: readonly [string, ...string[]], ...args: GuardExpression[]): GuardExpression => ({ kind: "call", callee, args }),
  not: (operand: GuardExpression): GuardExpression => ({ kind: "not", operand }),
  compare: (operator: "<" | "<=" | ">" | ">=", left: GuardExpression, right: GuardExpression): GuardExpression => ({ kind: "compare", operator, left, right }),
  regExpTest: (pattern: string, subject: GuardExpression): GuardExpression => ({ kind: "regExpTest", pattern, subject }),
};

/** Names the guard emitter gives to what a failing test needs beyond the value itself. */
export interface GuardScope {
  /** The name of a module-level `RegExp` compiled from `source` with the `u` flag (hoisted once per source). */
  regExp(source: string): string;
}

/**
 * A guard test as TypeScript source, spelt as the string-based guard emitter writes it: `value` is the expression of
 * the value under test. A cast is parenthesized only where it is an operand.
 */
export function guardSource(expression: GuardExpression, value: string, scope: GuardScope): string {
  const print = (e: GuardExpression, operand = false): string => {
    switch (e.kind) {
      case "value":
        return e.as === undefined ? value : operand ? `(${value} as ${e.as})` : `${value} as ${e.as}`;
      case "number":
        return String(e.value);
      case "member":
        return `${print(e.object, true)}.${e.property}`;
      case "call":
        return `${e.callee.join(".")}(${e.args.map((arg) => print(arg)).join(", ")})`;
      case "not":
        return `!${print(e.operand, true)}`;
      case "compare":
        return `${print(e.left, true)} ${e.operator} ${print(e.right, true)}`;
      case "regExpTest":
        return `${scope.regExp(e.pattern)}.test(${print(e.subject)})`;
    }
  };
  return print(expression);
}

/**
 * One test a node's value must pass, with the issue it is reported as. A node's checks are listed in the order the
 * guards and check-value try them; for a scalar the first failing one is the issue, for an array each one is.
 */
export interface KeywordCheck {
  /** The JSON Schema keyword it enforces (`maxLength`; `format` for every format test). */
  readonly keyword: string;
  readonly code: KeywordIssueCode;
  /**
   * The issue's `expected` text, as the generated guards report it ("at most 5 characters"). Undefined for a format:
   * the issue then says what the whole node expects ("string (date-time)", the guard emitter's describeExpected).
   */
  readonly expected: string | undefined;
  /** check-value's message, which the generator prints for a vendor example that fails it. */
  readonly message: string;
  /** Whether `value` fails; it is already known to be of the node's kind. */
  fails(value: unknown): boolean;
  /**
   * The same test for the guards: an expression that is true when the value fails, the value being of the node's
   * kind (the type test before it has narrowed it). Print it with `guardSource`, or map it onto a syntax tree.
   */
  readonly test: GuardExpression;
}

/** When the value of a date or time field describes, as synthesis tells the event's story. */
export interface SynthesisTime {
  /** The instant of the event (its `event_ts`). */
  readonly event: number;
  /** The instant this field tells: the session's start for a start time in an event that also has an end, else `event`. */
  readonly field: number;
}

export interface SynthesisContext {
  /** The spec file, for errors. */
  readonly file: string;
  /** The JSON pointer of the value in the event, to seed choices that must not move when other fields change. */
  readonly pointer: string;
  /** A deterministic PRNG seeded by `seed`. */
  random(seed: string): () => number;
  /** Whether `value` satisfies `node` exactly as the guards decide (check-value). */
  satisfies(node: SchemaNode, value: unknown): boolean;
  /**
   * An invalid value past the fixtures' limits (src/synthesize/fixture-limits.ts) is not built: the hook leaves it
   * out and says so here, a warning at `pointer` (the bound that asks for it).
   */
  skip(pointer: string, message: string): void;
}

/** A value just outside what the keyword allows, for the labelled catalogue of invalid fixtures. */
export interface InvalidValue {
  /** The fixture's file name, before the place: `too-small` gives `too-small-payload-name`. */
  readonly name: string;
  /** What is wrong with it, after the place: "is shorter than 2 characters". */
  readonly says: string;
  readonly code: KeywordIssueCode;
  readonly value: unknown;
}

export interface KeywordChange {
  readonly kind: KeywordChangeKind;
  readonly severity: "breaking" | "non-breaking";
  readonly message: string;
  readonly note?: string;
}

export interface Keyword {
  /** A short name for tests and messages ("length"). */
  readonly name: string;
  /** The JSON Schema keywords it reads, which are also the model fields it sets. */
  readonly keywords: readonly string[];
  /** The node kinds it constrains. */
  readonly kinds: readonly ReadKind[];
  /**
   * Whether, when a type list is split into one schema per type, it stays only on the parts of its own kinds (a
   * bound: JSON Schema ignores it elsewhere). A format stays on every part, which reports it where it is unchecked.
   */
  readonly perType: boolean;
  /**
   * It refines the type rather than constraining the value further (a format): JSON Schema and diff write it next to
   * `type`, before `enum`, and the guards' `expected` text names it with the type ("string (date-time)").
   */
  readonly refinesType: boolean;

  /**
   * normalize: reads the keyword from `schema` for a node of `kind`: the model fields to set (none for other kinds).
   * A value JSON Schema does not allow is refused with a CobrowseGenError at its pointer (exit code 2), on every
   * kind where normalize-schema always refused it.
   */
  read(schema: JsonObject, kind: ReadKind, pointer: string, ctx: ReadContext): JsonObject;
  /** to-json-schema: the keyword back as JSON Schema, in the order it is written; empty where the node has none. */
  write(node: SchemaNode): JsonObject;
  /** The tests the node's value must pass for this keyword, in the order they are tried; none where it has none. */
  checks(node: SchemaNode): readonly KeywordCheck[];

  /** synthesis: a valid value made from this keyword alone (a date-time from the event's instant), if it can. */
  make?(node: SchemaNode, time: SynthesisTime): unknown;
  /** synthesis: `value` adjusted to pass this keyword (cut, padded, clamped), leaving the others to theirs. */
  fit?(node: SchemaNode, value: unknown): unknown;
  /** synthesis, for an array: how many items to make, given how many synthesis wants. */
  itemCount?(node: SchemaNode, wanted: number): number;
  /**
   * synthesis, after every fit: a value that satisfies the whole node, `value` itself if it does (a pattern picks
   * among candidates). Refuses with a CobrowseGenError when it finds none.
   */
  pick?(node: SchemaNode, value: unknown, ctx: SynthesisContext): unknown;
  /** synthesis: values of the node that fail this keyword and nothing else, each with its label; `value` is valid. */
  invalid?(node: SchemaNode, value: unknown, ctx: SynthesisContext): readonly InvalidValue[];

  /** diff: how the keyword changed between two nodes of the same kind, from a receiver's side. `at` names the place. */
  diff(before: SchemaNode, after: SchemaNode, at: string): readonly KeywordChange[];
  /** EVENTS.md: the keyword's text in the field table's "format" column, as markdown (spec text escaped), if it shows there. */
  docs?(node: SchemaNode): string | undefined;
}

/** A schema normalize cannot read exactly: the one error every keyword reports, as normalize-schema reports its own. */
export function refuse(ctx: ReadContext, pointer: string, message: string, hint: string): never {
  throw new CobrowseGenError({ code: "unsupported-schema", message, file: ctx.file, pointer, hint });
}

/** How a bound's change reads for a receiver: moving outwards (or disappearing) lets through values old guards reject. */
export function boundChanges(before: SchemaNode, after: SchemaNode, at: string, bounds: readonly (readonly [key: string, lower: boolean])[]): KeywordChange[] {
  const out: KeywordChange[] = [];
  for (const [key, lower] of bounds) {
    const was = (before as unknown as Partial<Record<string, number>>)[key];
    const now = (after as unknown as Partial<Record<string, number>>)[key];
    if (was === now) continue;
    const loosened = now === undefined || (was !== undefined && (lower ? now < was : now > was));
    out.push({
      kind: "bound-changed",
      severity: loosened ? "breaking" : "non-breaking",
      message: `${key} of ${at} changed from ${was ?? "none"} to ${now ?? "none"}.`,
      ...(loosened ? { note: "Values the old guards reject can now be sent." } : {}),
    });
  }
  return out;
}

/**
 * The bounds of a family, each a non-negative integer (a count) or a finite number, validated on every kind (a bad
 * bound is refused even where it would be ignored) and kept only on the family's own kinds.
 */
export function readBounds(schema: JsonObject, keys: readonly string[], count: boolean, own: boolean, pointer: string, ctx: ReadContext): JsonObject {
  const out: JsonObject = {};
  for (const key of keys) {
    const value = schema[key];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isFinite(value) || (count && (!Number.isInteger(value) || value < 0))) {
      refuse(ctx, joinPointer(pointer, key), `\`${key}\` must be a ${count ? "non-negative integer" : "finite number"}, found ${JSON.stringify(value)}.`, `Fix \`${key}\`.`);
    }
    if (own) out[key] = value;
  }
  return out;
}
