/**
 * The receiver: verifies Zoom's signature over the raw body, answers the URL-validation handshake, validates the
 * event and routes it to its handler, answering within ackTimeoutMs; as a Fetch handler and a node:http listener.
 * Generic in the event map: the generated receiver binds it to the spec's events and validator.
 */
import { createUrlValidationResponse, readPlainToken } from "./answer-url-validation.js";
import { getNodeCrypto } from "./compute-hmac.js";
import { createDeliverer, type PreparedEvent, type ReplayOutcome } from "./deliver-event.js";
import type { ValidationIssue } from "./make-issue.js";
import { BodyTimeout, BodyTooLarge, encodeUtf8, parseJsonBody, readNode, readStream } from "./read-body.js";
import { getHeader, type HeadersInput } from "./read-header.js";
import type { UnknownPropertiesMode, ValidationOptions, ValidationResult } from "./run-guard.js";
import {
  checkClock,
  checkSignatureHeaders,
  matchingSecret,
  matchingSecretAsync,
  WebhookVerificationError,
  type SecretInput,
  type VerifyOptions,
} from "./verify-signature.js";
import type { DeadLetter, WebhookStore } from "./webhook-store.js";

/** Handlers by event name (`M`: event name → event type): each receives its exact event type. */
export type EventHandlers<M> = {
  readonly [K in keyof M]?: (event: M[K]) => unknown;
};

