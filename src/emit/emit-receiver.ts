import { receiverOf, type SpecModel } from "../model/model.js";
import { tsBanner } from "./banner.js";
import { ROOT_LAYOUT, relocate, type ModuleLayout } from "./module-layout.js";
import type { EmittedFile } from "./emitted-file.js";
import { printModuleFiles, raw } from "./write-code.js";

/**
 * The receiver bound to this package: the runtime's handler (signature verification, the URL-validation handshake, a
 * router with Fetch and node:http adapters) typed by WebhookEventMap and validating with validateWebhookEvent, and the
 * runtime's public receiver names. No spec text enters it: it is the same for every spec, fixed text as prettier
 * prints it.
 */
const RECEIVER = `import { webhookEventNames, type WebhookEventMap } from "./types.js";
import { validateWebhookEvent } from "./guards.js";
import {
  createHandler,
  type EventHandlers,
  type HandlerOptions,
  type WebhookHandler,
} from "./runtime/create-handler.js";

export { createUrlValidationResponse } from "./runtime/answer-url-validation.js";
export { redisStore, type RedisSend, type RedisStoreOptions } from "./runtime/create-redis-store.js";
export { getHeader, type HeadersInput } from "./runtime/read-header.js";
export {
  signWebhook,
  verifyWebhookSignature,
  verifyWebhookSignatureAsync,
  WebhookVerificationError,
  type SecretInput,
  type VerifyOptions,
  type WebhookVerificationErrorCode,
} from "./runtime/verify-signature.js";
export type {
  NodeRequestLike,
  NodeResponseLike,
  UnknownWebhookEvent,
  WebhookErrorContext,
  WebhookHandler,
} from "./runtime/create-handler.js";
export { memoryStore, type MemoryStoreOptions } from "./runtime/create-memory-store.js";
export type { ReplayOutcome } from "./runtime/deliver-event.js";
export type { ClaimOptions, ClaimResult, DeadLetter, Failure, WebhookStore } from "./runtime/webhook-store.js";

/** Handlers by event name: each receives its exact event type. */
export type WebhookHandlers = EventHandlers<WebhookEventMap>;

/** The options of createWebhookHandler. */
export type WebhookHandlerOptions = HandlerOptions<WebhookEventMap>;

/**
 * Creates a receiver: verifies Zoom's signature over the raw body, answers the URL-validation handshake, validates the
 * event against the spec, and routes it to its typed handler, answering within ackTimeoutMs (500 when a handler
 * fails, so that Zoom redelivers); with a store, deduplicates deliveries and keeps dead letters. Throws a TypeError
 * for a missing or empty secret, an unknown option, a handler for an event this package does not have, or a bad limit.
 */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  return createHandler<WebhookEventMap>(options, validateWebhookEvent, webhookEventNames);
}`;

const RECEIVER_JS = `import { webhookEventNames } from "./types.js";
import { validateWebhookEvent } from "./guards.js";
import { createHandler } from "./runtime/create-handler.js";

export { createUrlValidationResponse } from "./runtime/answer-url-validation.js";
export { redisStore } from "./runtime/create-redis-store.js";
export { getHeader } from "./runtime/read-header.js";
export {
  signWebhook,
  verifyWebhookSignature,
  verifyWebhookSignatureAsync,
  WebhookVerificationError,
} from "./runtime/verify-signature.js";
export { memoryStore } from "./runtime/create-memory-store.js";

/**
 * Creates a receiver: verifies Zoom's signature over the raw body, answers the URL-validation handshake, validates the
 * event against the spec, and routes it to its typed handler, answering within ackTimeoutMs (500 when a handler
 * fails, so that Zoom redelivers); with a store, deduplicates deliveries and keeps dead letters. Throws a TypeError
 * for a missing or empty secret, an unknown option, a handler for an event this package does not have, or a bad limit.
 */
export function createWebhookHandler(options) {
  return createHandler(options, validateWebhookEvent, webhookEventNames);
}`;

