/**
 * Validation issues: their shape, and the one constructor every generated guard reports through, so that messages
 * read the same for every event and every spec.
 */
import { codePoints } from "./check-length.js";

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

/** Keys and indexes from the root of the event to a value. */
export type Path = readonly (string | number)[];

/** One RFC 6901 reference token; the common case (no "~" or "/") returns the key itself. */
export function escapeToken(token: string | number): string {
  const text = typeof token === "number" ? String(token) : token;
  return text.indexOf("~") === -1 && text.indexOf("/") === -1 ? text : text.replace(/~/g, "~0").replace(/\//g, "~1");
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") {
    return Number.isInteger(value) ? "integer" : Number.isFinite(value) ? "number" : String(value);
  }
  return typeof value;
}

/** A short rendering of a received value. A long string is cut before it is quoted, never copied whole. */
function preview(value: unknown): string {
  if (typeof value === "string") {
    return value.length > 60 ? JSON.stringify(value.slice(0, 60)) + "..." : JSON.stringify(value);
  }
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

/**
 * An issue with its message. `expected` is what the schema wants; `value` is what was found (shown as its type or a
 * preview, by code); `message` replaces the message built from them (the place is appended either way).
 */
export function makeIssue(
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

/** The one issue for a value that threw while being read (a revoked Proxy, a throwing getter). */
export function unreadable(error: unknown): ValidationIssue {
  let reason: string;
  try {
    reason = error instanceof Error ? String(error.message) : String(error);
  } catch {
    reason = "an exception that cannot be described";
  }
  return makeIssue([], "", "invalid_type", "a plain JSON value", undefined, "Value could not be read (" + reason + ")");
}
