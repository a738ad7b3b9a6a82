/**
 * What every generated guard shares: its options, its result, and the two-speed run (a boolean test first, the full
 * checker only for values that fail it or are not plain objects).
 */
import { decodeUtf8 } from "./decode-utf8.js";
import { makeIssue, unreadable, type ValidationIssue } from "./make-issue.js";

/**
 * "reject" (default) follows the spec exactly: a property the schema does not define is an error.
 * "allow" accepts it and reports it in warnings. Zoom adds fields to live events without notice; a deployed receiver
 * that must not start failing that day uses "allow".
 */
export type UnknownPropertiesMode = "reject" | "allow";

export interface ValidationOptions {
  readonly unknownProperties?: UnknownPropertiesMode;
}

export type ValidationResult<T> =
  | {
      readonly ok: true;
      readonly value: T;
      readonly warnings: readonly ValidationIssue[];
      /**
       * The event's name (its WebhookEventMap key). Set by validateWebhookEvent in packages whose events are not told
       * apart by an `event` property equal to that name: there the value alone does not say it.
       */
      readonly event?: string;
    }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/** A generated event checker: pushes every issue (and, with `allow`, every tolerated unknown property as a warning). */
export type Checker = (value: unknown, issues: ValidationIssue[], warnings: ValidationIssue[], allow: boolean) => void;

/** A generated event test: whether the value is valid, without allocating, stopping at the first failure. */
export type Tester = (value: unknown, allow: boolean) => boolean;

export const hasOwn: (v: PropertyKey) => boolean = Object.prototype.hasOwnProperty;

/**
 * Object.prototype as a record: the guards compare a property read with what Object.prototype holds under that name,
 * to tell an own property from an inherited one without a hasOwnProperty call.
 */
export const OBJECT_PROTOTYPE: Readonly<Record<string, unknown>> = Object.prototype as unknown as Readonly<
  Record<string, unknown>
>;

const NO_ISSUES: readonly ValidationIssue[] = Object.freeze([]);

/** Whether unknown properties are allowed. Invalid options throw: they are a programming error, not bad input. */
export function readMode(options: ValidationOptions | undefined): boolean {
  const mode = options === undefined ? undefined : options.unknownProperties;
  if (mode === undefined || mode === "reject") return false;
  if (mode === "allow") return true;
  throw new TypeError('unknownProperties must be "reject" or "allow", got ' + String(mode));
}

export function isObjectLike(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A validate… function: never throws for any value, only for invalid options. */
export function run<T>(
  value: unknown,
  options: ValidationOptions | undefined,
  test: Tester,
  check: Checker,
): ValidationResult<T> {
  const allow = readMode(options);
  try {
    // Fast path: a value that passes the strict test needs no issue or warning, in either mode.
    if (test(value, false)) return { ok: true, value: value as T, warnings: NO_ISSUES };
    const issues: ValidationIssue[] = [];
    const warnings: ValidationIssue[] = [];
    check(value, issues, warnings, allow);
    return issues.length === 0 ? { ok: true, value: value as T, warnings } : { ok: false, issues };
  } catch (error) {
    return { ok: false, issues: [unreadable(error)] };
  }
}

/** The fast test's fallback for objects that are not plain: the full checker, asked only whether it found nothing. */
export function passes(check: Checker, value: unknown, allow: boolean): boolean {
  const issues: ValidationIssue[] = [];
  check(value, issues, [], allow);
  return issues.length === 0;
}

/**
 * Parses a raw request body (the exact bytes or text Zoom sent) and validates the value with `validate`. Invalid
 * UTF-8 and JSON syntax errors become an `invalid_json` issue. Never throws for any body; only invalid options do.
 */
export function parseAndValidate<T>(
  body: string | Uint8Array,
  options: ValidationOptions | undefined,
  validate: (value: unknown, options?: ValidationOptions) => ValidationResult<T>,
): ValidationResult<T> {
  readMode(options);
  let text: string;
  if (typeof body === "string") {
    text = body;
  } else if (body instanceof Uint8Array) {
    try {
      text = decodeUtf8(body);
    } catch {
      return {
        ok: false,
        issues: [makeIssue([], "", "invalid_json", undefined, undefined, "Body is not valid UTF-8")],
      };
    }
  } else {
    return { ok: false, issues: [makeIssue([], "", "invalid_type", "string | Uint8Array (the raw body)", body)] };
  }
  // RFC 8259 lets a parser ignore a byte order mark; TextDecoder already drops it from bytes.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      issues: [makeIssue([], "", "invalid_json", undefined, undefined, "Body is not valid JSON (" + reason + ")")],
    };
  }
  return validate(value, options);
}

/** The result of an event's validate function, with the event's name (see ValidationResult's `event`). */
export function withEvent<T>(result: ValidationResult<T>, event: string): ValidationResult<T> {
  return result.ok ? { ok: true, value: result.value, warnings: result.warnings, event } : result;
}

/** One event a value may be, for validateAny: its name, test and checker. */
export type Candidate = readonly [event: string, test: Tester, check: Checker];

/**
 * validateWebhookEvent of a package whose events no property tells apart: the value is checked against every event.
 * Exactly one that accepts it (spec-exact first; with "allow", then tolerating unknown properties) is the result;
 * several are an `invalid_union` issue naming them, none an `invalid_union` issue with each event's first issue.
 */
export function validateAny<T>(
  value: unknown,
  options: ValidationOptions | undefined,
  candidates: readonly Candidate[],
): ValidationResult<T> {
  const allow = readMode(options);
  try {
    const exact = candidates.filter(([, test]) => test(value, false));
    if (exact.length === 1) return { ok: true, value: value as T, warnings: NO_ISSUES, event: exact[0]![0] };
    if (exact.length > 1) return ambiguous(value, exact);
    const firsts: string[] = [];
    const tolerated: { event: string; warnings: ValidationIssue[] }[] = [];
    for (const [event, , check] of candidates) {
      const issues: ValidationIssue[] = [];
      const warnings: ValidationIssue[] = [];
      check(value, issues, warnings, allow);
      if (issues.length === 0) tolerated.push({ event, warnings });
      else firsts.push(event + ": " + issues[0]!.message);
    }
    if (tolerated.length === 1)
      return { ok: true, value: value as T, warnings: tolerated[0]!.warnings, event: tolerated[0]!.event };
    if (tolerated.length > 1)
      return ambiguous(
        value,
        candidates.filter(([event]) => tolerated.some((t) => t.event === event)),
      );
    return {
      ok: false,
      issues: [
        makeIssue([], "", "invalid_union", "one of the events", value, "Matches no event (" + firsts.join("; ") + ")"),
      ],
    };
  } catch (error) {
    return { ok: false, issues: [unreadable(error)] };
  }
}

function ambiguous<T>(value: unknown, matches: readonly Candidate[]): ValidationResult<T> {
  const names = matches.map(([event]) => JSON.stringify(event)).join(", ");
  return {
    ok: false,
    issues: [
      makeIssue(
        [],
        "",
        "invalid_union",
        "exactly one event",
        value,
        "Matches several events (" + names + "); nothing in the value tells which",
      ),
    ],
  };
}
