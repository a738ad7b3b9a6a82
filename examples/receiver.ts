/**
 * A complete Zoom Cobrowse webhook receiver on node:http, importing the generated package by name, as a service would
 * (this repo depends on it as "file:generated").
 *
 *   ZOOM_WEBHOOK_SECRET_TOKEN=... npm run example:receiver      (PORT defaults to 8080; 127.0.0.1 only)
 *
 * In Zoom's Marketplace app, point the Event Notification Endpoint URL at this server (through a tunnel or proxy);
 * Zoom's URL validation is answered automatically.
 *
 * With REDIS_URL (e.g. redis://127.0.0.1:6379) the receiver keeps its delivery state in Redis (redisStore over
 * node-redis): several instances behind one load balancer then handle each event once between them, and a
 * delivery whose handlers keep failing is kept as a dead letter.
 *
 *   REDIS_URL=redis://127.0.0.1:6379 PORT=8081 ZOOM_WEBHOOK_SECRET_TOKEN=... npm run example:receiver
 *   REDIS_URL=redis://127.0.0.1:6379 PORT=8082 ZOOM_WEBHOOK_SECRET_TOKEN=... npm run example:receiver
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createWebhookHandler, redisStore } from "cobrowse-sdk-webhooks";

const secret = process.env.ZOOM_WEBHOOK_SECRET_TOKEN;
if (!secret) {
  console.error("Set ZOOM_WEBHOOK_SECRET_TOKEN to your app's Secret Token (Marketplace → your app → Feature → Event Subscriptions).");
  process.exit(2);
}

// node-redis is this example's dependency, not the package's: redisStore only needs a function that sends a command.
const redis = process.env.REDIS_URL ? (await import("redis")).createClient({ url: process.env.REDIS_URL }) : undefined;
if (redis !== undefined) {
  // Without a listener node-redis throws on a lost connection; the receiver answers 503 until Redis is back.
  redis.on("error", (error: Error) => console.warn("redis:", error.message));
  await redis.connect();
}
const store = redis === undefined ? undefined : redisStore({ send: (args) => redis.sendCommand(args) });

const handler = createWebhookHandler({
  secret,
  ...(store === undefined ? {} : { store }),
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
  console.log(`listening on http://127.0.0.1:${port}/${store === undefined ? "" : " (delivery state in Redis)"}`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.close(() => void (redis?.close() ?? Promise.resolve()).finally(() => process.exit(0))));
}
