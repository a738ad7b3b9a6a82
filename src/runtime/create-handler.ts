/**
 * The receiver: verifies Zoom's signature over the raw body, answers the URL-validation handshake, validates the
 * event and routes it to its handler, answering within ackTimeoutMs; as a Fetch handler and a node:http listener.
 * Generic in the event map: the generated receiver binds it to the spec's events and validator.
 */
import { createUrlValidationResponse, readPlainToken } from "./answer-url-validation.js";
import { getNodeCrypto } from "./compute-hmac.js";
import type { ValidationIssue } from "./make-issue.js";
import { BodyTooLarge, encodeUtf8, parseJsonBody, readNode, readStream } from "./read-body.js";
import { getHeader, type HeadersInput } from "./read-header.js";
import type { UnknownPropertiesMode, ValidationOptions, ValidationResult } from "./run-guard.js";
import {
  matchingSecret,
  matchingSecretAsync,
  WebhookVerificationError,
  type SecretInput,
  type VerifyOptions,
} from "./verify-signature.js";

/** Handlers by event name (`M`: event name → event type): each receives its exact event type. */
export type EventHandlers<M> = {
  readonly [K in keyof M]?: (event: M[K]) => unknown;
};

/** Where a request or a handler failed, for `onError`. */
export interface WebhookErrorContext {
  readonly stage: "read" | "verify" | "parse" | "validate" | "handler" | "config";
  /** The event name, once known. */
  readonly event?: string;
  /** Validation issues, for stage "validate". */
  readonly issues?: readonly ValidationIssue[];
}

/** An event whose name this package does not know (Zoom added it, or another product's event). */
export interface UnknownWebhookEvent {
  readonly event: string;
  readonly [key: string]: unknown;
}

/** The options of a receiver for the events of `M` (event name → event type). */
export interface HandlerOptions<M> {
  readonly secret: SecretInput;
  readonly on?: EventHandlers<M>;
  /** Called for every valid known event, besides its own handler. */
  readonly onAny?: (event: M[keyof M]) => unknown;
  /** Events with a name this package does not know. Default: answer 200 and ignore. */
  readonly onUnknownEvent?: (event: UnknownWebhookEvent) => unknown;
  /** Refused requests and handler failures; the caller only ever sees an opaque status. Default: console.error. */
  readonly onError?: (error: unknown, context: WebhookErrorContext) => void;
  /** Default "allow": Zoom adds fields to live events, and a deployed receiver should not start refusing them. */
  readonly unknownProperties?: UnknownPropertiesMode;
  /** Answer 200 after this long even if handlers are still running (Zoom retries after 3 s). Default 2500. */
  readonly ackTimeoutMs?: number;
  /** Larger bodies get 413 without being read further. Default 1 MiB. */
  readonly maxBodyBytes?: number;
  readonly toleranceSeconds?: number;
  /** Milliseconds, like Date.now; for tests. */
  readonly now?: () => number;
}

/** The subset of node:http's IncomingMessage (and Express's Request) the adapter uses. */
export interface NodeRequestLike {
  readonly method?: string | undefined;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** Set by body parsers configured to keep the raw body (e.g. express.json({ verify })). */
  readonly rawBody?: unknown;
  /** Set by body parsers; usable only when it is the raw body itself (express.raw / express.text). */
  readonly body?: unknown;
  on(event: "data", listener: (chunk: Uint8Array | string) => void): unknown;
  on(event: "end", listener: () => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
  resume?(): unknown;
}

/** The subset of node:http's ServerResponse (and Express's Response) the adapter uses. */
export interface NodeResponseLike {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body?: string): unknown;
}

export interface WebhookHandler {
  /** Web-standard handler: Node.js >= 20, Deno, Bun, Cloudflare Workers, Next.js route handlers, Hono. */
  fetch(request: Request): Promise<Response>;
  /** node:http and Express: `http.createServer(handler.node)` or `app.post("/zoom", handler.node)`. */
  node(req: NodeRequestLike, res: NodeResponseLike): Promise<void>;
}

