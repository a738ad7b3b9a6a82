/**
 * Base64 (RFC 4648, the standard alphabet) without Buffer, which Cloudflare Workers lack, and without atob/btoa, which
 * work on "binary strings" and accept whitespace and other slack a secret's decoding should not.
 */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

const VALUES = new Map<string, number>([...ALPHABET].map((char, index) => [char, index]));

/** Bytes as padded base64. */
export function encodeBase64(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    text += ALPHABET[a >> 2];
    text += ALPHABET[((a & 3) << 4) | ((b ?? 0) >> 4)];
    text += b === undefined ? "=" : ALPHABET[((b & 15) << 2) | ((c ?? 0) >> 6)];
    text += c === undefined ? "=" : ALPHABET[c & 63];
  }
  return text;
}

/**
 * The bytes of standard base64, padded or not; undefined for anything else (another alphabet, whitespace, padding in
 * the wrong place, a length no encoding has, or bits set past the last byte), so that one text means one key.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  const unpadded = text.endsWith("==") ? text.slice(0, -2) : text.endsWith("=") ? text.slice(0, -1) : text;
  if (unpadded.length !== text.length && text.length % 4 !== 0) return undefined;
  if (unpadded.length % 4 === 1) return undefined;
  const bytes = new Uint8Array(Math.floor((unpadded.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let out = 0;
  for (const char of unpadded) {
    const value = VALUES.get(char);
    if (value === undefined) return undefined;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[out++] = (buffer >> bits) & 0xff;
    }
  }
  // The bits left over must be zero: otherwise two texts would decode to the same key.
  if ((buffer & ((1 << bits) - 1)) !== 0) return undefined;
  return bytes;
}
