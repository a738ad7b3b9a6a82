/** Reading a request body, bounded in size, from a web stream or a node:http request, and parsing it as JSON. */
import { decodeUtf8 } from "./decode-utf8.js";
import { concatBytes } from "./hash-sha256.js";

/** The body is larger than allowed: the request gets 413 and its connection is closed. */
export class BodyTooLarge extends Error {
  constructor(limit: number) {
    super(`The request body is larger than maxBodyBytes (${limit} bytes)`);
    this.name = "BodyTooLarge";
  }
}

/** The body did not arrive in time: the request gets 408 and its connection is closed. */
export class BodyTimeout extends Error {
  constructor(timeoutMs: number) {
    super(`The request body did not arrive within bodyTimeoutMs (${timeoutMs} ms)`);
    this.name = "BodyTimeout";
  }
}

const encoder = new TextEncoder();

/** The parts of a node:http IncomingMessage (a Readable) that reading its body, and stopping, need. */
export interface BodyEvents {
  on(event: "data", listener: (chunk: Uint8Array | string) => void): unknown;
  on(event: "end", listener: () => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
  removeListener?(event: "data" | "end" | "error", listener: (...args: never[]) => void): unknown;
  pause?(): unknown;
}

/**
 * A Fetch body, read up to `limit` bytes within `timeoutMs`; beyond either the stream is cancelled (not awaited: a
 * hostile source need not settle) and BodyTooLarge or BodyTimeout thrown.
 */
export async function readStream(
  stream: ReadableStream<Uint8Array> | null,
  limit: number,
  timeoutMs: number,
): Promise<Uint8Array> {
  if (stream === null) return new Uint8Array(0);
  const reader = stream.getReader();
  const stop = (): void => void reader.cancel().catch(() => undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), deadline]);
      if (next === "timeout") {
        stop();
        throw new BodyTimeout(timeoutMs);
      }
      if (next.done) break;
      size += next.value.length;
      if (size > limit) {
        stop();
        throw new BodyTooLarge(limit);
      }
      chunks.push(next.value);
    }
  } finally {
    clearTimeout(timer);
  }
  return concatBytes(chunks);
}

/**
 * A node:http request body, read up to `limit` bytes within `timeoutMs`. Beyond either it stops reading at once
 * (listeners removed, the stream paused, so the socket stops being read) and rejects with BodyTooLarge or
 * BodyTimeout; the caller closes the connection.
 */
export function readNode(req: BodyEvents, limit: number, timeoutMs: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const settle = (error: Error | undefined): void => {
      clearTimeout(timer);
      req.removeListener?.("data", onData);
      req.removeListener?.("end", onEnd);
      // An error listener stays: a stream error with none would crash the process.
      if (error === undefined) return resolve(concatBytes(chunks));
      req.pause?.();
      reject(error);
    };
    let settled = false;
    const once = (error: Error | undefined): void => {
      if (settled) return;
      settled = true;
      settle(error);
    };
    const onData = (chunk: Uint8Array | string): void => {
      if (settled) return;
      const bytes = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
      size += bytes.length;
      if (size > limit) return once(new BodyTooLarge(limit));
      chunks.push(bytes);
    };
    const onEnd = (): void => once(undefined);
    const timer = setTimeout(() => once(new BodyTimeout(timeoutMs)), timeoutMs);
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", (error) => once(error));
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