/** A status and body to send, independent of the server API. */
interface Reply {
  readonly status: number;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

const TEXT = { "content-type": "text/plain; charset=utf-8" };

const reply = (status: number, body = "", headers: Readonly<Record<string, string>> = TEXT): Reply => ({
  status,
  body,
  headers,
});

function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return false;
  const type = (value.split(";")[0] ?? "").trim().toLowerCase();
  return type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

function defaultOnError(error: unknown, context: WebhookErrorContext): void {
  // Refusals are routine (scanners, replays); handler and configuration failures are not.
  if (context.stage === "handler" || context.stage === "config") console.error("[zoom webhook]", context.stage, error);
}

/**
 * A receiver for the events of `M` (event name → event type), validated by `validate`: verifies Zoom's signature
 * over the raw body, answers the URL-validation handshake, validates the event against the spec, and routes it to its
 * typed handler, answering within ackTimeoutMs.
 */
export function createHandler<M extends { readonly [K in keyof M]: { readonly event: string } }>(
  options: HandlerOptions<M>,
  validate: (value: unknown, options: ValidationOptions) => ValidationResult<M[keyof M]>,
): WebhookHandler {
  if ("verifyUrlValidation" in options) {
    // Removed, not ignored: it let an unsigned handshake sign attacker text (see README, Receiving Zoom webhooks).
    throw new TypeError(
      "verifyUrlValidation was removed: the URL-validation handshake is always verified (Zoom signs it)",
    );
  }
  const ackTimeoutMs = options.ackTimeoutMs ?? 2500;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  if (typeof ackTimeoutMs !== "number" || !(ackTimeoutMs >= 0)) {
    throw new TypeError("ackTimeoutMs must be a number >= 0 (Infinity waits for the handlers)");
  }
  if (typeof maxBodyBytes !== "number" || !(maxBodyBytes >= 0)) {
    throw new TypeError("maxBodyBytes must be a number >= 0");
  }
  const tolerance = options.toleranceSeconds ?? 300;
  if (typeof tolerance !== "number" || !(tolerance >= 0)) {
    throw new TypeError("toleranceSeconds must be a number >= 0 (0 turns the timestamp check off)");
  }
  const report = options.onError ?? defaultOnError;
  // A throwing onError must not take the server down or leave the request unanswered.
  const onError = (error: unknown, context: WebhookErrorContext): void => {
    try {
      report(error, context);
    } catch (failure) {
      console.error("[zoom webhook] onError threw", failure);
    }
  };
  const validation = { unknownProperties: options.unknownProperties ?? "allow" } as const;
  const verifyOptions = (body: Uint8Array, headers: HeadersInput): VerifyOptions => ({
    body,
    headers,
    secret: options.secret,
    ...(options.toleranceSeconds !== undefined ? { toleranceSeconds: options.toleranceSeconds } : {}),
    ...(options.now !== undefined ? { now: options.now } : {}),
  });

  async function run(handlers: readonly (() => unknown)[], event: string): Promise<void> {
    await Promise.all(
      handlers.map(async (handler) => {
        try {
          await handler();
        } catch (error) {
          onError(error, { stage: "handler", event });
        }
      }),
    );
  }

  /** Everything after the body is read: the same for both adapters. */
  async function respond(headers: HeadersInput, body: Uint8Array): Promise<Reply> {
    let signingSecret: string;
    try {
      // node:crypto's synchronous HMAC costs microseconds; Web Crypto's promise round trip costs tens of them.
      signingSecret =
        getNodeCrypto() !== null
          ? matchingSecret(verifyOptions(body, headers))
          : await matchingSecretAsync(verifyOptions(body, headers));
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      onError(error, { stage: "verify" });
      // Every request, the handshake too: answering an unsigned handshake would sign any text an attacker sends as
      // its plainToken, which is exactly a valid signature for a forged event. Zoom signs its handshakes.
      return reply(401, "Unauthorized");
    }
    const parsed = parseJsonBody(body);
    if (!parsed.ok) {
      onError(new Error("The body is not valid JSON: " + parsed.reason), { stage: "parse" });
      return reply(400, "Bad Request");
    }
    const value = parsed.value;
    const name =
      typeof value === "object" && value !== null && !Array.isArray(value)
        ? (value as { event?: unknown }).event
        : undefined;
    if (name === "endpoint.url_validation") {
      const plainToken = readPlainToken(value);
      if (plainToken === undefined) {
        onError(new Error("endpoint.url_validation without a payload.plainToken string"), {
          stage: "validate",
          event: name,
        });
        return reply(400, "Bad Request");
      }
      // Answer with the secret that signed the request (rotation: Zoom may still use the old one).
      return reply(200, JSON.stringify(createUrlValidationResponse(plainToken, signingSecret)), {
        "content-type": "application/json",
      });
    }
    const result = validate(value, validation);
    if (!result.ok) {
      const unknown = result.issues.length === 1 && result.issues[0]?.code === "unknown_event";
      if (unknown && typeof name === "string") {
        const handler = options.onUnknownEvent;
        if (handler !== undefined) await acknowledge(run([() => handler(value as UnknownWebhookEvent)], name));
        return reply(200);
      }
      onError(new Error("The event does not match the spec"), {
        stage: "validate",
        issues: result.issues,
        ...(typeof name === "string" ? { event: name } : {}),
      });
      return reply(400, "Bad Request");
    }
    const event = result.value;
    const handlers: (() => unknown)[] = [];
    const own = (options.on as Readonly<Record<string, ((event: M[keyof M]) => unknown) | undefined>> | undefined)?.[
      event.event
    ];
    if (own !== undefined) handlers.push(() => own(event));
    const any = options.onAny;
    if (any !== undefined) handlers.push(() => any(event));
    await acknowledge(run(handlers, event.event));
    return reply(200);
  }

  /** Resolves when the handlers finish or ackTimeoutMs passes, whichever is first; the handlers keep running. */
  function acknowledge(work: Promise<void>): Promise<void> {
    // setTimeout cannot wait longer than 2^31-1 ms (it fires at once instead): beyond that, wait for the handlers.
    if (ackTimeoutMs > 2_147_483_647) return work;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ackTimeoutMs);
    });
    return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
  }

  function precheck(
    method: string | undefined,
    contentType: string | undefined,
    contentLength: string | undefined,
  ): Reply | undefined {
    if ((method ?? "").toUpperCase() !== "POST") return reply(405, "Method Not Allowed", { ...TEXT, allow: "POST" });
    if (!isJsonContentType(contentType)) return reply(415, "Unsupported Media Type");
    if (contentLength !== undefined && Number(contentLength) > maxBodyBytes) return reply(413, "Payload Too Large");
    return undefined;
  }

  async function safely(work: () => Promise<Reply>): Promise<Reply> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof BodyTooLarge) return reply(413, "Payload Too Large");
      onError(error, { stage: "read" });
      return reply(500, "Internal Server Error");
    }
  }

  return {
    async fetch(request: Request): Promise<Response> {
      const answer = await safely(async () => {
        const early = precheck(
          request.method,
          request.headers.get("content-type") ?? undefined,
          request.headers.get("content-length") ?? undefined,
        );
        if (early !== undefined) return early;
        const body = await readStream(request.body, maxBodyBytes);
        return respond(request.headers, body);
      });
      return new Response(answer.body === "" ? null : answer.body, { status: answer.status, headers: answer.headers });
    },

    async node(req: NodeRequestLike, res: NodeResponseLike): Promise<void> {
      const answer = await safely(async () => {
        const header = (name: string): string | undefined => getHeader(req.headers, name)[0];
        const early = precheck(req.method, header("content-type"), header("content-length"));
        if (early !== undefined) {
          req.resume?.();
          return early;
        }
        const stored =
          req.rawBody ?? (typeof req.body === "string" || req.body instanceof Uint8Array ? req.body : undefined);
        if (stored === undefined && req.body !== undefined) {
          const error = new Error(
            "handler.node: the request body was already parsed (req.body is set) and no raw body is available, so Zoom's " +
              "signature cannot be verified. Mount the webhook route before any JSON body parser, use express.raw({ type: " +
              '"application/json" }) on it, or keep the raw body: express.json({ verify: (req, _res, buf) => { req.rawBody = buf; } }).',
          );
          onError(error, { stage: "config" });
          return reply(500, "Internal Server Error");
        }
        let body: Uint8Array;
        if (stored === undefined) body = await readNode(req, maxBodyBytes);
        else if (typeof stored === "string") body = encodeUtf8(stored);
        else if (stored instanceof Uint8Array) body = stored;
        else throw new Error("handler.node: req.rawBody must be a Buffer, Uint8Array or string");
        if (body.length > maxBodyBytes) throw new BodyTooLarge();
        return respond(req.headers, body);
      });
      res.statusCode = answer.status;
      for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
      res.end(answer.body);
    },
  };
}
