import { createClient } from "redis"; // node-redis; any client that sends a raw command works
import { createWebhookHandler, memoryStore, redisStore, type CobrowseSessionStartedEvent } from "cobrowse-sdk-webhooks";

const queue: CobrowseSessionStartedEvent[] = []; // stands for your job queue
const redis = process.env.REDIS_URL ? await createClient({ url: process.env.REDIS_URL }).connect() : undefined;
const handler = createWebhookHandler({
  secret: process.env.ZOOM_WEBHOOK_SECRET_TOKEN!,
  // Several instances behind a load balancer share one Redis; memoryStore() is for a single process.
  store: redis ? redisStore({ send: (args) => redis.sendCommand(args) }) : memoryStore(),
  on: { "cobrowse.session_started": (event) => void queue.push(event) }, // enqueue: slow work does not belong here
});

// From a cron job: run the handlers of what failed on Zoom's last delivery again.
for (const letter of await handler.deadLetters()) await handler.replay(letter.key); // "handled" | "failed" | "duplicate"
