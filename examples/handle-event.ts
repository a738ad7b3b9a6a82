import { parseWebhookEvent, type WebhookEvent } from "cobrowse-sdk-webhooks";

export function handle(rawBody: string | Uint8Array): number {
  // "allow": Zoom adds fields to live events without notice; accept them (they are listed in result.warnings).
  const result = parseWebhookEvent(rawBody, { unknownProperties: "allow" });
  if (!result.ok) {
    for (const issue of result.issues) console.warn(issue.code, issue.pointer, issue.message);
    return 400;
  }
  const event: WebhookEvent = result.value;
  switch (event.event) {
    case "cobrowse.session_started":
      console.log("started", event.payload.object.session_id, event.payload.object.start_time);
      break;
    case "cobrowse.session_user_joined":
    case "cobrowse.session_user_left":
      console.log(event.event, event.payload.object.user_id);
      break;
    case "cobrowse.session_ended":
      console.log("ended", event.payload.object.end_time);
      break;
    default: {
      const unreachable: never = event; // a new event in the spec makes this a compile error
      return unreachable;
    }
  }
  return 200;
}