/** Where a request or a handler failed, for `onError`. */
export interface WebhookErrorContext {
  /**
   * "handler": a handler (or onUnknownEvent, onDuplicate) threw or rejected; "timeout": handlers still running at
   * ackTimeoutMs (acknowledged with 200; they keep running); "store": the store failed or did not answer.
   */
  readonly stage: "read" | "verify" | "parse" | "validate" | "handler" | "timeout" | "store" | "config";
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

/**
 * The options of a receiver for the events of `M` (event name → event type). Every option is checked at creation: a
 * missing secret, an unknown option name, a handler that is not a function or a bad number throws a TypeError.
 */
export interface HandlerOptions<M> {
  /**
   * Your Zoom app's Secret Token (usually `process.env.ZOOM_WEBHOOK_SECRET_TOKEN`): a non-empty string, a non-empty
   * list of them while rotating, or a function of the headers (it may be async) for several apps on one endpoint. A
   * function that returns no secret, throws, rejects or has not settled within ackTimeoutMs (2500 ms when that is 0 or
   * infinite) makes the request a 500 and a "config" error for `onError`.
   */
  readonly secret: SecretInput | ((headers: HeadersInput) => PromiseLike<string | readonly string[] | undefined>);
  /** Read once, at creation; only its own properties are handlers. */
  readonly on?: EventHandlers<M>;
  /** Called for every valid known event, besides its own handler. */
  readonly onAny?: (event: M[keyof M]) => unknown;
  /**
   * Events with a name this package does not know. Default: answer 200 and ignore. Acknowledged as handlers are (a
   * failure within ackTimeoutMs answers 500), but never deduplicated: without a spec there is no key to trust.
   */
  readonly onUnknownEvent?: (event: UnknownWebhookEvent) => unknown;
  /**
   * Refused requests and handler failures; the caller only ever sees an opaque status. Default: console.error for
   * stages "handler", "timeout", "store" and "config" (refusals are routine: scanners, replays).
   */
  readonly onError?: (error: unknown, context: WebhookErrorContext) => void;
  /** Default "allow": Zoom adds fields to live events, and a deployed receiver should not start refusing them. */
  readonly unknownProperties?: UnknownPropertiesMode;
  /**
   * Answer 200 after this long even if handlers are still running (Zoom retries after 3 s), with a "timeout" report.
   * Handlers that fail before it get 500, so that Zoom redelivers. Default 2500.
   */
  readonly ackTimeoutMs?: number;
  /**
   * Deduplicates deliveries and keeps dead letters: memoryStore() for one process, redisStore() for several. Without
   * one, a handler that keeps failing exhausts Zoom's retries, and Zoom then stops sending the event.
   */
  readonly store?: WebhookStore;
  /** A delivery's key in the store. Default: the SHA-256 (hex) of the raw body, which Zoom's retries resend. */
  readonly dedupeKey?: (
    event: M[keyof M],
    request: { readonly rawBody: Uint8Array; readonly headers: HeadersInput },
  ) => string | PromiseLike<string>;
  /** How long a handled key, a delivery count and a dead letter are kept. Default 259200 (3 days). */
  readonly dedupeTtlSeconds?: number;
  /**
   * The delivery acknowledged (200) even though its handlers failed, so that Zoom keeps sending the event type; the
   * dead letter keeps the event. Default 4: Zoom's first delivery and its 3 retries.
   */
  readonly maxDeliveries?: number;
  /** Called for a delivery whose key was already handled (answered 200 without running the handlers). */
  readonly onDuplicate?: (event: M[keyof M], context: { readonly key: string }) => unknown;
  /** Larger bodies get 413, are not read further, and their connection is closed. Default 1 MiB. */
  readonly maxBodyBytes?: number;
  /**
   * A body still arriving after this long (slow or stalled clients) gets 408, and its connection is closed. Default
   * 10000; at most 2147483647.
   */
  readonly bodyTimeoutMs?: number;
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
  /** True once something else read the stream to its end. */
  readonly readableEnded?: boolean;
  /** Destroyed once a refusal is sent while the body is still arriving. */
  readonly socket?: { destroy(): unknown; destroySoon?(): unknown } | null;
  on(event: "data", listener: (chunk: Uint8Array | string) => void): unknown;
  on(event: "end", listener: () => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
  removeListener?(event: "data" | "end" | "error", listener: (...args: never[]) => void): unknown;
  pause?(): unknown;
}

/** The subset of node:http's ServerResponse (and Express's Response) the adapter uses. */
export interface NodeResponseLike {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body?: string): unknown;
  on?(event: "finish", listener: () => void): unknown;
}

export interface WebhookHandler {
  /** Web-standard handler: Node.js >= 20, Deno, Bun, Cloudflare Workers, Next.js route handlers, Hono. */
  fetch(request: Request): Promise<Response>;
  /** node:http and Express: `http.createServer(handler.node)` or `app.post("/zoom", handler.node)`. */
  node(req: NodeRequestLike, res: NodeResponseLike): Promise<void>;
  /** The store's dead letters, oldest first failure first. Throws without `options.store`. */
  deadLetters(): Promise<readonly DeadLetter[]>;
  /**
   * Runs the handlers of a dead letter again (its body is parsed and validated again, not re-verified: it came from
   * your store). "handled" removes the letter; "failed" adds an attempt; "duplicate": a delivery was handled
   * meanwhile (letter removed). Throws without `options.store`, for an unknown key, or while a delivery holds the key.
   */
  replay(key: string): Promise<ReplayOutcome>;
}

/**
 * How requests are signed: Zoom's scheme (the default) or another one (Standard Webhooks), given by the generated
 * receiver. The options are VerifyOptions-shaped; a refusal is an error for which `isRefusal` holds (answered 401).
 */
export interface SignatureScheme {
  /** Everything but the secret and the HMAC (headers present, timestamp fresh): run before a secret is looked up. */
  readonly checkHeaders: (options: Omit<VerifyOptions, "secret">) => unknown;
  /** The secret of `secret` (a list) that signed the request. */
  readonly matchingSecret: (options: VerifyOptions) => string;
  readonly matchingSecretAsync: (options: VerifyOptions) => Promise<string>;
  readonly isRefusal: (error: unknown) => boolean;
  /** Whether Zoom's `endpoint.url_validation` handshake is answered. */
  readonly handshake: boolean;
  /** What the secret is, for the TypeError of a missing one. */
  readonly secretHint: string;
  /** Throws a TypeError for a fixed secret the scheme cannot use (not base64, say): a misconfiguration, at creation. */
  readonly checkSecret?: (secret: string) => void;
}

const ZOOM_SCHEME: SignatureScheme = {
  checkHeaders: checkSignatureHeaders,
  matchingSecret,
  matchingSecretAsync,
  isRefusal: (error) => error instanceof WebhookVerificationError,
  handshake: true,
  secretHint: "",
};

/** The name of a validated event: a Zoom event's `event`, or the event its validator says it matched. */
function eventNameOf(result: { readonly value: unknown; readonly event?: string }): string {
  if (typeof result.event === "string") return result.event;
  const name = (result.value as { event?: unknown }).event;
  if (typeof name !== "string") throw new TypeError("the package's validator did not name the event it matched");
  return name;
}

/** A status and body to send, independent of the server API. */
interface Reply {
  readonly status: number;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

const TEXT = { "content-type": "text/plain; charset=utf-8" };
/** A refusal sent while the body may still be arriving: the connection is closed rather than drained. */
const CLOSE = { ...TEXT, connection: "close" };

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

const OPTIONS: readonly string[] = [
  "secret",
  "on",
  "onAny",
  "onUnknownEvent",
  "onError",
  "unknownProperties",
  "ackTimeoutMs",
  "maxBodyBytes",
  "bodyTimeoutMs",
  "toleranceSeconds",
  "now",
  "store",
  "dedupeKey",
  "dedupeTtlSeconds",
  "maxDeliveries",
  "onDuplicate",
];

const STORE_METHODS: readonly string[] = [
  "claim",
  "finish",
  "release",
  "recordFailure",
  "removeDeadLetter",
  "deadLetters",
];

/** What a secret function's race resolves to when it has not settled in time. */
const LATE: unique symbol = Symbol("late");

/** What a value is, never what it holds: error messages about a secret must not print it. */
/** What a bad option value is, for TypeError messages (the receiver's and the router's). */
export function kindOf(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  if (value === "") return "an empty string";
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : "a list";
  const type = typeof value;
  return (type === "object" || type === "undefined" ? "an " : "a ") + type;
}

/** Where and why `value` is not a non-empty string or a non-empty list of them (`at` is "" or "[i]"), if it is not. */
function secretProblem(value: unknown): { readonly at: string; readonly kind: string } | undefined {
  if (typeof value === "string" && value !== "") return undefined;
  if (Array.isArray(value) && value.length > 0) {
    const bad = (value as unknown[]).findIndex((item) => typeof item !== "string" || item === "");
    return bad === -1 ? undefined : { at: `[${bad}]`, kind: kindOf(value[bad]) };
  }
  return { at: "", kind: kindOf(value) };
}

const SECRET_HINT =
  "it must be your Zoom app's Secret Token (Marketplace, your app, Feature, Event Subscriptions), usually the " +
  "ZOOM_WEBHOOK_SECRET_TOKEN environment variable (is it set and non-empty?): a non-empty string, a non-empty list " +
  "of them while rotating, or a function (headers) => secret";

/**
 * A misconfiguration that fails every request the same way (a body parser mounted before the route): its message says
 * how to fix it, and the default onError prints it once per handler rather than once per request.
 */
class BodyConsumedError extends Error {
  override name = "BodyConsumedError";
}

/** The default onError of one handler (it remembers which explanations it printed). */
function createDefaultOnError(): (error: unknown, context: WebhookErrorContext) => void {
  const explained = new Set<string>();
  return (error, context) => {
    if (error instanceof BodyConsumedError) {
      if (explained.has(error.message)) return;
      explained.add(error.message);
      console.error(
        `[zoom webhook] ${error.message}\n(Every such request gets an opaque 500 until this is fixed; this explanation ` +
          "is printed once.)",
      );
      return;
    }
    // Refusals are routine (scanners, replays); handler and configuration failures are not.
    if (["handler", "timeout", "store", "config"].includes(context.stage)) {
      console.error("[zoom webhook]", context.stage, error);
    }
  };
}

/**
 * A receiver for the events of `M` (event name → event type), validated by `validate`: verifies Zoom's signature
 * over the raw body, answers the URL-validation handshake, validates the event against the spec, and routes it to its
 * typed handler, answering within ackTimeoutMs.
 */
export function createHandler<M>(
  options: HandlerOptions<M>,
  validate: (value: unknown, options: ValidationOptions) => ValidationResult<M[keyof M]> & { readonly event?: string },
  /** The package's event names: a handler for any other name would never be called, so it is refused. */
  eventNames?: readonly string[],
  scheme: SignatureScheme = ZOOM_SCHEME,
): WebhookHandler {
  // A misconfiguration fails here, loudly, never as a receiver that answers 401 to everything and logs nothing.
  if (typeof options !== "object" || options === null) {
    throw new TypeError("The receiver needs an options object: { secret, on, ... }, got " + kindOf(options));
  }
  if ("verifyUrlValidation" in options) {
    // Removed, not ignored: it let an unsigned handshake sign attacker text (see README, Receiving Zoom webhooks).
    throw new TypeError(
      "verifyUrlValidation was removed: the URL-validation handshake is always verified (Zoom signs it)",
    );
  }
  for (const key of Object.keys(options)) {
    if (!OPTIONS.includes(key)) {
      throw new TypeError(`unknown option ${JSON.stringify(key)} (the options are: ${OPTIONS.join(", ")})`);
    }
  }
  const secret = options.secret;
  const fixed = typeof secret === "function" ? undefined : secretProblem(secret);
  if (fixed !== undefined) {
    throw new TypeError(`options.secret${fixed.at} is ${fixed.kind}: ${scheme.secretHint || SECRET_HINT}`);
  }
  const fixedSecrets: readonly string[] | undefined =
    typeof secret === "string" ? [secret] : typeof secret === "function" ? undefined : [...(secret as string[])];
  if (fixedSecrets !== undefined && scheme.checkSecret !== undefined) {
    for (const [index, one] of fixedSecrets.entries()) {
      try {
        scheme.checkSecret(one);
      } catch (error) {
        const at = typeof secret === "string" ? "" : `[${index}]`;
        throw new TypeError(`options.secret${at} cannot be used: ${(error as Error).message}`);
      }
    }
  }
  const ackTimeoutMs = options.ackTimeoutMs ?? 2500;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? 10_000;
  if (typeof ackTimeoutMs !== "number" || !(ackTimeoutMs >= 0)) {
    throw new TypeError("ackTimeoutMs must be a number >= 0 (Infinity waits for the handlers)");
  }
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new TypeError("maxBodyBytes must be a whole number of bytes, at least 1 (default 1048576, 1 MiB)");
  }
  // setTimeout fires at once beyond 2^31-1 ms; no value turns the deadline off.
  if (typeof bodyTimeoutMs !== "number" || !(bodyTimeoutMs > 0 && bodyTimeoutMs <= 2_147_483_647)) {
    throw new TypeError("bodyTimeoutMs must be a number of milliseconds > 0 and at most 2147483647 (default 10000)");
  }
  // The secret function gets the acknowledgement deadline (bounded, so Infinity or 0 still leaves one).
  const secretTimeoutMs = ackTimeoutMs > 0 && ackTimeoutMs <= 2_147_483_647 ? ackTimeoutMs : 2500;
  const tolerance = options.toleranceSeconds ?? 300;
  if (typeof tolerance !== "number" || !(tolerance >= 0)) {
    throw new TypeError("toleranceSeconds must be a number >= 0 (0 turns the timestamp check off)");
  }
  if (![undefined, "allow", "reject"].includes(options.unknownProperties)) {
    throw new TypeError('unknownProperties must be "allow" or "reject"');
  }
  for (const name of ["onAny", "onUnknownEvent", "onError", "now", "dedupeKey", "onDuplicate"] as const) {
    const value: unknown = options[name];
    if (value !== undefined && typeof value !== "function") {
      throw new TypeError(`${name} must be a function, got ${kindOf(value)}`);
    }
  }
  if (options.now !== undefined) checkClock(options.now);
  const store = options.store;
  if (store !== undefined) {
    const missing =
      typeof store === "object" && store !== null
        ? STORE_METHODS.filter((name) => typeof (store as unknown as Record<string, unknown>)[name] !== "function")
        : STORE_METHODS;
    if (missing.length > 0) {
      throw new TypeError(
        `options.store must be a WebhookStore (memoryStore() or redisStore({ send })); ${kindOf(store)} without ` +
          missing.join(", "),
      );
    }
  } else {
    for (const name of ["dedupeKey", "dedupeTtlSeconds", "maxDeliveries", "onDuplicate"] as const) {
      if (options[name] !== undefined) {
        throw new TypeError(
          `${name} needs options.store (memoryStore() or redisStore({ send })): without it, nothing is deduplicated`,
        );
      }
    }
  }
  const maxDeliveries = options.maxDeliveries ?? 4;
  if (!Number.isSafeInteger(maxDeliveries) || maxDeliveries < 1) {
    throw new TypeError("maxDeliveries must be a whole number, at least 1 (default 4: Zoom's delivery and 3 retries)");
  }
  const dedupeTtlSeconds = options.dedupeTtlSeconds ?? 3 * 24 * 3600;
  if (
    typeof dedupeTtlSeconds !== "number" ||
    !(dedupeTtlSeconds > 0 && dedupeTtlSeconds * 1000 <= Number.MAX_SAFE_INTEGER)
  ) {
    throw new TypeError("dedupeTtlSeconds must be a number of seconds > 0 (default 259200, 3 days)");
  }
  const handlerMap = readHandlers(options.on, eventNames);
  const report = options.onError ?? createDefaultOnError();
  // A throwing onError must not take the server down or leave the request unanswered.
  const onError = (error: unknown, context: WebhookErrorContext): void => {
    try {
      report(error, context);
    } catch (failure) {
      console.error("[zoom webhook] onError threw", failure);
    }
  };
  const validation = { unknownProperties: options.unknownProperties ?? "allow" } as const;
  const verifyOptions = (body: Uint8Array, headers: HeadersInput, secrets: readonly string[]): VerifyOptions => ({
    body,
    headers,
    secret: secrets,
    ...(options.toleranceSeconds !== undefined ? { toleranceSeconds: options.toleranceSeconds } : {}),
    ...(options.now !== undefined ? { now: options.now } : {}),
  });

