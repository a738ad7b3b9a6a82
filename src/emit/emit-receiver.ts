import type { SpecModel } from "../model/model.js";
import { tsBanner } from "./banner.js";
import type { EmittedFile } from "./emitted-file.js";
import { HANDLER_RUNTIME } from "./handler-runtime.js";
import { RECEIVER_RUNTIME } from "./receiver-runtime.js";
import { importDeclaration, printModule, raw, withBlankLine } from "./write-code.js";

/** `src/receiver.ts`: signature verification, the URL-validation handshake and a typed router, with Fetch and node:http adapters. */
export function emitReceiver(model: SpecModel): EmittedFile {
  const statements = [
    importDeclaration(["WebhookEvent", "WebhookEventMap", "WebhookEventName"], "./types.js", { typeOnly: true }),
    withBlankLine(
      importDeclaration(["validateWebhookEvent", { name: "UnknownPropertiesMode", typeOnly: true }, { name: "ValidationIssue", typeOnly: true }], "./guards.js"),
    ),
    withBlankLine(raw(RECEIVER_RUNTIME.trim())),
    raw(HANDLER_RUNTIME.trim()),
  ];
  return { path: "src/receiver.ts", contents: printModule(statements, { banner: tsBanner(model) }) };
}
