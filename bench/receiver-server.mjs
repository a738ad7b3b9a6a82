// One server for bench/receiver.mjs, in its own process so that it does not share an event loop with the client.
// argv[2]: "bare" (answers 200 without verifying), "handler" (the generated createWebhookHandler on handler.node),
// "memory" (the same with memoryStore) or "redis" (with redisStore over node-redis, at REDIS_URL).
import http from "node:http";
import { createClient } from "redis";
import { createWebhookHandler, memoryStore, redisStore } from "../generated/dist/index.js";

const mode = process.argv[2];
let handled = 0;
const client = mode === "redis" ? await createClient({ url: process.env.REDIS_URL }).connect() : undefined;
const store =
  mode === "memory"
    ? { store: memoryStore({ maxEntries: 100_000 }) }
    : client !== undefined
      ? { store: redisStore({ send: (args) => client.sendCommand(args) }) }
      : {};
const handler = createWebhookHandler({
  ...store,
  secret: process.env.BENCH_SECRET,
  on: { "cobrowse.session_started": () => void handled++, "cobrowse.session_ended": () => void handled++ },
  onAny: () => undefined,
  onError: (error, context) => process.stderr.write(`error ${context.stage}: ${error}\n`),
});
const server =
  mode === "bare"
    ? http.createServer((req, res) => {
        req.resume();
        req.on("end", () => {
          res.statusCode = 200;
          res.end();
        });
      })
    : http.createServer((req, res) => void handler.node(req, res));
server.keepAliveTimeout = 30_000;
server.listen(0, "127.0.0.1", () => process.send?.({ port: server.address().port }));
process.on("message", (message) => {
  if (message === "stop") server.close(() => void (client?.destroy(), process.exit(0)));
});
