/**
 * HMAC-SHA256 as lowercase hex, on the fastest API the runtime has: node:crypto where it can be reached without a
 * static import (Node.js >= 20.16, Deno and Bun: process.getBuiltinModule), else the pure-JavaScript SHA-256
 * (synchronous), or Web Crypto (asynchronous; every runtime has it).
 */
import { concatBytes, hmacSha256, sha256, toHex } from "./hash-sha256.js";

interface NodeHmac {
  update(data: Uint8Array | string): NodeHmac;
  digest(encoding: "hex"): string;
}

interface NodeCrypto {
  createHmac(algorithm: string, key: string): NodeHmac;
  createHash(algorithm: string): NodeHmac;
}

let nodeCrypto: NodeCrypto | null | undefined;

const encoder = new TextEncoder();

/**
 * node:crypto, or null where the runtime does not offer it. A static import would make the package Node-only (and
 * fail to bundle for the edge); the global lookup finds it wherever it exists.
 */
export function getNodeCrypto(): NodeCrypto | null {
  if (nodeCrypto === undefined) {
    const processLike = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    nodeCrypto =
      typeof processLike?.getBuiltinModule === "function"
        ? ((processLike.getBuiltinModule("node:crypto") as NodeCrypto | undefined) ?? null)
        : null;
  }
  return nodeCrypto;
}

const toBytes = (part: string | Uint8Array): Uint8Array => (typeof part === "string" ? encoder.encode(part) : part);

/** HMAC-SHA256 (RFC 2104) as lowercase hex, over the concatenation of `parts` (strings as UTF-8). */
export function hmacHex(secret: string, parts: readonly (string | Uint8Array)[]): string {
  const native = getNodeCrypto();
  if (native !== null) {
    const hmac = native.createHmac("sha256", secret);
    for (const part of parts) hmac.update(part);
    return hmac.digest("hex");
  }
  return toHex(hmacSha256(encoder.encode(secret), concatBytes(parts.map(toBytes))));
}

/**
 * The subset of Web Crypto used here, typed by hand: the DOM library's BufferSource no longer accepts a plain
 * Uint8Array (TypeScript 5.7+ types its buffer as ArrayBufferLike), though every runtime does.
 */
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
  if (api === undefined) {
    throw new Error(
      "Web Crypto (crypto.subtle) is not available in this runtime; use the synchronous verify function.",
    );
  }
  return api;
}

/**
 * HMAC-SHA256 on Web Crypto, for every scheme. Imported keys are cached by their bytes (a few: secrets rotate, they
 * do not multiply).
 */
export async function hmacSha256Async(key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const cacheKey = toHex(key);
  let imported = subtleKeys.get(cacheKey);
  if (imported === undefined) {
    imported = subtle().importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    if (subtleKeys.size > 64) subtleKeys.clear();
    subtleKeys.set(cacheKey, imported);
  }
  return new Uint8Array(await subtle().sign("HMAC", await imported, data));
}

/** hmacHex on Web Crypto. */
export async function hmacHexAsync(secret: string, parts: readonly (string | Uint8Array)[]): Promise<string> {
  return toHex(await hmacSha256Async(encoder.encode(secret), concatBytes(parts.map(toBytes))));
}

/** Equal-length hex strings compared without an early exit, so timing does not reveal the first wrong digit. */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** SHA-256 of bytes as lowercase hex: a delivery's default deduplication key. */
export function sha256Hex(data: Uint8Array): string {
  const native = getNodeCrypto();
  return native !== null ? native.createHash("sha256").update(data).digest("hex") : toHex(sha256(data));
}
