/**
 * Zoom's request signature: HMAC-SHA256(secret, "v0:" + x-zm-request-timestamp + ":" + raw body), sent as
 * x-zm-signature "v0=<hex>". Verified over the raw bytes, in constant time, with a bound on the timestamp's age.
 */
import { constantTimeEqual, hmacHex, hmacHexAsync } from "./compute-hmac.js";
import { getHeader, type HeadersInput } from "./read-header.js";

/** Why a request was refused. */
export type WebhookVerificationErrorCode =
  | "missing_signature"
  | "missing_timestamp"
  | "malformed_signature"
  | "malformed_timestamp"
  | "timestamp_too_old"
  | "timestamp_too_new"
  | "signature_mismatch"
  | "body_not_raw";

export class WebhookVerificationError extends Error {
  readonly code: WebhookVerificationErrorCode;
  constructor(code: WebhookVerificationErrorCode, message: string) {
    super(message);
    this.name = "WebhookVerificationError";
    this.code = code;
  }
}

/**
 * The secret token: one string; several (rotation: any may match); or a function of the headers, for several Zoom
 * apps on one endpoint (pick by the `clientid` header). Here a function may return undefined for an unknown app (the
 * request is refused); the receiver instead treats a function that returns no secret as a configuration error (500).
 */
export type SecretInput =
  string | readonly string[] | ((headers: HeadersInput) => string | readonly string[] | undefined);

export interface VerifyOptions {
  /** The raw body, exactly as received: the signature covers these bytes, not a re-serialization of parsed JSON. */
  readonly body: string | Uint8Array;
  readonly headers: HeadersInput;
  readonly secret: SecretInput;
  /** Largest accepted clock difference, in seconds, either way; 0 turns the check off. Default 300. */
  readonly toleranceSeconds?: number;
  /** The current time in milliseconds, like Date.now (the default); for tests. */
  readonly now?: () => number;
}

const SIGNATURE = /^v0=[0-9a-fA-F]{64}$/;
const TIMESTAMP = /^[0-9]{1,15}$/;

/** A request whose signature headers are well-formed and whose timestamp is fresh. */
export interface CheckedRequest {
  readonly timestamp: string;
  /** The hex digest, lowercase. */
  readonly signature: string;
  readonly body: string | Uint8Array;
}

interface Checked extends CheckedRequest {
  readonly secrets: readonly string[];
}

/** The non-empty secrets to try for a request. */
export function secretsFor(secret: SecretInput, headers: HeadersInput): string[] {
  const chosen = typeof secret === "function" ? secret(headers) : secret;
  const secrets = chosen === undefined ? [] : typeof chosen === "string" ? [chosen] : [...chosen];
  return secrets.filter((s) => s !== "");
}

