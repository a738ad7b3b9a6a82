/**
 * One receiver instance of the scenarios, run as a child process (fork, with IPC): the generated package's
 * createWebhookHandler served by node:http on 127.0.0.1 (a free port, sent to the parent), with a redisStore over
 * node-redis. Its handler reports to the parent (IPC): "started" when it begins an event, "handled" when it succeeds.
 * The handler's behaviour comes from RECEIVER_CONFIG (JSON): failRate (0..1), delayMs, hangEvents (event_ts values
 * whose handler never settles), alwaysFail; the parent sends { type: "fix" } to make it stop failing, and asks
 * { type: "deadLetters" } / { type: "replay", key }.
 */
import { createServer } from "node:http";
import { createClient } from "redis";

const config = JSON.parse(process.env.RECEIVER_CONFIG ?? "{}");
const pkg = await import(config.packageUrl);
const name = config.name ?? "receiver";

let alwaysFail = config.alwaysFail === true;
const hang = new Set(config.hangEvents ?? []);

let store;
let client;
if (config.redisUrl !== undefined) {
  client = createClient({
    url: config.redisUrl,
    // A command while Redis is down fails at once (the receiver answers 503) instead of waiting in a queue.
    disableOfflineQueue: true,
    socket: { connectTimeout: 1_000, reconnectStrategy: (retries) => Math.min(50 * (retries + 1), 300) },
  });
  client.on("error", () => {});
  await client.connect();
  store = pkg.redisStore({
    send: (args) => client.sendCommand(args),
    ...(config.prefix ? { prefix: config.prefix } : {}),
  });
}

function report(message) {
  process.send?.({ ...message, instance: name });
}

async function handle(event) {
  const id = event.event_ts;
  report({ type: "started", id });
  if (hang.has(id)) await new Promise(() => {});
  if (config.delayMs) await new Promise((resolve) => setTimeout(resolve, Math.random() * config.delayMs));
  if (alwaysFail) throw new Error(`always fails (${id})`);
  if (config.failRate && Math.random() < config.failRate) throw new Error(`random failure (${id})`);
  report({ type: "handled", id });
}

const handler = pkg.createWebhookHandler({
  secret: config.secret,
  on: {},
  onAny: handle,
  onError: (error, context) =>
    report({ type: "error", stage: context.stage, message: String(error?.message ?? error) }),
  ...(store !== undefined ? { store } : {}),
  ...(config.handlerOptions ?? {}),
});

const server = createServer((req, res) => {
  handler.node(req, res).catch((error) => {
    report({ type: "error", stage: "node", message: String(error) });
    if (!res.headersSent) res.writeHead(500).end();
  });
});
server.keepAliveTimeout = 1_000;

process.on("message", async (message) => {
  try {
    if (message.type === "fix") {
      alwaysFail = false;
      report({ type: "fixed" });
    } else if (message.type === "ping") {
      // IPC keeps order: once the parent has this reply, it has every "handled" report sent before it.
      report({ type: "reply", id: message.id, value: "pong" });
    } else if (message.type === "deadLetters") {
      report({ type: "reply", id: message.id, value: await handler.deadLetters() });
    } else if (message.type === "replay") {
      report({ type: "reply", id: message.id, value: await handler.replay(message.key) });
    } else if (message.type === "exit") {
      server.close();
      await client?.close().catch(() => {});
      process.exit(0);
    }
  } catch (error) {
    report({ type: "reply", id: message.id, error: String(error?.message ?? error) });
  }
});

// The parent is gone (a test failed or was interrupted): never outlive it.
process.on("disconnect", () => process.exit(0));

server.listen(0, "127.0.0.1", () => report({ type: "listening", port: server.address().port }));