/** The declarations: the source's, with the function's body left out. */
const RECEIVER_DTS = RECEIVER.replace(
  /export function createWebhookHandler\(options: WebhookHandlerOptions\): WebhookHandler \{\n[^]*?\n\}/,
  "export declare function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler;",
)
  .replace('import { validateWebhookEvent } from "./guards.js";\n', "")
  .replace("import { webhookEventNames, type WebhookEventMap }", "import type { WebhookEventMap }");

/**
 * The router of a package whose spec is not Zoom's: the runtime's router typed by WebhookEventMap and validating with
 * validateWebhookEvent. No verification: the sender's scheme is unknown (or, with --receiver standard, exported beside).
 */
const ROUTER = `import { webhookEventNames, type WebhookEventMap } from "./types.js";
import { validateWebhookEvent } from "./guards.js";
import {
  createRouter,
  type RouteHandlers,
  type RouterOptions,
  type WebhookRouter,
} from "./runtime/create-router.js";

export type { RouteErrorContext, RouteOutcome, WebhookRouter } from "./runtime/create-router.js";

/** Handlers by event name: each receives its exact event type. */
export type WebhookHandlers = RouteHandlers<WebhookEventMap>;

/** The options of createWebhookRouter. */
export type WebhookRouterOptions = RouterOptions<WebhookEventMap>;

/**
 * Creates a router: validates a parsed body against the spec (unknown properties allowed unless unknownProperties is
 * "reject") and runs the handler of its event. It verifies no signature: verify the request before routing it.
 * Throws a TypeError for an unknown option, or a handler for an event this package does not have.
 */
export function createWebhookRouter(options: WebhookRouterOptions): WebhookRouter {
  return createRouter<WebhookEventMap>(options, validateWebhookEvent, webhookEventNames);
}`;

const ROUTER_JS = `import { webhookEventNames } from "./types.js";
import { validateWebhookEvent } from "./guards.js";
import { createRouter } from "./runtime/create-router.js";

/**
 * Creates a router: validates a parsed body against the spec (unknown properties allowed unless unknownProperties is
 * "reject") and runs the handler of its event. It verifies no signature: verify the request before routing it.
 * Throws a TypeError for an unknown option, or a handler for an event this package does not have.
 */
export function createWebhookRouter(options) {
  return createRouter(options, validateWebhookEvent, webhookEventNames);
}`;

const ROUTER_DTS = ROUTER.replace(
  /export function createWebhookRouter\(options: WebhookRouterOptions\): WebhookRouter \{\n[^]*?\n\}/,
  "export declare function createWebhookRouter(options: WebhookRouterOptions): WebhookRouter;",
)
  .replace('import { validateWebhookEvent } from "./guards.js";\n', "")
  .replace("import { webhookEventNames, type WebhookEventMap }", "import type { WebhookEventMap }")
  .replace("import {\n  createRouter,\n  type RouteHandlers,", "import type {\n  RouteHandlers,")
  .replace("  type RouterOptions,\n  type WebhookRouter,", "  RouterOptions,\n  WebhookRouter,");

/**
 * What a `--receiver standard` package adds to the router: the runtime's receiver with the Standard Webhooks scheme
 * (body limits, deduplication and dead letters as for Zoom; no handshake), and the scheme's functions.
 */