  /** The secrets for a request, or the configuration error that a secret function gave none. */
  async function secretsOf(headers: HeadersInput): Promise<readonly string[] | Error> {
    if (fixedSecrets !== undefined) return fixedSecrets;
    let chosen: unknown;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A secret store that never answers must not hold the request (and its socket) open: Zoom waits 3 s at most.
    const late = new Promise<typeof LATE>((resolve) => {
      timer = setTimeout(() => resolve(LATE), secretTimeoutMs);
    });
    try {
      chosen = await Promise.race([(secret as (headers: HeadersInput) => unknown)(headers), late]);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return new Error(`options.secret (a function) threw: ${reason}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
    if (chosen === LATE) {
      return new Error(
        `options.secret (a function) did not settle within ${secretTimeoutMs} ms: make the secret lookup answer ` +
          "faster, or cache it",
      );
    }
    const problem = secretProblem(chosen);
    if (problem === undefined) return typeof chosen === "string" ? [chosen] : (chosen as readonly string[]);
    const what = problem.at === "" ? problem.kind : `a list whose ${problem.at} is ${problem.kind}`;
    return new Error(`options.secret (a function) returned ${what} for this request: ${SECRET_HINT}`);
  }

  const deliverer = createDeliverer({
    store,
    dedupeKey: options.dedupeKey as never,
    dedupeTtlMs: dedupeTtlSeconds * 1000,
    maxDeliveries,
    onDuplicate: options.onDuplicate as never,
    ackTimeoutMs,
    storeTimeoutMs: secretTimeoutMs,
    report: onError,
    now: options.now ?? Date.now,
  });

  /** A valid known event's handlers (its own, then onAny). */
  function prepare(event: M[keyof M], name: string): PreparedEvent {
    const handlers: (() => unknown)[] = [];
    // A Map, not the options object: an event named "toString" or "__proto__" has no handler unless one was given.
    const own = handlerMap.get(name);
    if (own !== undefined) handlers.push(() => own(event));
    const any = options.onAny;
    if (any !== undefined) handlers.push(() => any(event));
    return { name, event, handlers };
  }

  function answer(delivery: { readonly status: number; readonly retryAfterSeconds?: number }): Reply {
    if (delivery.status === 200) return reply(200);
    if (delivery.status === 503) {
      const retry = delivery.retryAfterSeconds;
      return reply(503, "Service Unavailable", retry === undefined ? TEXT : { ...TEXT, "retry-after": String(retry) });
    }
    return reply(500, "Internal Server Error");
  }

  /** The event of a dead letter's body: parsed and validated again (the spec or the options may have changed). */
  function prepareStored(rawBody: string): PreparedEvent {
    const parsed = parseJsonBody(encodeUtf8(rawBody));
    if (!parsed.ok) throw new Error("replay: the dead letter's body is not valid JSON: " + parsed.reason);
    const result = validate(parsed.value, validation);
    if (!result.ok) {
      throw new Error(
        "replay: the dead letter's event does not match the spec: " + result.issues.map((i) => i.message).join("; "),
      );
    }
    return prepare(result.value, eventNameOf(result));
  }

  function needStore(what: string): WebhookStore {
    if (store === undefined) {
      throw new Error(
        `handler.${what} needs options.store (memoryStore() or redisStore({ send })): no store, no dead letters`,
      );
    }
    return store;
  }

  /** Everything after the body is read: the same for both adapters. */
  async function respond(headers: HeadersInput, body: Uint8Array): Promise<Reply> {
    let signingSecret: string;
    try {
      // Refusals that need no secret come first: a scanner never reaches a secret function.
      scheme.checkHeaders(verifyOptions(body, headers, []));
      const secrets = fixedSecrets ?? (await secretsOf(headers));
      if (secrets instanceof Error) {
        onError(secrets, { stage: "config" });
        return reply(500, "Internal Server Error");
      }
      // node:crypto's synchronous HMAC costs microseconds; Web Crypto's promise round trip costs tens of them.
      signingSecret =
        getNodeCrypto() !== null
          ? scheme.matchingSecret(verifyOptions(body, headers, secrets))
          : await scheme.matchingSecretAsync(verifyOptions(body, headers, secrets));
    } catch (error) {
      if (!scheme.isRefusal(error)) throw error;
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
    if (scheme.handshake && name === "endpoint.url_validation") {
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
      // The unknown name is where the validator looked for it: `event` for Zoom, the spec's discriminant for others.
      const unknownName = unknown ? readAt(value, result.issues[0]!.path) : undefined;
      if (unknown && typeof unknownName === "string") {
        const handler = options.onUnknownEvent;
        if (handler === undefined) return reply(200);
        const unknownEvent = value as UnknownWebhookEvent;
        return answer(
          await deliverer.runUndeduplicated({
            name: unknownName,
            event: unknownEvent,
            handlers: [() => handler(unknownEvent)],
          }),
        );
      }
      onError(new Error("The event does not match the spec"), {
        stage: "validate",
        issues: result.issues,
        ...(typeof name === "string" ? { event: name } : {}),
      });
      return reply(400, "Bad Request");
    }
    return answer(await deliverer.deliver(prepare(result.value, eventNameOf(result)), body, headers));
  }

  function precheck(
    method: string | undefined,
    contentType: string | undefined,
    contentLength: string | undefined,
  ): Reply | undefined {
    // The body is not read after these: the connection is closed instead of drained (it could be endless).
    if ((method ?? "").toUpperCase() !== "POST") return reply(405, "Method Not Allowed", { ...CLOSE, allow: "POST" });
    if (!isJsonContentType(contentType)) return reply(415, "Unsupported Media Type", CLOSE);
    if (contentLength !== undefined && Number(contentLength) > maxBodyBytes) {
      onError(new BodyTooLarge(maxBodyBytes), { stage: "read" });
      return reply(413, "Payload Too Large", CLOSE);
    }
    return undefined;
  }

  async function safely(work: () => Promise<Reply>): Promise<Reply> {
    try {
      return await work();
    } catch (error) {
      onError(error, { stage: "read" });
      if (error instanceof BodyTooLarge) return reply(413, "Payload Too Large", CLOSE);
      if (error instanceof BodyTimeout) return reply(408, "Request Timeout", CLOSE);
      return reply(500, "Internal Server Error", CLOSE);
    }
  }

  function bodyConsumed(message: string): Reply {
    onError(new BodyConsumedError(message), { stage: "config" });
    return reply(500, "Internal Server Error");
  }

  return {
    async deadLetters(): Promise<readonly DeadLetter[]> {
      return needStore("deadLetters()").deadLetters();
    },

    async replay(key: string): Promise<ReplayOutcome> {
      needStore("replay(key)");
      return deliverer.replay(key, prepareStored);
    },

    async fetch(request: Request): Promise<Response> {
      const answer = await safely(async () => {
        const early = precheck(
          request.method,
          request.headers.get("content-type") ?? undefined,
          request.headers.get("content-length") ?? undefined,
        );
        if (request.bodyUsed) {
          return bodyConsumed(
            "handler.fetch answers 500: the request body was already read (request.bodyUsed), so Zoom's signature cannot be " +
              "verified. Pass the request before anything reads it, or pass a copy: handler.fetch(request.clone()).",
          );
        }
        if (early !== undefined) {
          // Not awaited: a hostile source need not settle.
          request.body?.cancel().catch(() => undefined);
          return early;
        }
        const body = await readStream(request.body, maxBodyBytes, bodyTimeoutMs);
        return respond(request.headers, body);
      });
      return new Response(answer.body === "" ? null : answer.body, { status: answer.status, headers: answer.headers });
    },

    async node(req: NodeRequestLike, res: NodeResponseLike): Promise<void> {
      const answer = await safely(async () => {
        const header = (name: string): string | undefined => getHeader(req.headers, name)[0];
        const early = precheck(req.method, header("content-type"), header("content-length"));
        if (early !== undefined) return early;
        const stored =
          req.rawBody ?? (typeof req.body === "string" || req.body instanceof Uint8Array ? req.body : undefined);
        // Express 4's parsers set req.body = {} even for requests they leave unread: then the stream is still ours.
        if (stored === undefined && req.body !== undefined && req.readableEnded !== false) {
          return bodyConsumed(
            "handler.node answers 500: the request body was already parsed (req.body is set) and no raw body is " +
              "available, so Zoom's signature (over the raw bytes) cannot be verified. " +
              FIX_PARSER,
          );
        }
        if (stored === undefined && req.readableEnded === true) {
          return bodyConsumed(
            "handler.node answers 500: the request stream was already read to its end (by a body parser or another " +
              "listener) and no raw body is available, so Zoom's signature (over the raw bytes) cannot be verified. " +
              FIX_PARSER,
          );
        }
        let body: Uint8Array;
        if (stored === undefined) body = await readNode(req, maxBodyBytes, bodyTimeoutMs);
        else if (typeof stored === "string") body = encodeUtf8(stored);
        else if (stored instanceof Uint8Array) body = stored;
        else
          return bodyConsumed(
            "handler.node answers 500: req.rawBody must be a Buffer, Uint8Array or string. " + FIX_PARSER,
          );
        if (body.length > maxBodyBytes) throw new BodyTooLarge(maxBodyBytes);
        return respond(req.headers, body);
      });
      res.statusCode = answer.status;
      for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
      if (answer.headers["connection"] === "close") {
        // node:http would drain the rest of the body to reuse the connection: an endless upload would be read forever.
        const socket = req.socket;
        res.on?.("finish", () => (socket?.destroySoon !== undefined ? socket.destroySoon() : socket?.destroy()));
      }
      res.end(answer.body);
    },
  };
}

/** The own property at `path` of a JSON value, or undefined. */
function readAt(value: unknown, path: readonly (string | number)[]): unknown {
  let node = value;
  for (const key of path) {
    if (typeof node !== "object" || node === null || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** The three ways to give handler.node the raw body behind Express (or any framework with a body parser). */
const FIX_PARSER = [
  "Fix it in one of three ways:",
  "  1. Mount the webhook route before the body parser:",
  '       app.post("/zoom", handler.node);',
  "       app.use(express.json());",
  "  2. Give the webhook route the raw body:",
  '       app.post("/zoom", express.raw({ type: "application/json" }), handler.node);',
  "  3. Keep the raw body beside the parsed one, as req.rawBody (a Buffer, Uint8Array or string):",
  "       app.use(express.json({ verify: (req, _res, buf) => { req.rawBody = buf; } }));",
].join("\n");

/** The handlers of `on`, by event name, checked: a plain object of functions, each for an event of the package. */
export function readHandlers(
  on: unknown,
  eventNames: readonly string[] | undefined,
): ReadonlyMap<string, (event: unknown) => unknown> {
  const handlers = new Map<string, (event: unknown) => unknown>();
  if (on === undefined) return handlers;
  if (typeof on !== "object" || on === null || Array.isArray(on)) {
    throw new TypeError(
      'options.on must be an object of handlers by event name ({ "event.name": (event) => ... }), got ' + kindOf(on),
    );
  }
  const prototype: unknown = Object.getPrototypeOf(on);
  if (prototype !== Object.prototype && prototype !== null) {
    // `{ __proto__: handler }` sets the prototype; a class instance's methods are not own properties: neither would run.
    throw new TypeError(
      'options.on must be a plain object ({ "event.name": handler }); its prototype is not Object.prototype',
    );
  }
  for (const [name, handler] of Object.entries(on as Record<string, unknown>)) {
    const where = `options.on[${JSON.stringify(name)}]`;
    if (typeof handler !== "function") throw new TypeError(`${where} must be a function, got ${kindOf(handler)}`);
    if (eventNames !== undefined && !eventNames.includes(name)) {
      const known = eventNames.length <= 12 ? eventNames.join(", ") : `${eventNames.slice(0, 12).join(", ")}, ...`;
      throw new TypeError(
        `${where}: ${JSON.stringify(name)} is not an event of this package, so the handler would never be called` +
          (name === "endpoint.url_validation"
            ? " (the URL-validation handshake is answered by the receiver)"
            : ` (its events: ${known}; unknown events go to onUnknownEvent)`),
      );
    }
    handlers.set(name, handler as (event: unknown) => unknown);
  }
  return handlers;
}
