/** Reading a request body, bounded in size, from a web stream or a node:http request, and parsing it as JSON. */
import { decodeUtf8 } from "./decode-utf8.js";
import { concatBytes } from "./hash-sha256.js";

/** The body is larger than allowed: the request gets 413. */
export class BodyTooLarge extends Error {}

const encoder = new TextEncoder();

/** The events of a node:http IncomingMessage (a Readable) that reading its body needs. */
export interface BodyEvents {
  on(event: "data", listener: (chunk: Uint8Array | string) => void): unknown;
  on(event: "end", listener: () => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
}

/** A Fetch body, read up to `limit` bytes; beyond that the stream is cancelled and BodyTooLarge thrown. */
export async function readStream(stream: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array> {
  if (stream === null) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw new BodyTooLarge();
    }
    chunks.push(value);
  }
  return concatBytes(chunks);
}

/** A node:http request body, read up to `limit` bytes; beyond that it rejects with BodyTooLarge at once. */
export function readNode(req: BodyEvents, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let failed = false;
    req.on("data", (chunk) => {
      if (failed) return;
      const bytes = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
      size += bytes.length;
      if (size > limit) {
        failed = true;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(bytes);
    });
    req.on("end", () => {
      if (!failed) resolve(concatBytes(chunks));
    });
    req.on("error", (error) => {
      if (!failed) reject(error);
    });
  });
}

/** The body as JSON: strict UTF-8, a byte order mark ignored (RFC 8259 allows a parser to), or the reason it is not. */
export function parseJsonBody(body: Uint8Array): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    const text = decodeUtf8(body);
    return { ok: true, value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** A string body as the bytes it was sent as. */
export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}
