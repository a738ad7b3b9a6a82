import type { SpecModel } from "../model/model.js";
import { tsBanner } from "./banner.js";
import type { EmittedFile } from "./emitted-file.js";

/**
 * `src/receiver.ts`: the runtime's receiver (signature verification, the URL-validation handshake, a router with
 * Fetch and node:http adapters) bound to this spec's events and validator, and its public names.
 */
export function emitReceiver(model: SpecModel): EmittedFile {
  const contents = [
    tsBanner(model),
    'import type { WebhookEventMap } from "./types.js";',
    'import { validateWebhookEvent } from "./guards.js";',
    'import { createHandler, type EventHandlers, type HandlerOptions, type WebhookHandler } from "./runtime/create-handler.js";',
    "",
    'export { createUrlValidationResponse } from "./runtime/answer-url-validation.js";',
    'export { getHeader, type HeadersInput } from "./runtime/read-header.js";',
    "export {",
    "  signWebhook,",
    "  verifyWebhookSignature,",
    "  verifyWebhookSignatureAsync,",
    "  WebhookVerificationError,",
    "  type SecretInput,",
    "  type VerifyOptions,",
    "  type WebhookVerificationErrorCode,",
    '} from "./runtime/verify-signature.js";',
    "export type {",
    "  NodeRequestLike,",
    "  NodeResponseLike,",
    "  UnknownWebhookEvent,",
    "  WebhookErrorContext,",
    "  WebhookHandler,",
    '} from "./runtime/create-handler.js";',
    "",
    "/** Handlers by event name: each receives its exact event type. */",
    "export type WebhookHandlers = EventHandlers<WebhookEventMap>;",
    "",
    "/** The options of createWebhookHandler. */",
    "export type WebhookHandlerOptions = HandlerOptions<WebhookEventMap>;",
    "",
    "/**",
    " * Creates a receiver: verifies Zoom's signature over the raw body, answers the URL-validation handshake, validates the",
    " * event against the spec, and routes it to its typed handler, answering within ackTimeoutMs.",
    " */",
    "export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {",
    "  return createHandler<WebhookEventMap>(options, validateWebhookEvent);",
    "}",
    "",
  ].join("\n");
  return { path: "src/receiver.ts", contents };
}
