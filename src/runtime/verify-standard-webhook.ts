/**
 * The Standard Webhooks signature (standardwebhooks.com; Svix sends it): HMAC-SHA256(key, webhook-id + "." +
 * webhook-timestamp + "." + raw body) as base64, sent in webhook-signature as space-separated "v1,<base64>" entries
 * (several while the sender rotates its secret). The key is the bytes of the secret's base64, after "whsec_".
 *
 * It accepts what the reference libraries (github.com/standard-webhooks/standard-webhooks, libraries/) accept, with
 * stricter headers (a timestamp of digits only, one value per header) and the same API as verify-signature.ts (Zoom's
 * scheme), so that a receiver can take either.
 */
import { constantTimeEqual, getNodeCrypto, hmacSha256Async } from "./compute-hmac.js";
import { decodeBase64, encodeBase64 } from "./encode-base64.js";
import { concatBytes, hmacSha256 } from "./hash-sha256.js";
import type { SignatureScheme } from "./create-handler.js";
import { getHeader, type HeadersInput } from "./read-header.js";

/** Why a request was refused. */
export type StandardWebhookVerificationErrorCode =
  | "missing_id"
  | "missing_timestamp"
  | "missing_signature"
  | "malformed_id"
  | "malformed_timestamp"
  /** No usable "v1," entry, and some entry is not "<version>,<signature>" or not a v1 signature's shape. */
  | "malformed_signature"
  /** Only signatures of other versions (e.g. "v1a", asymmetric): none that a shared secret can check. */
  | "unsupported_signature"
  | "timestamp_too_old"
  | "timestamp_too_new"
  | "signature_mismatch"
  | "body_not_raw";

export class StandardWebhookVerificationError extends Error {
  readonly code: StandardWebhookVerificationErrorCode;
  constructor(code: StandardWebhookVerificationErrorCode, message: string) {
    super(message);
    this.name = "StandardWebhookVerificationError";
    this.code = code;
  }
}

/**
 * One signing secret: "whsec_" + base64 of the key (as senders show it), the base64 alone (as the reference libraries
 * also take it), or the key's bytes.
 */
export type StandardWebhookSecret = string | Uint8Array;

/**
 * One secret; several (rotation: any may match); or a function of the headers, for several senders on one endpoint.
 * A function may return undefined for an unknown sender (the request is refused).
 */
export type StandardWebhookSecretInput =
  | StandardWebhookSecret
  | readonly StandardWebhookSecret[]
  | ((headers: HeadersInput) => StandardWebhookSecret | readonly StandardWebhookSecret[] | undefined);

export interface StandardWebhookVerifyOptions {
  /** The raw body, exactly as received: the signature covers these bytes, not a re-serialization of parsed JSON. */
  readonly body: string | Uint8Array;
  readonly headers: HeadersInput;
  readonly secret: StandardWebhookSecretInput;
  /**
   * Largest accepted clock difference, in seconds, either way. Default 300, the reference libraries' fixed value;
   * 0 turns the check off (what the Go library's VerifyIgnoringTimestamp does), anything else that is not a number
   * >= 0 is a TypeError.
   */
  readonly toleranceSeconds?: number;
  /** The current time in milliseconds, like Date.now (the default); for tests. */
  readonly now?: () => number;
}

/** A request whose signature headers are well-formed and whose timestamp is fresh. */
export interface CheckedStandardWebhook {
  readonly id: string;
  readonly timestamp: string;
  /** The base64 values of the header's "v1," entries, in order. */
  readonly signatures: readonly string[];
  readonly body: string | Uint8Array;
}

/** Entries beyond this many are refused before any is compared: a sender rotating its secret sends two or three. */
export const MAX_STANDARD_WEBHOOK_SIGNATURES = 32;
const MAX_SIGNATURE_HEADER = 8192;
const MAX_ID = 256;
const PREFIX = "whsec_";
/** 32 bytes of HMAC-SHA256 in padded base64, as every sender writes them. */
const V1_SIGNATURE = /^[A-Za-z0-9+/]{43}=$/;
const TIMESTAMP = /^[0-9]{1,15}$/;

