/**
 * The delivery guarantees end to end (issue 13, "Real Redis in the tests"): receiver processes sharing one real
 * Redis, real HTTP on 127.0.0.1, a simulated Zoom that redelivers on any non-2xx. An event is identified by its
 * `event_ts` (test/support/receivers.ts makes each body distinct); "handled" is a handler that succeeded.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startRedisServer, type RedisClient, type RedisServer } from "../support/redis-server.js";
import {
  bodyKey,
  handledCounts,
  makeEvent,
  pool,
  post,
  SECRET,
  startReceiver,
  stopReceivers,
  zoomDeliver,
  PACKAGE_URL,
  type Receiver,
} from "../support/receivers.js";

let redis: RedisServer;
let admin: RedisClient;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  redis = await startRedisServer();
  admin = await redis.client();
});
afterAll(async () => {
  await stopReceivers();
  await redis?.close();
});
afterEach(async () => {
  await stopReceivers();
  await admin.sendCommand(["FLUSHALL"]).catch(() => {});
});

async function events(count: number, from = 1): Promise<string[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => makeEvent(from + i)));
}

const idOf = (body: string): number => (JSON.parse(body) as { event_ts: number }).event_ts;

function instances(
  count: number,
  config: Omit<Parameters<typeof startReceiver>[0], "name" | "redisUrl"> = {},
): Promise<Receiver[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) => startReceiver({ name: `r${i}`, redisUrl: redis.url, ...config })),
  );
}

describe("the scenario machinery", () => {
  it("store-less receiver processes handle signed events from the simulated Zoom", async () => {
    const receivers = await Promise.all([startReceiver({ name: "a" }), startReceiver({ name: "b" })]);
    const bodies = await events(20);
    const results = await pool(bodies, 5, (body, i) => zoomDeliver(body, () => receivers[i % 2]!.port));
    expect(results.map((deliveries) => deliveries.map((d) => d.status))).toEqual(bodies.map(() => [200]));
    expect([...(await handledCounts(receivers)).entries()].sort((x, y) => x[0] - y[0])).toEqual(
      bodies.map((b) => [idOf(b), 1]),
    );
    // A bad signature is refused, so the simulated Zoom really signs.
    expect(
      (await post(receivers[0]!.port, bodies[0]!, { "x-zm-signature": "v0=00", "x-zm-request-timestamp": "1" })).status,
    ).toBe(401);
  });

  it("the redis-server helper stops and restarts on the same port", async () => {
    const client = await redis.client();
    expect(await client.sendCommand(["SET", "k", "v"])).toBe("OK");
    await redis.stop();
    await expect(client.sendCommand(["GET", "k"])).rejects.toThrow();
    await redis.start();
    // Back, empty (no persistence), and the client reconnected.
    const deadline = Date.now() + 5_000;
    let reply: unknown = "unset";
    while (Date.now() < deadline) {
      reply = await client.sendCommand(["GET", "k"]).catch(() => "down");
      if (reply !== "down") break;
      await sleep(100);
    }
    expect(reply).toBe(null);
    expect(SECRET).not.toBe("");
  });
});

describe("delivery scenarios against a real Redis", () => {
  it("(a) every event delivered to two instances at once: handlers run exactly once", async () => {
    const receivers = await instances(2, { delayMs: 20, handlerOptions: { ackTimeoutMs: 1_000 } });
    const bodies = await events(100);
    const results = await pool(bodies, 10, (body) =>
      Promise.all(receivers.map((receiver) => zoomDeliver(body, () => receiver.port, [100, 200, 400]))),
    );
    for (const pair of results) for (const deliveries of pair) expect(deliveries.at(-1)!.status).toBe(200);
    const counts = await handledCounts(receivers);
    expect(bodies.filter((body) => counts.get(idOf(body)) !== 1)).toEqual([]);
    expect(counts.size).toBe(bodies.length);
  });

  it("(b) 2,000 events, handlers failing at random 20% of the time: every event handled successfully exactly once", async () => {
    const receivers = await instances(2, { failRate: 0.2, handlerOptions: { ackTimeoutMs: 1_000 } });
    const bodies = await events(2_000);
    const results = await pool(bodies, 40, (body) =>
      zoomDeliver(body, () => receivers[Math.floor(Math.random() * receivers.length)]!.port, [20, 40, 80]),
    );
    // Zoom never gives up on an event: the last delivery of each is acknowledged.
    expect(results.filter((deliveries) => deliveries.at(-1)!.status !== 200)).toEqual([]);
    // The ones whose four deliveries all failed are dead letters; replay them (the handler still fails 20%).
    for (let round = 0; round < 30; round++) {
      const letters = (await receivers[0]!.ask("deadLetters")) as { key: string }[];
      if (letters.length === 0) break;
      for (const letter of letters) await receivers[round % 2]!.ask("replay", { key: letter.key }).catch(() => {});
    }
    expect(await receivers[0]!.ask("deadLetters")).toEqual([]);
    const counts = await handledCounts(receivers);
    expect(bodies.filter((body) => counts.get(idOf(body)) !== 1)).toEqual([]);
    expect(counts.size).toBe(bodies.length);
  });

  it("(c) an instance killed with SIGKILL mid-handler: another handles the redelivery after the claim expires", async () => {
    const body = await makeEvent(7);
    const [doomed, survivor] = await Promise.all([
      startReceiver({ name: "doomed", redisUrl: redis.url, hangEvents: [7], handlerOptions: { ackTimeoutMs: 1_000 } }),
      startReceiver({ name: "survivor", redisUrl: redis.url, handlerOptions: { ackTimeoutMs: 1_000 } }),
    ]);
    const killed = doomed!.waitFor((m) => m.type === "started" && m.id === 7).then(() => doomed!.kill("SIGKILL"));
    const deliveries = await zoomDeliver(
      body,
      (attempt) => (attempt === 0 ? doomed!.port : survivor!.port),
      [1_000, 2_500, 5_000],
    );
    await killed;
    expect(deliveries[0]!.status).toBe(0);
    expect(deliveries.at(-1)!.status).toBe(200);
    // Before the claim expired the survivor refused (503, busy) rather than handle it beside a running handler.
    for (const delivery of deliveries.slice(1, -1)) expect(delivery.status).toBe(503);
    expect(await handledCounts([doomed!, survivor!])).toEqual(new Map([[7, 1]]));
  });

  it("(d) Redis stopped mid-run: 503s, then recovery when it is back, nothing marked done that was not handled", async () => {
    const receivers = await instances(2, { delayMs: 10, handlerOptions: { ackTimeoutMs: 1_000 } });
    const bodies = await events(300);
    let delivered = 0;
    const outage = (async () => {
      while (delivered < 60) await sleep(10);
      await redis.stop();
      await sleep(800);
      await redis.start();
    })();
    const results = await pool(bodies, 10, async (body, i) => {
      const deliveries = await zoomDeliver(body, (attempt) => receivers[(i + attempt) % 2]!.port, [400, 800, 1_600]);
      delivered++;
      return deliveries;
    });
    await outage;
    const statuses = results.flat().map((d) => d.status);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
    // A handler that succeeded while its done mark could not be written may answer 500 or 503: never a dropped connection.
    expect(statuses.filter((s) => s !== 200 && s !== 500 && s !== 503)).toEqual([]);
    expect(results.filter((deliveries) => deliveries.at(-1)!.status !== 200)).toEqual([]);
    const counts = await handledCounts(receivers);
    expect(bodies.filter((body) => (counts.get(idOf(body)) ?? 0) < 1)).toEqual([]);
    // At most the deliveries in flight when Redis went away can have run twice (their done mark was lost with it).
    expect([...counts.values()].filter((n) => n > 1).length).toBeLessThanOrEqual(10);
    // Every key marked done belongs to an event that was handled.
    const handledKeys = new Set(bodies.filter((body) => counts.has(idOf(body))).map(bodyKey));
    const done = (await admin.sendCommand(["KEYS", "zoom-webhook:done:*"])) as string[];
    expect(done.length).toBeGreaterThan(0);
    expect(done.map((key) => key.slice("zoom-webhook:done:".length)).filter((key) => !handledKeys.has(key))).toEqual(
      [],
    );
  });

  it("(e) the same signed request replayed, in turn and at once to two instances: handled once", async () => {
    const receivers = await instances(2, { delayMs: 50, handlerOptions: { ackTimeoutMs: 1_000 } });
    const body = await makeEvent(42);
    const { signWebhook } = (await import(PACKAGE_URL)) as {
      signWebhook: (options: { body: string; secret: string }) => Record<string, string>;
    };
    const headers = signWebhook({ body, secret: SECRET });
    const atOnce = await Promise.all(Array.from({ length: 10 }, (_, i) => post(receivers[i % 2]!.port, body, headers)));
    expect(atOnce.filter((d) => d.status === 200).length).toBeGreaterThanOrEqual(1);
    expect(atOnce.filter((d) => d.status !== 200 && d.status !== 503)).toEqual([]);
    for (const d of atOnce.filter((d) => d.status === 503)) expect(d.retryAfter).toMatch(/^\d+$/);
    for (let i = 0; i < 5; i++) expect((await post(receivers[i % 2]!.port, body, headers)).status).toBe(200);
    expect(await handledCounts(receivers)).toEqual(new Map([[42, 1]]));
  });

  it("(f) a handler that always fails: 500, 500, 500, then 200; a dead letter; replay after the fix handles it once", async () => {
    const [receiver] = await instances(1, {
      alwaysFail: true,
      handlerOptions: { ackTimeoutMs: 1_000, maxDeliveries: 4 },
    });
    const body = await makeEvent(99);
    const deliveries = await zoomDeliver(body, () => receiver!.port, [50, 50, 50]);
    expect(deliveries.map((d) => d.status)).toEqual([500, 500, 500, 200]);
    expect((await handledCounts([receiver!])).size).toBe(0);
    const letters = (await receiver!.ask("deadLetters")) as {
      key: string;
      event: string;
      rawBody: string;
      attempts: number;
    }[];
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ key: bodyKey(body), event: JSON.parse(body).event, rawBody: body, attempts: 4 });
    receiver!.child.send({ type: "fix" });
    await receiver!.waitFor((m) => m.type === "fixed");
    await receiver!.ask("replay", { key: letters[0]!.key });
    expect(await handledCounts([receiver!])).toEqual(new Map([[99, 1]]));
    expect(await receiver!.ask("deadLetters")).toEqual([]);
    // A late redelivery after the replay is a duplicate: acknowledged, not handled again.
    expect((await post(receiver!.port, body)).status).toBe(200);
    expect(await handledCounts([receiver!])).toEqual(new Map([[99, 1]]));
  });
});
