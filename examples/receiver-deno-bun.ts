import { createWebhookHandler } from "cobrowse-sdk-webhooks";

const handler = createWebhookHandler({
  secret: process.env.ZOOM_WEBHOOK_SECRET_TOKEN!, // Deno needs --allow-env=ZOOM_WEBHOOK_SECRET_TOKEN
  on: {
    "cobrowse.session_started": (event) => console.log("started", event.payload.object.session_id),
    "cobrowse.session_ended": (event) => console.log("ended", event.payload.object.session_id, event.payload.object.end_time),
  },
});

// deno serve --allow-env=ZOOM_WEBHOOK_SECRET_TOKEN receiver.ts, or bun receiver.ts; Next.js: export const POST = handler.fetch
export default { fetch: handler.fetch };
