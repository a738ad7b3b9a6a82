/**
 * Test fixtures: the shapes of the generated `fixtures` and `invalidFixtures` tables, and the builder behind
 * `build(name, overrides)`: a deep copy of an event's `full` fixture with typed overrides merged in, validated.
 */
import type { IssueCode, ValidationIssue } from "./make-issue.js";
import type { ValidationResult } from "./run-guard.js";

/** Sample events of one type. */
export interface EventFixtures<T> {
  /** The spec's own example, when it satisfies the schema. */
  readonly example?: T;
  /** Every spec example that satisfies the schema, in spec order. */
  readonly examples: readonly T[];
  /** Only the required properties. */
  readonly minimal: T;
  /** Every property present, with realistic values. */
  readonly full: T;
  /**
   * More full events: together with `full`, every enum value (and null, where allowed) appears at least once; of an
   * enum of more than 256 values (typed by its base type), 256 of them.
   */
  readonly variants: readonly T[];
}

/** A labelled negative example: `validateWebhookEvent(value)` fails with exactly the issues in `expected`. */
export interface InvalidFixture {
  readonly name: string;
  readonly description: string;
  readonly expected: readonly { readonly pointer: string; readonly code: IssueCode }[];
  readonly value: unknown;
}

/** Overrides for `build`: any part of the event, nested objects merged; `undefined` removes a property. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> | undefined }
    : T;

export interface BuildOptions {
  /** Validate the built event and throw if it is invalid (default `true`); `false` builds invalid events on purpose. */
  readonly validate?: boolean;
}

/** Thrown by `build` when the overrides make the event invalid; `issues` lists why. */
export class FixtureBuildError extends Error {
  readonly issues: readonly ValidationIssue[];
  constructor(event: string, issues: readonly ValidationIssue[]) {
    super(
      `build(${JSON.stringify(event)}): the result is not a valid event:\n` +
        issues.map((issue) => "  - " + issue.message).join("\n") +
        "\nPass { validate: false } to build an invalid event on purpose.",
    );
    this.name = "FixtureBuildError";
    this.issues = issues;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** A deep copy of `base` with `overrides` merged in: objects merge key by key, anything else replaces. */
export function mergeOverrides(base: unknown, overrides: unknown): unknown {
  if (overrides === undefined) return copy(base);
  if (!isRecord(base) || !isRecord(overrides)) return copy(overrides);
  const out = copy(base);
  for (const key of Object.keys(overrides)) {
    const value = overrides[key];
    if (value === undefined) delete out[key];
    // defineProperty, not assignment: a "__proto__" key is data in JSON, not the object's prototype.
    else {
      Object.defineProperty(out, key, {
        value: mergeOverrides(out[key], value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return out;
}

/**
 * The event `name` of `M` (event name → event type): `fixtures[name].full` with `overrides` merged in, checked by
 * `validators[name]` unless `options.validate` is false. Throws FixtureBuildError, listing the issues, otherwise.
 */
export function buildFixture<M, K extends keyof M & string>(
  fixtures: { readonly [P in keyof M]: EventFixtures<M[P]> },
  validators: { readonly [P in keyof M]: (value: unknown) => ValidationResult<M[P]> },
  name: K,
  overrides: DeepPartial<M[K]> | undefined,
  options: BuildOptions | undefined,
): M[K] {
  if (!Object.prototype.hasOwnProperty.call(fixtures, name)) {
    throw new TypeError(`build: unknown event ${JSON.stringify(name)}; known: ${Object.keys(fixtures).join(", ")}`);
  }
  const value = mergeOverrides(fixtures[name].full, overrides) as M[K];
  if (options?.validate !== false) {
    const result = validators[name](value);
    if (!result.ok) throw new FixtureBuildError(name, result.issues);
  }
  return value;
}
