/**
 * The fixed part of receiver.ts: Zoom signature verification, the URL-validation handshake, and the Fetch and
 * node:http adapters. TypeScript source text, because it is copied into the generated package, which has no
 * dependencies and must run in Node.js and in Fetch/edge runtimes: it uses only web-standard globals (TextEncoder,
 * crypto.subtle, Request/Response) and, where Node.js offers it, node:crypto through process.getBuiltinModule.
 */
// Written as a raw template for readability; \` and \${ stand for a backtick and a template placeholder.
export const RECEIVER_RUNTIME = String.raw`
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

/** Request headers in any common shape: a Fetch \`Headers\`, Node's \`IncomingHttpHeaders\`, or a plain record. */
export type HeadersInput =
  { get(name: string): string | null } | Readonly<Record<string, string | readonly string[] | number | undefined>>;

/**
 * The secret token: one string; several (rotation: any may match); or a function of the headers, for several Zoom
 * apps on one endpoint (pick by the \`clientid\` header). A function may return undefined for an unknown app.
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

const encoder = new TextEncoder();

/** Every value of a header, case-insensitively; duplicates stay separate where the container keeps them apart. */
export function getHeader(headers: HeadersInput, name: string): string[] {
  const lower = name.toLowerCase();
  if (typeof (headers as { get?: unknown }).get === "function") {
    const value = (headers as { get(name: string): string | null }).get(lower);
    return value === null ? [] : [value];
  }
  const record = headers as Readonly<Record<string, string | readonly string[] | number | undefined>>;
  const found: string[] = [];
  for (const key of Object.keys(record)) {
    if (key.toLowerCase() !== lower) continue;
    const value = record[key];
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) found.push(String(item));
    else found.push(String(value));
  }
  return found;
}

// --- HMAC-SHA256 ------------------------------------------------------------------------------------------------

interface NodeHmac {
  update(data: Uint8Array | string): NodeHmac;
  digest(encoding: "hex"): string;
}
interface NodeCrypto {
  createHmac(algorithm: string, key: string): NodeHmac;
}
let nodeCrypto: NodeCrypto | null | undefined;

/** node:crypto when the runtime has it (Node.js >= 20.16: process.getBuiltinModule), without a static import. */
function getNodeCrypto(): NodeCrypto | null {
  if (nodeCrypto === undefined) {
    const processLike = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    nodeCrypto =
      (typeof processLike?.getBuiltinModule === "function"
        ? (processLike.getBuiltinModule("node:crypto") as NodeCrypto)
        : null) ?? null;
  }
  return nodeCrypto;
}

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

/** SHA-256 of bytes, in plain JavaScript: the fallback where neither node:crypto nor a synchronous API exists. */
function sha256(data: Uint8Array): Uint8Array {
  const length = data.length;
  const blocks = Math.ceil((length + 9) / 64);
  const padded = new Uint8Array(blocks * 64);
  padded.set(data);
  padded[length] = 0x80;
  const bits = length * 8;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bits / 0x100000000));
  view.setUint32(padded.length - 4, bits >>> 0);
  const h = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const w = new Uint32Array(64);
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15] as number;
      const b = w[i - 2] as number;
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) >>> 0;
    }
    let a = h[0] as number,
      b = h[1] as number,
      c = h[2] as number,
      d = h[3] as number;
    let e = h[4] as number,
      f = h[5] as number,
      g = h[6] as number,
      hh = h[7] as number;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + (K[i] as number) + (w[i] as number)) >>> 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] = ((h[0] as number) + a) >>> 0;
    h[1] = ((h[1] as number) + b) >>> 0;
    h[2] = ((h[2] as number) + c) >>> 0;
    h[3] = ((h[3] as number) + d) >>> 0;
    h[4] = ((h[4] as number) + e) >>> 0;
    h[5] = ((h[5] as number) + f) >>> 0;
    h[6] = ((h[6] as number) + g) >>> 0;
    h[7] = ((h[7] as number) + hh) >>> 0;
  }
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) outView.setUint32(i * 4, h[i] as number);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  let size = 0;
  for (const part of parts) size += part.length;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function toHex(bytes: Uint8Array): string {
  let hex = "";
  for (const byte of bytes) hex += (byte < 16 ? "0" : "") + byte.toString(16);
  return hex;
}

/** HMAC-SHA256 (RFC 2104) as lowercase hex, over the concatenation of \`parts\`. */
function hmacHex(secret: string, parts: readonly (string | Uint8Array)[]): string {
  const native = getNodeCrypto();
  if (native !== null) {
    const hmac = native.createHmac("sha256", secret);
    for (const part of parts) hmac.update(part);
    return hmac.digest("hex");
  }
  let key: Uint8Array = encoder.encode(secret);
  if (key.length > 64) key = sha256(key);
  const inner = new Uint8Array(64);
  const outer = new Uint8Array(64);
  for (let i = 0; i < 64; i++) {
    inner[i] = (key[i] ?? 0) ^ 0x36;
    outer[i] = (key[i] ?? 0) ^ 0x5c;
  }
  const message = concat(parts.map((part) => (typeof part === "string" ? encoder.encode(part) : part)));
  return toHex(sha256(concat([outer, sha256(concat([inner, message]))])));
}

interface SubtleLike {
  importKey(
    format: "raw",
    key: Uint8Array,
    algorithm: { name: string; hash: string },
    extractable: boolean,
    usages: string[],
  ): Promise<unknown>;
  sign(algorithm: string, key: unknown, data: Uint8Array): Promise<ArrayBuffer>;
}
const subtleKeys = new Map<string, Promise<unknown>>();

function subtle(): SubtleLike {
  const api = (globalThis as { crypto?: { subtle?: SubtleLike } }).crypto?.subtle;
  if (api === undefined)
    throw new Error("Web Crypto (crypto.subtle) is not available in this runtime; use verifyWebhookSignature.");
  return api;
}

/** HMAC-SHA256 as lowercase hex on Web Crypto; imported keys are cached per secret. */
async function hmacHexAsync(secret: string, parts: readonly (string | Uint8Array)[]): Promise<string> {
  let key = subtleKeys.get(secret);
  if (key === undefined) {
    key = subtle().importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    if (subtleKeys.size > 64) subtleKeys.clear();
    subtleKeys.set(secret, key);
  }
  const message = concat(parts.map((part) => (typeof part === "string" ? encoder.encode(part) : part)));
  return toHex(new Uint8Array(await subtle().sign("HMAC", await key, message)));
}

/** Equal-length hex strings compared without an early exit, so timing does not reveal the first wrong digit. */
function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

// --- verification -----------------------------------------------------------------------------------------------

const SIGNATURE = /^v0=[0-9a-fA-F]{64}$/;
const TIMESTAMP = /^[0-9]{1,15}$/;

interface Checked {
  readonly timestamp: string;
  readonly signature: string;
  readonly secrets: readonly string[];
  readonly body: string | Uint8Array;
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

/** Everything but the HMAC: headers present and well-formed, the timestamp fresh, a secret to try. */
function precheck(options: VerifyOptions): Checked {
  const body = rawBody(options.body);
  const signatures = getHeader(options.headers, "x-zm-signature");
  const timestamps = getHeader(options.headers, "x-zm-request-timestamp");
  if (signatures.length === 0)
    throw new WebhookVerificationError("missing_signature", "The x-zm-signature header is missing.");
  if (timestamps.length === 0)
    throw new WebhookVerificationError("missing_timestamp", "The x-zm-request-timestamp header is missing.");
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
    const skew = Math.floor((options.now ?? Date.now)() / 1000) - Number(timestamp);
    if (skew > tolerance)
      throw new WebhookVerificationError(
        "timestamp_too_old",
        \`The request is \${skew} s old (tolerance \${tolerance} s): a replay, or a slow clock.\`,
      );
    if (-skew > tolerance)
      throw new WebhookVerificationError(
        "timestamp_too_new",
        \`The request is \${-skew} s in the future (tolerance \${tolerance} s).\`,
      );
  }
  const chosen = typeof options.secret === "function" ? options.secret(options.headers) : options.secret;
  const secrets = chosen === undefined ? [] : typeof chosen === "string" ? [chosen] : [...chosen];
  return { timestamp, signature: signature.slice(3).toLowerCase(), secrets: secrets.filter((s) => s !== ""), body };
}

function mismatch(checked: Checked): WebhookVerificationError {
  return new WebhookVerificationError(
    "signature_mismatch",
    checked.secrets.length === 0
      ? "No secret token is configured for this request."
      : "The signature does not match the body and the secret token.",
  );
}

/** The secret that signed the request (every candidate is tried, so timing does not tell which one matched). */
function matchingSecret(options: VerifyOptions): string {
  const checked = precheck(options);
  let found: string | undefined;
  for (const secret of checked.secrets) {
    if (constantTimeEqual(hmacHex(secret, ["v0:" + checked.timestamp + ":", checked.body]), checked.signature))
      found ??= secret;
  }
  if (found === undefined) throw mismatch(checked);
  return found;
}

async function matchingSecretAsync(options: VerifyOptions): Promise<string> {
  const checked = precheck(options);
  let found: string | undefined;
  for (const secret of checked.secrets) {
    if (
      constantTimeEqual(await hmacHexAsync(secret, ["v0:" + checked.timestamp + ":", checked.body]), checked.signature)
    )
      found ??= secret;
  }
  if (found === undefined) throw mismatch(checked);
  return found;
}

/**
 * Verifies Zoom's signature: HMAC-SHA256(secret, "v0:" + timestamp + ":" + raw body) against x-zm-signature, in
 * constant time, and the timestamp's age. Throws WebhookVerificationError (with a \`code\`) on any failure.
 */
export function verifyWebhookSignature(options: VerifyOptions): void {
  matchingSecret(options);
}

/** verifyWebhookSignature on Web Crypto (crypto.subtle), for runtimes without node:crypto. */
export async function verifyWebhookSignatureAsync(options: VerifyOptions): Promise<void> {
  await matchingSecretAsync(options);
}

/** The two headers Zoom would send with \`body\`: for tests and local tools. */
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

/** The answer to Zoom's endpoint.url_validation request. */
export function createUrlValidationResponse(
  plainToken: string,
  secret: string,
): { plainToken: string; encryptedToken: string } {
  return { plainToken, encryptedToken: hmacHex(secret, [plainToken]) };
}
`.replace(/\\`/g, "`").replace(/\\\$\{/g, "${");
