import { createWebhookHandler, type WebhookHandler } from "cobrowse-sdk-webhooks";

interface Env {
  readonly ZOOM_WEBHOOK_SECRET_TOKEN: string; // wrangler secret put ZOOM_WEBHOOK_SECRET_TOKEN
}

let handler: WebhookHandler | undefined; // Workers have no process.env: the secret arrives with the first request

export default {
  fetch(request: Request, env: Env): Promise<Response> {
    handler ??= createWebhookHandler({
      secret: env.ZOOM_WEBHOOK_SECRET_TOKEN,
      on: {
        "cobrowse.session_started": (event) => console.log("started", event.payload.object.session_id),
        "cobrowse.session_ended": (event) => console.log("ended", event.payload.object.session_id, event.payload.object.end_time),
      },
    });
    return handler.fetch(request);
  },
};