const STANDARD = `import {
  createHandler,
  type HandlerOptions,
  type WebhookHandler,
} from "./runtime/create-handler.js";
import { STANDARD_WEBHOOK_SCHEME } from "./runtime/verify-standard-webhook.js";

export { redisStore, type RedisSend, type RedisStoreOptions } from "./runtime/create-redis-store.js";
export { getHeader, type HeadersInput } from "./runtime/read-header.js";
export {
  signStandardWebhook,
  verifyStandardWebhook,
  verifyStandardWebhookAsync,
  StandardWebhookVerificationError,
  type StandardWebhookSecretInput,
  type StandardWebhookVerifyOptions,
  type StandardWebhookVerificationErrorCode,
} from "./runtime/verify-standard-webhook.js";
export type {
  NodeRequestLike,
  NodeResponseLike,
  UnknownWebhookEvent,
  WebhookErrorContext,
  WebhookHandler,
} from "./runtime/create-handler.js";
export { memoryStore, type MemoryStoreOptions } from "./runtime/create-memory-store.js";
export type { ReplayOutcome } from "./runtime/deliver-event.js";
export type { ClaimOptions, ClaimResult, DeadLetter, Failure, WebhookStore } from "./runtime/webhook-store.js";

/** The options of createWebhookHandler: \`secret\` is the endpoint's signing secret (whsec_...). */
export type WebhookHandlerOptions = HandlerOptions<WebhookEventMap>;

/**
 * Creates a receiver: verifies the Standard Webhooks signature (webhook-id, webhook-timestamp, webhook-signature;
 * HMAC-SHA256 over the raw body, 5 minutes of tolerance), validates the event against the spec and routes it to its
 * typed handler, answering within ackTimeoutMs (500 when a handler fails, so that the sender retries); with a store,
 * deduplicates deliveries and keeps dead letters. Throws a TypeError for a missing, empty or non-base64 secret, an
 * unknown option, a handler for an event this package does not have, or a bad limit.
 */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  return createHandler<WebhookEventMap>(options, validateWebhookEvent, webhookEventNames, STANDARD_WEBHOOK_SCHEME);
}`;

const STANDARD_JS = `import { createHandler } from "./runtime/create-handler.js";
import { STANDARD_WEBHOOK_SCHEME } from "./runtime/verify-standard-webhook.js";

export { redisStore } from "./runtime/create-redis-store.js";
export { getHeader } from "./runtime/read-header.js";
export {
  signStandardWebhook,
  verifyStandardWebhook,
  verifyStandardWebhookAsync,
  StandardWebhookVerificationError,
} from "./runtime/verify-standard-webhook.js";
export { memoryStore } from "./runtime/create-memory-store.js";

/**
 * Creates a receiver: verifies the Standard Webhooks signature (webhook-id, webhook-timestamp, webhook-signature;
 * HMAC-SHA256 over the raw body, 5 minutes of tolerance), validates the event against the spec and routes it to its
 * typed handler, answering within ackTimeoutMs (500 when a handler fails, so that the sender retries); with a store,
 * deduplicates deliveries and keeps dead letters. Throws a TypeError for a missing, empty or non-base64 secret, an
 * unknown option, a handler for an event this package does not have, or a bad limit.
 */
export function createWebhookHandler(options) {
  return createHandler(options, validateWebhookEvent, webhookEventNames, STANDARD_WEBHOOK_SCHEME);
}`;

const STANDARD_DTS = STANDARD.replace(
  /export function createWebhookHandler\(options: WebhookHandlerOptions\): WebhookHandler \{\n[^]*?\n\}/,
  "export declare function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler;",
)
  .replace('import {\n  createHandler,\n  type HandlerOptions,\n  type WebhookHandler,\n}', "import type { HandlerOptions, WebhookHandler }")
  .replace('import { STANDARD_WEBHOOK_SCHEME } from "./runtime/verify-standard-webhook.js";\n', "");

/** `src/receiver.ts`: the runtime's receiver bound to this spec's events and validator, and its public names. */
export function emitReceiver(model: SpecModel, layout: ModuleLayout = ROOT_LAYOUT): EmittedFile[] {
  if (receiverOf(model) === "standard") {
    const code = raw(relocate(`${ROUTER}\n\n${STANDARD}`, layout), {
      js: relocate(`${ROUTER_JS}\n\n${STANDARD_JS}`, layout),
      dts: relocate(`${ROUTER_DTS}\n\n${STANDARD_DTS}`, layout),
    });
    return printModuleFiles(`${layout.dir}receiver.ts`, [code], { banner: tsBanner(model) });
  }
  if (receiverOf(model) !== "zoom") {
    const code = raw(relocate(ROUTER, layout), { js: relocate(ROUTER_JS, layout), dts: relocate(ROUTER_DTS, layout) });
    return printModuleFiles(`${layout.dir}receiver.ts`, [code], { banner: tsBanner(model) });
  }
  const code = raw(relocate(RECEIVER, layout), { js: relocate(RECEIVER_JS, layout), dts: relocate(RECEIVER_DTS, layout) });
  return printModuleFiles(`${layout.dir}receiver.ts`, [code], { banner: tsBanner(model) });
}