const encoder = new TextEncoder();

/**
 * The key a secret stands for. A secret that is not base64 (or is empty) is a configuration error, not a bad request:
 * a TypeError, whose message does not repeat the secret.
 */
export function decodeStandardWebhookSecret(secret: StandardWebhookSecret): Uint8Array {
  if (secret instanceof Uint8Array) {
    if (secret.length === 0) throw new TypeError("A Standard Webhooks secret must not be empty.");
    return secret;
  }
  if (typeof secret !== "string") {
    throw new TypeError("A Standard Webhooks secret must be a string or a Uint8Array, got " + typeof secret);
  }
  const key = decodeBase64(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret);
  if (key === undefined || key.length === 0) {
    throw new TypeError(
      `A Standard Webhooks secret must be "whsec_" followed by the key in base64 (or the base64 alone); this one (${secret.length} characters) is not.`,
    );
  }
  return key;
}

/** The non-empty secrets to try for a request ("" and empty keys are skipped: an unset variable configures none). */
function standardSecretsFor(secret: StandardWebhookSecretInput, headers: HeadersInput): StandardWebhookSecret[] {
  const chosen = typeof secret === "function" ? secret(headers) : secret;
  const secrets: readonly StandardWebhookSecret[] =
    chosen === undefined ? [] : typeof chosen === "string" || chosen instanceof Uint8Array ? [chosen] : chosen;
  return secrets.filter((s) => s.length > 0);
}

