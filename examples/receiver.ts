/**
 * A complete Zoom Cobrowse webhook receiver on node:http, importing the generated package by name, as a service would
 * (this repo depends on it as "file:generated").
 *
 *   ZOOM_WEBHOOK_SECRET_TOKEN=... npm run example:receiver      (PORT defaults to 8080; 127.0.0.1 only)
 *
 * In Zoom's Marketplace app, point the Event Notification Endpoint URL at this server (through a tunnel or proxy);
 * Zoom's URL validation is answered automatically.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createWebhookHandler } from "cobrowse-sdk-webhooks";

const secret = process.env.ZOOM_WEBHOOK_SECRET_TOKEN;
if (!secret) {
  console.error("Set ZOOM_WEBHOOK_SECRET_TOKEN to your app's Secret Token (Marketplace → your app → Feature → Event Subscriptions).");
  process.exit(2);
}

const handler = createWebhookHandler({
  secret,
  on: {
    "cobrowse.session_started": (event) => {
      console.log(`session ${event.payload.object.session_id} started at ${event.payload.object.start_time}`);
    },
    "cobrowse.session_user_joined": (event) => {
      console.log(`${event.payload.object.user_name ?? event.payload.object.user_id} joined (${event.payload.object.role_type ?? "unknown role"})`);
    },
    "cobrowse.session_user_left": (event) => {
      console.log(`${event.payload.object.user_id} left: ${event.payload.object.leave_reason ?? "no reason given"}`);
    },
    "cobrowse.session_ended": (event) => {
      console.log(`session ${event.payload.object.session_id} ended at ${event.payload.object.end_time}`);
    },
  },
  onUnknownEvent: (event) => console.log(`ignoring ${event.event}`),
  onError: (error, context) => console.warn(`refused (${context.stage}):`, error instanceof Error ? error.message : error, context.issues ?? ""),
});

const server = http.createServer((req, res) => void handler.node(req, res));
server.listen(Number(process.env.PORT ?? 8080), "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  console.log(`listening on http://127.0.0.1:${port}/`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.close(() => process.exit(0)));
