import type { SpecModel } from "../model/model.js";
import { tsBanner } from "./banner.js";
import type { EmittedFile } from "./emitted-file.js";
import { HANDLER_RUNTIME } from "./handler-runtime.js";
import { RECEIVER_RUNTIME } from "./receiver-runtime.js";

/** `src/receiver.ts`: signature verification, the URL-validation handshake and a typed router, with Fetch and node:http adapters. */
export function emitReceiver(model: SpecModel): EmittedFile {
  const contents = [
    tsBanner(model),
    'import type { WebhookEvent, WebhookEventMap, WebhookEventName } from "./types.js";',
    'import { validateWebhookEvent, type UnknownPropertiesMode, type ValidationIssue } from "./guards.js";',
    RECEIVER_RUNTIME,
    HANDLER_RUNTIME,
  ].join("\n");
  return { path: "src/receiver.ts", contents };
}