function rawBody(body: unknown): string | Uint8Array {
  if (typeof body === "string" || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new WebhookVerificationError(
    "body_not_raw",
    "The body must be the raw request body (a string or Uint8Array/Buffer), exactly as received: the signature covers those bytes. " +
      "A parsed object cannot be verified (re-serializing it changes whitespace, escapes and large numbers).",
  );
}

/**
 * Everything but the secret and the HMAC: headers present and well-formed, the timestamp fresh. Throws
 * WebhookVerificationError; the receiver runs it before looking the secret up, so a scanner never reaches a secret
 * store.
 */
export function checkSignatureHeaders(options: Omit<VerifyOptions, "secret">): CheckedRequest {
  const body = rawBody(options.body);
  const signatures = getHeader(options.headers, "x-zm-signature");
  const timestamps = getHeader(options.headers, "x-zm-request-timestamp");
  if (signatures.length === 0) {
    throw new WebhookVerificationError("missing_signature", "The x-zm-signature header is missing.");
  }
  if (timestamps.length === 0) {
    throw new WebhookVerificationError("missing_timestamp", "The x-zm-request-timestamp header is missing.");
  }
  const signature = signatures.length === 1 ? (signatures[0] as string) : "";
  if (!SIGNATURE.test(signature)) {
    throw new WebhookVerificationError(
      "malformed_signature",
      'The x-zm-signature header must be exactly one "v0=" followed by 64 hex digits.',
    );
  }
  const timestamp = timestamps.length === 1 ? (timestamps[0] as string) : "";
  if (!TIMESTAMP.test(timestamp)) {
    throw new WebhookVerificationError(
      "malformed_timestamp",
      "The x-zm-request-timestamp header must be one Unix time in seconds (digits only).",
    );
  }
  const tolerance = options.toleranceSeconds ?? 300;
  if (typeof tolerance !== "number" || !(tolerance >= 0)) {
    // A typo must not switch replay protection off: only 0 does that.
    throw new TypeError(
      "toleranceSeconds must be a number >= 0 (0 turns the timestamp check off), got " + String(tolerance),
    );
  }
  if (tolerance > 0) {
    const skew = Math.floor(checkClock(options.now ?? Date.now) / 1000) - Number(timestamp);
    if (skew > tolerance) {
      throw new WebhookVerificationError(
        "timestamp_too_old",
        `The request is ${skew} s old (tolerance ${tolerance} s): a replay, or a slow clock.`,
      );
    }
    if (-skew > tolerance) {
      throw new WebhookVerificationError(
        "timestamp_too_new",
        `The request is ${-skew} s in the future (tolerance ${tolerance} s).`,
      );
    }
  }
  return { timestamp, signature: signature.slice(3).toLowerCase(), body };
}

/** Everything but the HMAC: checkSignatureHeaders, then a secret to try. */
function precheck(options: VerifyOptions): Checked {
  return { ...checkSignatureHeaders(options), secrets: secretsFor(options.secret, options.headers) };
}

/** The time `now` gives, in milliseconds; anything else (`Date` for `Date.now`) would turn the replay check off. */
export function checkClock(now: () => number): number {
  const ms: unknown = now();
  if (typeof ms !== "number" || !Number.isFinite(ms)) {
    throw new TypeError("now must return the time in milliseconds, like Date.now; it returned " + typeof ms);
  }
  return ms;
}

function mismatch(checked: Checked): WebhookVerificationError {
  return new WebhookVerificationError(
    "signature_mismatch",
    checked.secrets.length === 0
      ? "No secret token is configured for this request."
      : "The signature does not match the body and the secret token.",
  );
}

/**
 * The secret that signed the request, or a WebhookVerificationError. Every candidate is tried, so timing does not
 * tell which one matched.
 */
export function matchingSecret(options: VerifyOptions): string {
  const checked = precheck(options);
  let found: string | undefined;
  for (const secret of checked.secrets) {
    const expected = hmacHex(secret, ["v0:" + checked.timestamp + ":", checked.body]);
    if (constantTimeEqual(expected, checked.signature)) found ??= secret;
  }
  if (found === undefined) throw mismatch(checked);
  return found;
}

/** matchingSecret on Web Crypto. */
export async function matchingSecretAsync(options: VerifyOptions): Promise<string> {
  const checked = precheck(options);
  let found: string | undefined;
  for (const secret of checked.secrets) {
    const expected = await hmacHexAsync(secret, ["v0:" + checked.timestamp + ":", checked.body]);
    if (constantTimeEqual(expected, checked.signature)) found ??= secret;
  }
  if (found === undefined) throw mismatch(checked);
  return found;
}

/**
 * Verifies Zoom's signature: HMAC-SHA256(secret, "v0:" + timestamp + ":" + raw body) against x-zm-signature, in
 * constant time, and the timestamp's age. Throws WebhookVerificationError (with a `code`) on any failure.
 */
export function verifyWebhookSignature(options: VerifyOptions): void {
  matchingSecret(options);
}

/** verifyWebhookSignature on Web Crypto (crypto.subtle), for runtimes without node:crypto. */
export async function verifyWebhookSignatureAsync(options: VerifyOptions): Promise<void> {
  await matchingSecretAsync(options);
}

/** The two headers Zoom would send with `body`: for tests and local tools. */
export function signWebhook(options: {
  readonly body: string | Uint8Array;
  readonly secret: string;
  readonly timestamp?: number;
}): {
  "x-zm-request-timestamp": string;
  "x-zm-signature": string;
} {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  return {
    "x-zm-request-timestamp": timestamp,
    "x-zm-signature": "v0=" + hmacHex(options.secret, ["v0:" + timestamp + ":", rawBody(options.body)]),
  };
}
