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
  | "unknown_event";

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
const NO_ISSUES: readonly ValidationIssue[] = Object.freeze([]);

function readMode(options: ValidationOptions | undefined): boolean {
  const mode = options === undefined ? undefined : options.unknownProperties;
  if (mode === undefined || mode === "reject") return false;
  if (mode === "allow") return true;
  throw new TypeError('unknownProperties must be "reject" or "allow", got ' + String(mode));
}

function toPointer(path: Path): string {
  let pointer = "";
  for (const token of path) pointer += "/" + String(token).replace(/~/g, "~0").replace(/\//g, "~1");
  return pointer;
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : Number.isFinite(value) ? "number" : String(value);
  return typeof value;
}

function preview(value: unknown): string {
  let text: string;
  try {
    text = typeof value === "string" ? JSON.stringify(value) : typeof value === "object" && value !== null ? typeName(value) : String(value);
  } catch {
    text = typeName(value);
  }
  return text.length > 80 ? text.slice(0, 77) + "..." : text;
}

function where(pointer: string): string {
  return pointer === "" ? "at the root" : "at " + pointer;
}

function makeIssue(path: Path, code: IssueCode, expected: string | undefined, value: unknown, message?: string): ValidationIssue {
  const pointer = toPointer(path);
  let received: string | undefined;
  let text: string;
  switch (code) {
    case "invalid_type":
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
    default:
      text = message === undefined ? code : message;
  }
  const issue: { path: Path; pointer: string; code: IssueCode; expected?: string; received?: string; message: string } = {
    path,
    pointer,
    code,
    message: (message === undefined ? text : message) + " " + where(pointer),
  };
  if (expected !== undefined) issue.expected = expected;
  if (received !== undefined) issue.received = received;
  return issue;
}

function isObjectLike(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function run<T>(value: unknown, options: ValidationOptions | undefined, test: Tester, check: Checker): ValidationResult<T> {
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

function unreadable(error: unknown): ValidationIssue {
  let reason: string;
  try {
    reason = error instanceof Error ? String(error.message) : String(error);
  } catch {
    reason = "an exception that cannot be described";
  }
  return makeIssue([], "invalid_type", "a plain JSON value", undefined, "Value could not be read (" + reason + ")");
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days =
    month === 2
      ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
        ? 29
        : 28
      : month === 4 || month === 6 || month === 9 || month === 11
        ? 30
        : 31;
  return day <= days;
}

/** RFC 3339 date-time: date, "T", time with seconds, optional fraction, and a zone ("Z" or ±hh:mm). */
function isDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (m === null) return false;
  if (!validDate(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  if (hour > 23 || minute > 59 || second > 60) return false;
  if (m[8] !== undefined && (Number(m[8]) > 23 || Number(m[9]) > 59)) return false;
  if (second === 60) {
    // A leap second exists only at 23:59:60 UTC.
    const offset = m[8] === undefined ? 0 : (m[7] === "-" ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9]));
    return (((hour * 60 + minute - offset) % 1440) + 1440) % 1440 === 23 * 60 + 59;
  }
  return true;
}

/** RFC 3339 full-date. */
function isDate(value: string): boolean {
  const m = DATE.exec(value);
  return m !== null && validDate(Number(m[1]), Number(m[2]), Number(m[3]));
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
    const Decoder = (globalThis as unknown as { TextDecoder: new (label: string, options: { fatal: boolean }) => Utf8Decoder }).TextDecoder;
    utf8 = new Decoder("utf-8", { fatal: true });
  }
  return utf8.decode(bytes);
}
`;
