import { CobrowseGenError, type Diagnostic } from "../errors.js";
import type { LoadedSpec } from "../load/load-spec.js";
import type { Discriminant, EventModel, ReceiverKind } from "../model/model.js";

export const RECEIVER_KINDS: readonly ReceiverKind[] = ["zoom", "standard", "none"];

/**
 * Which receiver the package gets. Zoom's (its signature, its URL-validation handshake) only for Zoom's webhooks: every
 * event names itself in an `event` string property, and no `servers` entry is another vendor's host. Everything else
 * gets the router alone, unless the user says the sender signs by the Standard Webhooks scheme.
 */
export function chooseReceiver(
  specs: readonly LoadedSpec[],
  events: readonly EventModel[],
  discriminant: Discriminant | undefined,
  requested: ReceiverKind | undefined,
): { receiver: ReceiverKind; warnings: Diagnostic[] } {
  const first = specs[0]!;
  // Zoom's shape: the events are told apart by `event` as Zoom's are (not by another property beside one named so).
  const zoomShaped = discriminant?.source === "zoom";
  const notZoomShaped = zoomShaped ? undefined : (events.find((event) => !hasZoomEventProperty(event)) ?? events[0]);
  if (requested === "zoom" && notZoomShaped !== undefined) {
    throw new CobrowseGenError({
      code: "invalid-receiver",
      message: `--receiver zoom needs Zoom's event shape, but the events are not told apart by an \`event\` string property naming each (the body of "${notZoomShaped.name}", say).`,
      file: first.file,
      pointer: notZoomShaped.body.pointer,
      hint: "Zoom's receiver routes on `event`: use --receiver standard (Standard Webhooks signatures) or --receiver none (a router, no verification).",
    });
  }
  if (requested !== undefined) return { receiver: requested, warnings: [] };
  const foreign = specs.map((spec) => ({ spec, host: foreignHost(spec) })).find((s) => s.host !== undefined);
  if (notZoomShaped === undefined && foreign === undefined) return { receiver: "zoom", warnings: [] };
  const why =
    notZoomShaped !== undefined
      ? `its events are not told apart by an \`event\` property naming each, as Zoom's are`
      : `its servers are ${foreign!.host}, not Zoom's`;
  return {
    receiver: "none",
    warnings: [
      {
        code: "receiver",
        message: `Not a Zoom spec (${why}): the package gets createWebhookRouter, which validates and routes events but verifies no signature.`,
        file: foreign?.spec.file ?? first.file,
        ...(notZoomShaped !== undefined ? { pointer: notZoomShaped.body.pointer } : { pointer: "/servers" }),
        hint: "If the sender signs by the Standard Webhooks scheme (webhook-id, webhook-timestamp, webhook-signature headers), generate with --receiver standard; else verify requests before routing them.",
      },
    ],
  };
}

/** Whether the body has an `event` string property, as Zoom's bodies do. */
function hasZoomEventProperty(event: EventModel): boolean {
  const property = event.body.properties.find((p) => p.name === "event");
  return property !== undefined && property.schema.kind === "string";
}

/** The first `servers` host that is a real name and not Zoom's (`{your-endpoint-url}` templates say nothing). */
function foreignHost(spec: LoadedSpec): string | undefined {
  const servers = spec.servers;
  if (!Array.isArray(servers)) return undefined;
  for (const server of servers) {
    const url = typeof server === "object" && server !== null ? (server as { url?: unknown }).url : undefined;
    if (typeof url !== "string" || url.includes("{")) continue;
    let host: string;
    try {
      host = new URL(url).hostname.toLowerCase();
    } catch {
      continue;
    }
    if (host !== "zoom.us" && !host.endsWith(".zoom.us") && host !== "localhost") return host;
  }
  return undefined;
}
