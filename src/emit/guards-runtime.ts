/**
 * The fixed part of guards.ts: issue building, format checks and parsing, shared by every event's generated checks.
 * It is TypeScript source text because it is copied into the generated package, which has no dependencies.
 * src/formats.ts holds the generator's own copy of the format rules; test/formats.test.ts runs one table through both.
 */
export const GUARDS_RUNTIME = String.raw`
/** Why a value was rejected (or, in warnings, what was tolerated). */
export type IssueCode =
  | "invalid_type"
  | "missing_property"
  | "unknown_property"
  | "invalid_enum"
  | "invalid_format"
  | "invalid_json"
  | "unknown_event"
  | "too_small"
  | "too_big"
  | "invalid_union";

export interface ValidationIssue {
  /** Where the offending value is, as keys and indexes from the root of the event. */
  readonly path: readonly (string | number)[];
  /** The same place as an RFC 6901 JSON pointer ("" is the whole event). For a missing property: that property's pointer. */
  readonly pointer: string;
  readonly code: IssueCode;
  /** What the schema wants there, e.g. "string", "integer (int64)", "\"customer\" | \"agent\"". */
  readonly expected?: string;
  /** What was found: a JSON type name for invalid_type, the value (as JSON, shortened) for enum and format issues. */
  readonly received?: string;
  readonly message: string;
}

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
  | { readonly ok: true; readonly value: T; readonly warnings: readonly ValidationIssue[] }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

type Path = readonly (string | number)[];
type Checker = (value: unknown, issues: ValidationIssue[], warnings: ValidationIssue[], allow: boolean) => void;
type Tester = (value: unknown, allow: boolean) => boolean;

const hasOwn = Object.prototype.hasOwnProperty;
const OBJECT_PROTOTYPE = Object.prototype as unknown as Record<string, unknown>;
const NO_ISSUES: readonly ValidationIssue[] = Object.freeze([]);

function readMode(options: ValidationOptions | undefined): boolean {
  const mode = options === undefined ? undefined : options.unknownProperties;
  if (mode === undefined || mode === "reject") return false;
  if (mode === "allow") return true;
  throw new TypeError('unknownProperties must be "reject" or "allow", got ' + String(mode));
}

/** One RFC 6901 reference token; the common case (no "~" or "/") returns the key itself. */
function escapeToken(token: string | number): string {
  const text = typeof token === "number" ? String(token) : token;
  return text.indexOf("~") === -1 && text.indexOf("/") === -1 ? text : text.replace(/~/g, "~0").replace(/\//g, "~1");
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number")
    return Number.isInteger(value) ? "integer" : Number.isFinite(value) ? "number" : String(value);
  return typeof value;
}

/** A short rendering of a received value. A long string is cut before it is quoted, never copied whole. */
function preview(value: unknown): string {
  if (typeof value === "string")
    return value.length > 60 ? JSON.stringify(value.slice(0, 60)) + "..." : JSON.stringify(value);
  let text: string;
  try {
    text = typeof value === "object" && value !== null ? typeName(value) : String(value);
  } catch {
    text = typeName(value);
  }
  return text.length > 80 ? text.slice(0, 77) + "..." : text;
}

function where(pointer: string): string {
  return pointer === "" ? "at the root" : "at " + pointer;
}

function makeIssue(
  path: Path,
  pointer: string,
  code: IssueCode,
  expected: string | undefined,
  value: unknown,
  message?: string,
): ValidationIssue {
  let received: string | undefined;
  let text: string;
  switch (code) {
    case "invalid_type":
    case "invalid_union":
      received = typeName(value);
      text = "Expected " + expected + ", received " + received;
      break;
    case "missing_property":
      text = "Missing required property " + JSON.stringify(String(path[path.length - 1])) + " (" + expected + ")";
      break;
    case "unknown_property":
      received = typeName(value);
      text = "Unknown property " + JSON.stringify(String(path[path.length - 1])) + " (the schema does not define it)";
      break;
    case "invalid_enum":
    case "invalid_format":
      received = preview(value);
      text = "Expected " + expected + ", received " + received;
      break;
    case "unknown_event":
      received = preview(value);
      text = "Unknown event " + received + "; expected one of " + expected;
      break;
    case "too_small":
    case "too_big":
      received =
        typeof value === "string"
          ? codePoints(value) + " characters"
          : Array.isArray(value)
            ? value.length + " items"
            : preview(value);
      text = "Expected " + expected + ", received " + received;
      break;
    default:
      text = message === undefined ? code : message;
  }
  const full = (message === undefined ? text : message) + " " + where(pointer);
  // One object literal per combination: each issue is created with its final shape, never reshaped by later adds.
  if (expected === undefined) {
    return received === undefined
      ? { path, pointer, code, message: full }
      : { path, pointer, code, received, message: full };
  }
  return received === undefined
    ? { path, pointer, code, expected, message: full }
    : { path, pointer, code, expected, received, message: full };
}

function isObjectLike(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function run<T>(
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
function passes(check: Checker, value: unknown, allow: boolean): boolean {
  const issues: ValidationIssue[] = [];
  check(value, issues, [], allow);
  return issues.length === 0;
}

function unreadable(error: unknown): ValidationIssue {
  let reason: string;
  try {
    reason = error instanceof Error ? String(error.message) : String(error);
  } catch {
    reason = "an exception that cannot be described";
  }
  return makeIssue([], "", "invalid_type", "a plain JSON value", undefined, "Value could not be read (" + reason + ")");
}

/** Days in a month of the proleptic Gregorian calendar. */
function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/*
 * The format checks read char codes at fixed positions: no regular expression and no allocation (a regex match array
 * would cost more than the rest of the guard). \`(code - 48) >>> 0 > 9\` is "not an ASCII digit" in one comparison.
 */

/** RFC 3339 full-date at the start of s (positions 0-9): "YYYY-MM-DD", a real calendar day. */
function dateAt(s: string): boolean {
  const y0 = s.charCodeAt(0) - 48;
  const y1 = s.charCodeAt(1) - 48;
  const y2 = s.charCodeAt(2) - 48;
  const y3 = s.charCodeAt(3) - 48;
  const m0 = s.charCodeAt(5) - 48;
  const m1 = s.charCodeAt(6) - 48;
  const d0 = s.charCodeAt(8) - 48;
  const d1 = s.charCodeAt(9) - 48;
  if (
    y0 >>> 0 > 9 ||
    y1 >>> 0 > 9 ||
    y2 >>> 0 > 9 ||
    y3 >>> 0 > 9 ||
    m0 >>> 0 > 9 ||
    m1 >>> 0 > 9 ||
    d0 >>> 0 > 9 ||
    d1 >>> 0 > 9 ||
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45
  ) {
    return false;
  }
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(y0 * 1000 + y1 * 100 + y2 * 10 + y3, month);
}

/** RFC 3339 date-time: full-date, "T", hh:mm:ss, optional fraction, and "Z" or ±hh:mm (case-insensitive T and Z). */
function isDateTime(s: string): boolean {
  const n = s.length;
  if (n < 20 || !dateAt(s)) return false;
  const h0 = s.charCodeAt(11) - 48;
  const h1 = s.charCodeAt(12) - 48;
  const i0 = s.charCodeAt(14) - 48;
  const i1 = s.charCodeAt(15) - 48;
  const s0 = s.charCodeAt(17) - 48;
  const s1 = s.charCodeAt(18) - 48;
  if (
    h0 >>> 0 > 9 ||
    h1 >>> 0 > 9 ||
    i0 >>> 0 > 9 ||
    i1 >>> 0 > 9 ||
    s0 >>> 0 > 9 ||
    s1 >>> 0 > 9 ||
    (s.charCodeAt(10) | 32) !== 116 ||
    s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58
  ) {
    return false;
  }
  const hour = h0 * 10 + h1;
  const minute = i0 * 10 + i1;
  const second = s0 * 10 + s1;
  if (hour > 23 || minute > 59 || second > 60) return false;
  let i = 19;
  let c = s.charCodeAt(i);
  if (c === 46) {
    const start = ++i;
    while (i < n && (s.charCodeAt(i) - 48) >>> 0 <= 9) i++;
    if (i === start) return false;
    c = s.charCodeAt(i);
  }
  let offset = 0;
  if ((c | 32) === 122) {
    if (i + 1 !== n) return false;
  } else if (c === 43 || c === 45) {
    if (i + 6 !== n || s.charCodeAt(i + 3) !== 58) return false;
    const a = s.charCodeAt(i + 1) - 48;
    const b = s.charCodeAt(i + 2) - 48;
    const e = s.charCodeAt(i + 4) - 48;
    const f = s.charCodeAt(i + 5) - 48;
    if (a >>> 0 > 9 || b >>> 0 > 9 || e >>> 0 > 9 || f >>> 0 > 9) return false;
    const offsetHours = a * 10 + b;
    const offsetMinutes = e * 10 + f;
    if (offsetHours > 23 || offsetMinutes > 59) return false;
    offset = (c === 45 ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  } else {
    return false;
  }
  // A leap second exists only at 23:59:60 UTC.
  return second !== 60 || (((hour * 60 + minute - offset) % 1440) + 1440) % 1440 === 23 * 60 + 59;
}

/** RFC 3339 full-date. */
function isDate(s: string): boolean {
  return s.length === 10 && dateAt(s);
}

/** Length in Unicode code points, as JSON Schema's minLength/maxLength count it (a surrogate pair is one). */
function codePoints(s: string): number {
  let count = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

/** UTF-16 length bounds the code-point length from above: count code points only when that could matter. */
function shorterThan(s: string, min: number): boolean {
  return s.length < min || (s.length < 2 * min && codePoints(s) < min);
}

function longerThan(s: string, max: number): boolean {
  return s.length > max && codePoints(s) > max;
}

function isInt32(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= -2147483648 && (value as number) <= 2147483647;
}

interface Utf8Decoder {
  decode(input: Uint8Array): string;
}
let utf8: Utf8Decoder | undefined;

/** Decodes UTF-8 strictly: invalid bytes are an error, not U+FFFD. */
function decodeUtf8(bytes: Uint8Array): string {
  if (utf8 === undefined) {
    const Decoder = (
      globalThis as unknown as { TextDecoder: new (label: string, options: { fatal: boolean }) => Utf8Decoder }
    ).TextDecoder;
    utf8 = new Decoder("utf-8", { fatal: true });
  }
  return utf8.decode(bytes);
}
`;