function rawBody(body: unknown): string | Uint8Array {
  if (typeof body === "string" || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new StandardWebhookVerificationError(
    "body_not_raw",
    "The body must be the raw request body (a string or Uint8Array/Buffer), exactly as received: the signature covers those bytes. " +
      "A parsed object cannot be verified (re-serializing it changes whitespace, escapes and large numbers).",
  );
}

function fail(code: StandardWebhookVerificationErrorCode, message: string): never {
  throw new StandardWebhookVerificationError(code, message);
}

/** The one value of a header, or why there is none. */
function single(
  headers: HeadersInput,
  name: string,
  missing: StandardWebhookVerificationErrorCode,
  malformed: StandardWebhookVerificationErrorCode,
): string {
  const values = getHeader(headers, name);
  if (values.length === 0 || (values.length === 1 && values[0] === "")) fail(missing, `The ${name} header is missing.`);
  if (values.length > 1) fail(malformed, `The ${name} header must be sent once, not ${values.length} times.`);
  return values[0] as string;
}

/** The v1 signatures of a webhook-signature header. */
function parseSignatures(header: string): string[] {
  if (header.length > MAX_SIGNATURE_HEADER) {
    fail("malformed_signature", `The webhook-signature header is longer than ${MAX_SIGNATURE_HEADER} characters.`);
  }
  // The length bound above bounds this split; repeated spaces are tolerated.
  const entries = header.split(" ").filter((entry) => entry !== "");
  if (entries.length > MAX_STANDARD_WEBHOOK_SIGNATURES) {
    fail(
      "malformed_signature",
      `The webhook-signature header has more than ${MAX_STANDARD_WEBHOOK_SIGNATURES} entries.`,
    );
  }
  const signatures: string[] = [];
  let malformed = entries.length === 0;
  for (const entry of entries) {
    const comma = entry.indexOf(",");
    const version = comma < 0 ? undefined : entry.slice(0, comma);
    const value = entry.slice(comma + 1);
    // Other versions are skipped, as the reference libraries do: a sender may add an asymmetric "v1a" beside "v1".
    if (version === undefined || (version === "v1" && !V1_SIGNATURE.test(value))) malformed = true;
    else if (version === "v1") signatures.push(value);
  }
  if (signatures.length === 0) {
    if (malformed) {
      fail(
        "malformed_signature",
        'The webhook-signature header must be space-separated "v1,<base64 of 32 bytes>" entries.',
      );
    }
    fail("unsupported_signature", 'The webhook-signature header has no "v1," signature (only other versions).');
  }
  return signatures;
}

/** The time `now` gives, in milliseconds; anything else (`Date` for `Date.now`) would turn the replay check off. */
function clockOf(now: () => number): number {
  const ms: unknown = now();
  if (typeof ms !== "number" || !Number.isFinite(ms)) {
    throw new TypeError("now must return the time in milliseconds, like Date.now; it returned " + typeof ms);
  }
  return ms;
}

/**
 * Everything but the secret and the HMAC: headers present and well-formed, the timestamp fresh. Throws
 * StandardWebhookVerificationError; a receiver runs it before looking the secret up, so a scanner never reaches a
 * secret store.
 */
export function checkStandardWebhookHeaders(
  options: Omit<StandardWebhookVerifyOptions, "secret">,
): CheckedStandardWebhook {
  const body = rawBody(options.body);
  const id = single(options.headers, "webhook-id", "missing_id", "malformed_id");
  const timestamp = single(options.headers, "webhook-timestamp", "missing_timestamp", "malformed_timestamp");
  const header = single(options.headers, "webhook-signature", "missing_signature", "malformed_signature");
  if (id.length > MAX_ID) fail("malformed_id", `The webhook-id header is longer than ${MAX_ID} characters.`);
  if (!TIMESTAMP.test(timestamp)) {
    fail("malformed_timestamp", "The webhook-timestamp header must be one Unix time in seconds (digits only).");
  }
  const signatures = parseSignatures(header);
  const tolerance = options.toleranceSeconds ?? 300;
  if (typeof tolerance !== "number" || !(tolerance >= 0)) {
    // A typo must not switch replay protection off: only 0 does that.
    throw new TypeError(
      "toleranceSeconds must be a number >= 0 (0 turns the timestamp check off), got " + String(tolerance),
    );
  }
  if (tolerance > 0) {
    const skew = Math.floor(clockOf(options.now ?? Date.now) / 1000) - Number(timestamp);
    if (skew > tolerance) {
      fail("timestamp_too_old", `The message is ${skew} s old (tolerance ${tolerance} s): a replay, or a slow clock.`);
    }
    if (-skew > tolerance) {
      fail("timestamp_too_new", `The message is ${-skew} s in the future (tolerance ${tolerance} s).`);
    }
  }
  return { id, timestamp, signatures, body };
}

interface Checked extends CheckedStandardWebhook {
  readonly secrets: readonly StandardWebhookSecret[];
  readonly keys: readonly Uint8Array[];
}

/** Everything but the HMAC; the secrets are decoded after the headers are checked, and all of them, every time. */
function precheck(options: StandardWebhookVerifyOptions): Checked {
  const checked = checkStandardWebhookHeaders(options);
  const secrets = standardSecretsFor(options.secret, options.headers);
  return { ...checked, secrets, keys: secrets.map(decodeStandardWebhookSecret) };
}

/** What the signature covers: id, timestamp and the body's bytes. */
function signedContent(id: string, timestamp: string, body: string | Uint8Array): Uint8Array {
  return concatBytes([encoder.encode(`${id}.${timestamp}.`), typeof body === "string" ? encoder.encode(body) : body]);
}

/** node:crypto's HMAC under a key of bytes (compute-hmac.ts types only string keys). */
interface NodeKeyedCrypto {
  createHmac(
    algorithm: "sha256",
    key: Uint8Array,
  ): { update(data: Uint8Array): { digest(encoding: "base64"): string } };
}

function signatureOf(key: Uint8Array, content: Uint8Array): string {
  const native = getNodeCrypto() as unknown as NodeKeyedCrypto | null;
  if (native !== null) return native.createHmac("sha256", key).update(content).digest("base64");
  return encodeBase64(hmacSha256(key, content));
}

/** signatureOf on Web Crypto. */
async function signatureOfAsync(key: Uint8Array, content: Uint8Array): Promise<string> {
  return encodeBase64(await hmacSha256Async(key, content));
}

/** Whether `expected` is any of the signatures, compared without an early exit. */
function anyEqual(expected: string, signatures: readonly string[]): boolean {
  let found = false;
  for (const signature of signatures) found = constantTimeEqual(expected, signature) || found;
  return found;
}

function mismatch(checked: Checked): StandardWebhookVerificationError {
  return new StandardWebhookVerificationError(
    "signature_mismatch",
    checked.secrets.length === 0
      ? "No signing secret is configured for this message."
      : "No signature matches the body and the signing secret.",
  );
}

/**
 * The secret (as given) that signed the request, or a StandardWebhookVerificationError. Every secret is tried against
 * every signature, so timing does not tell which one matched.
 */
export function matchingStandardWebhookSecret(options: StandardWebhookVerifyOptions): StandardWebhookSecret {
  const checked = precheck(options);
  const content = signedContent(checked.id, checked.timestamp, checked.body);
  let found: StandardWebhookSecret | undefined;
  checked.keys.forEach((key, index) => {
    if (anyEqual(signatureOf(key, content), checked.signatures)) found ??= checked.secrets[index];
  });
  if (found === undefined) throw mismatch(checked);
  return found;
}

/** matchingStandardWebhookSecret on Web Crypto. */
export async function matchingStandardWebhookSecretAsync(
  options: StandardWebhookVerifyOptions,
): Promise<StandardWebhookSecret> {
  const checked = precheck(options);
  const content = signedContent(checked.id, checked.timestamp, checked.body);
  let found: StandardWebhookSecret | undefined;
  for (const [index, key] of checked.keys.entries()) {
    if (anyEqual(await signatureOfAsync(key, content), checked.signatures)) found ??= checked.secrets[index];
  }
  if (found === undefined) throw mismatch(checked);
  return found;
}

/**
 * Verifies a Standard Webhooks signature: HMAC-SHA256(key, id + "." + timestamp + "." + raw body) against the
 * webhook-signature header's "v1," entries, in constant time, and the timestamp's age. Throws
 * StandardWebhookVerificationError (with a `code`) on any failure, TypeError on a secret that is not base64.
 */
export function verifyStandardWebhook(options: StandardWebhookVerifyOptions): void {
  matchingStandardWebhookSecret(options);
}

/** verifyStandardWebhook on Web Crypto (crypto.subtle), for runtimes without node:crypto. */
export async function verifyStandardWebhookAsync(options: StandardWebhookVerifyOptions): Promise<void> {
  await matchingStandardWebhookSecretAsync(options);
}

/** The three headers a Standard Webhooks sender would send with `body`: for tests and local tools. */
export function signStandardWebhook(options: {
  readonly id: string;
  readonly body: string | Uint8Array;
  readonly secret: StandardWebhookSecret;
  /** Unix seconds; default now. */
  readonly timestamp?: number;
}): {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
} {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const key = decodeStandardWebhookSecret(options.secret);
  return {
    "webhook-id": options.id,
    "webhook-timestamp": timestamp,
    "webhook-signature": "v1," + signatureOf(key, signedContent(options.id, timestamp, rawBody(options.body))),
  };
}

/**
 * The Standard Webhooks scheme for the receiver (createWebhookHandler of a `--receiver standard` package): its
 * headers, its signatures, no handshake. A fixed secret that is not base64 is refused when the receiver is created.
 */
export const STANDARD_WEBHOOK_SCHEME: SignatureScheme = {
  checkHeaders: checkStandardWebhookHeaders,
  matchingSecret: (options) => matchingStandardWebhookSecret(options) as string,
  matchingSecretAsync: async (options) => (await matchingStandardWebhookSecretAsync(options)) as string,
  isRefusal: (error) => error instanceof StandardWebhookVerificationError,
  handshake: false,
  checkSecret: (secret) => void decodeStandardWebhookSecret(secret),
  secretHint:
    'it must be the endpoint\'s signing secret ("whsec_" + base64, as the sender shows it), usually an environment ' +
    "variable (is it set and non-empty?): a non-empty string, a non-empty list of them while rotating, or a function " +
    "(headers) => secret",
};
