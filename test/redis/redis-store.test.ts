import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { redisStore } from "../../src/runtime/create-redis-store.js";
import type { WebhookStore } from "../../src/runtime/webhook-store.js";
import { startRedisServer, type RedisClient, type RedisServer } from "../support/redis-server.js";

let server: RedisServer;
let a: RedisClient;
let b: RedisClient;
let storeA: WebhookStore;
let storeB: WebhookStore;

const send = (client: RedisClient) => (args: string[]) => client.sendCommand(args);
const TTL = { claimTtlMs: 60_000, countTtlMs: 60_000 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  server = await startRedisServer();
  a = await server.client();
  b = await server.client();
});
afterAll(async () => {
  await server?.close();
});
beforeEach(async () => {
  await a.sendCommand(["FLUSHALL"]);
  storeA = redisStore({ send: send(a) });
  storeB = redisStore({ send: send(b) });
});

const failure = (key: string, at: number, error = "boom") => ({
  key,
  event: "e.v",
  rawBody: `{"k":"${key}"}`,
  error,
  at,
});

describe("redisStore claims", () => {
  it("claims a new key, counts deliveries, and answers busy to another owner", async () => {
    expect(await storeA.claim("k", "o1", TTL)).toEqual({ state: "claimed", deliveries: 1 });
    expect(await storeB.claim("k", "o2", TTL)).toEqual({ state: "busy" });
    expect(await storeA.release("k", "o1")).toBe(true);
    expect(await storeB.claim("k", "o2", TTL)).toEqual({ state: "claimed", deliveries: 2 });
    expect(await storeB.release("k", "o2")).toBe(true);
    expect(await storeA.claim("k", "o3", TTL)).toEqual({ state: "claimed", deliveries: 3 });
  });

  it("a re-claim by the holder extends the claim without counting again", async () => {
    expect(await storeA.claim("k", "o1", TTL)).toEqual({ state: "claimed", deliveries: 1 });
    expect(await storeA.claim("k", "o1", TTL)).toEqual({ state: "claimed", deliveries: 1 });
  });

  it("answers done after finish, to every owner, until the done TTL passes", async () => {
    await storeA.claim("k", "o1", TTL);
    expect(await storeA.finish("k", "o1", 300)).toBe(true);
    expect(await storeB.claim("k", "o2", TTL)).toEqual({ state: "done" });
    expect(await storeA.claim("k", "o1", TTL)).toEqual({ state: "done" });
    await sleep(450);
    expect(await storeB.claim("k", "o2", TTL)).toEqual({ state: "claimed", deliveries: 2 });
  });

  it("a claim expires after claimTtlMs (its owner died): another owner takes it, the old owner can neither finish nor release", async () => {
    expect(await storeA.claim("k", "dead", { claimTtlMs: 200, countTtlMs: 60_000 })).toEqual({
      state: "claimed",
      deliveries: 1,
    });
    expect(await storeB.claim("k", "o2", TTL)).toEqual({ state: "busy" });
    await sleep(300);
    expect(await storeB.claim("k", "o2", TTL)).toEqual({ state: "claimed", deliveries: 2 });
    expect(await storeA.finish("k", "dead", 60_000)).toBe(false);
    expect(await storeA.release("k", "dead")).toBe(false);
    expect(await storeA.claim("k", "o3", TTL)).toEqual({ state: "busy" });
    expect(await storeB.finish("k", "o2", 60_000)).toBe(true);
    expect(await storeA.claim("k", "o3", TTL)).toEqual({ state: "done" });
  });

  it("finish and release of a key nobody claimed do nothing", async () => {
    expect(await storeA.finish("never", "o", 60_000)).toBe(false);
    expect(await storeA.release("never", "o")).toBe(false);
    expect(await storeA.claim("never", "o", TTL)).toEqual({ state: "claimed", deliveries: 1 });
  });

  it("the delivery count expires after countTtlMs", async () => {
    await storeA.claim("k", "o1", { claimTtlMs: 60_000, countTtlMs: 200 });
    await storeA.release("k", "o1");
    await sleep(300);
    expect(await storeA.claim("k", "o2", TTL)).toEqual({ state: "claimed", deliveries: 1 });
  });

  it("writes every key under the prefix, with the TTLs asked for", async () => {
    const store = redisStore({ send: send(a), prefix: "app1:" });
    await store.claim("k", "o1", { claimTtlMs: 5_000, countTtlMs: 50_000 });
    await store.recordFailure(failure("k", 1), 70_000);
    const keys = ((await a.sendCommand(["KEYS", "*"])) as string[]).sort();
    expect(keys).toEqual(["app1:claim:k", "app1:count:k", "app1:dead-index", "app1:dead:k"]);
    const pttl = async (key: string) => Number(await a.sendCommand(["PTTL", key]));
    expect(await pttl("app1:claim:k")).toBeGreaterThan(4_000);
    expect(await pttl("app1:claim:k")).toBeLessThanOrEqual(5_000);
    expect(await pttl("app1:count:k")).toBeGreaterThan(45_000);
    expect(await pttl("app1:dead:k")).toBeGreaterThan(65_000);
    await store.finish("k", "o1", 9_000);
    expect(await pttl("app1:done:k")).toBeGreaterThan(8_000);
    expect(await a.sendCommand(["EXISTS", "app1:claim:k"])).toBe(0);
    // Another prefix is another app: it sees none of it.
    expect(await storeA.claim("k", "o1", TTL)).toEqual({ state: "claimed", deliveries: 1 });
  });

  it("keys are data: spaces, colons, braces, non-ASCII", async () => {
    for (const key of ["a b", "x:claim:y", "{tag}", "ключ ✓", ""]) {
      expect(await storeA.claim(key, "o", TTL)).toEqual({ state: "claimed", deliveries: 1 });
      expect(await storeA.finish(key, "o", 60_000)).toBe(true);
      expect(await storeB.claim(key, "p", TTL)).toEqual({ state: "done" });
    }
  });
});

describe("redisStore concurrency", () => {
  it("50 parallel claims of one key from two clients: exactly one claims", async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? storeA : storeB).claim("hot", `owner-${i}`, TTL)),
    );
    expect(results.filter((r) => r.state === "claimed")).toEqual([{ state: "claimed", deliveries: 1 }]);
    expect(results.filter((r) => r.state === "busy")).toHaveLength(49);
  });

  it("50 parallel claims after a finish: all done, none claims", async () => {
    await storeA.claim("k", "o", TTL);
    await storeA.finish("k", "o", 60_000);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? storeA : storeB).claim("k", `owner-${i}`, TTL)),
    );
    expect(new Set(results.map((r) => r.state))).toEqual(new Set(["done"]));
  });

  it("200 keys claimed, finished and re-claimed in parallel by two clients: one claim per key, then done", async () => {
    const keys = Array.from({ length: 200 }, (_, i) => `key-${i}`);
    const claims = await Promise.all(
      keys.flatMap((key) => [
        storeA.claim(key, "a", TTL).then((r) => ({ r, o: "a" })),
        storeB.claim(key, "b", TTL).then((r) => ({ r, o: "b" })),
      ]),
    );
    const winners = claims.filter(({ r }) => r.state === "claimed");
    expect(winners).toHaveLength(200);
    await Promise.all(
      keys.map((key, i) => (winners[i]!.o === "a" ? storeA : storeB).finish(key, winners[i]!.o, 60_000)),
    );
    const again = await Promise.all(keys.map((key) => storeB.claim(key, "c", TTL)));
    expect(again.every((r) => r.state === "done")).toBe(true);
  });
});

describe("redisStore dead letters", () => {
  it("records a failure, counts attempts, keeps the first and last failure", async () => {
    expect(await storeA.recordFailure(failure("k", 1000, "first"), 60_000)).toEqual({
      key: "k",
      event: "e.v",
      rawBody: '{"k":"k"}',
      attempts: 1,
      firstFailureAt: 1000,
      firstError: "first",
      lastFailureAt: 1000,
      lastError: "first",
    });
    expect(await storeB.recordFailure(failure("k", 2000, "second"), 60_000)).toEqual({
      key: "k",
      event: "e.v",
      rawBody: '{"k":"k"}',
      attempts: 2,
      firstFailureAt: 1000,
      firstError: "first",
      lastFailureAt: 2000,
      lastError: "second",
    });
    expect(await storeA.deadLetters()).toHaveLength(1);
  });

  it("lists oldest first failure first; removal removes one", async () => {
    await storeA.recordFailure(failure("late", 3000), 60_000);
    await storeA.recordFailure(failure("early", 1000), 60_000);
    await storeA.recordFailure(failure("middle", 2000), 60_000);
    await storeA.recordFailure(failure("early", 4000), 60_000);
    expect((await storeB.deadLetters()).map((l) => l.key)).toEqual(["early", "middle", "late"]);
    await storeB.removeDeadLetter("middle");
    await storeB.removeDeadLetter("absent");
    expect((await storeA.deadLetters()).map((l) => l.key)).toEqual(["early", "late"]);
  });

  it("a letter expires ttlMs after its last failure, and leaves the index", async () => {
    await storeA.recordFailure(failure("short", 1), 200);
    await storeA.recordFailure(failure("long", 2), 60_000);
    await sleep(300);
    expect((await storeA.deadLetters()).map((l) => l.key)).toEqual(["long"]);
    expect(await a.sendCommand(["ZRANGE", "zoom-webhook:dead-index", "0", "-1"])).toEqual(["long"]);
  });

  it("expired letters at the index's head are dropped as new failures come in", async () => {
    for (let i = 0; i < 5; i++) await storeA.recordFailure(failure(`old-${i}`, i), 100);
    await sleep(200);
    await storeA.recordFailure(failure("new", 100), 60_000);
    expect(await a.sendCommand(["ZRANGE", "zoom-webhook:dead-index", "0", "-1"])).toEqual(["new"]);
  });

  it("deadLetters returns at most maxDeadLetters, oldest first, skipping expired ones", async () => {
    const store = redisStore({ send: send(a), maxDeadLetters: 3 });
    await store.recordFailure(failure("gone", 0), 100);
    for (let i = 1; i <= 5; i++) await store.recordFailure(failure(`k${i}`, i), 60_000);
    await sleep(200);
    expect((await store.deadLetters()).map((l) => l.key)).toEqual(["k1", "k2", "k3"]);
  });

  it("keeps raw bodies and errors byte for byte", async () => {
    const rawBody = '{"event":"x","payload":{"s":"ключ \\u0000 ✓ 🎉\\n"}}';
    const letter = await storeA.recordFailure(
      { key: "u", event: "x", rawBody, error: "Error: ✓\nline 2", at: 5 },
      60_000,
    );
    expect(letter.rawBody).toBe(rawBody);
    expect((await storeB.deadLetters())[0]).toEqual(letter);
  });
});

describe("redisStore options and replies", () => {
  const one = async (): Promise<unknown> => 1;
  it.each<[unknown, RegExp]>([
    [undefined, /options object/],
    [{}, /send must be a function/],
    [{ send: 1 }, /send must be a function/],
    [{ send: one, prefix: 3 }, /prefix must be a string/],
    [{ send: one, maxDeadLetters: 0 }, /maxDeadLetters must be an integer >= 1/],
    [{ send: one, ttl: 5 }, /unknown option "ttl"/],
  ])("refuses %j", (options, message) => {
    expect(() => redisStore(options as never)).toThrow(message);
  });

  it("refuses a TTL that is not a positive number of milliseconds", async () => {
    await expect(storeA.claim("k", "o", { claimTtlMs: 0, countTtlMs: 1 })).rejects.toThrow(
      /claimTtlMs must be a finite number/,
    );
    await expect(storeA.claim("k", "o", { claimTtlMs: 1, countTtlMs: Infinity })).rejects.toThrow(/countTtlMs/);
    await expect(storeA.finish("k", "o", Number.NaN)).rejects.toThrow(/doneTtlMs/);
  });

  it.each([
    ["claim", (s: WebhookStore) => s.claim("k", "o", TTL)],
    ["finish", (s: WebhookStore) => s.finish("k", "o", 1000)],
    ["release", (s: WebhookStore) => s.release("k", "o")],
    ["recordFailure", (s: WebhookStore) => s.recordFailure(failure("k", 1), 1000)],
    ["removeDeadLetter", (s: WebhookStore) => s.removeDeadLetter("k")],
    ["deadLetters", (s: WebhookStore) => s.deadLetters()],
  ])("%s: a send that resolves to something unexpected is a clear error", async (name, call) => {
    for (const reply of [undefined, "OK", { state: "claimed" }, [["x"]], 7]) {
      const store = redisStore({ send: async () => reply });
      await expect(call(store)).rejects.toThrow(
        new RegExp(`^redisStore: ${name}: expected .* from send, got .*sendCommand`),
      );
    }
  });

  it.each([
    ["finish", (s: WebhookStore) => s.finish("k", "o", 1000)],
    ["release", (s: WebhookStore) => s.release("k", "o")],
    ["removeDeadLetter", (s: WebhookStore) => s.removeDeadLetter("k")],
  ])("%s: the error shows the reply send gave, not what parsing made of it", async (_name, call) => {
    const store = redisStore({ send: async () => "QUEUED" });
    await expect(call(store)).rejects.toThrow(/got "QUEUED"/);
  });

  it("a send that rejects (Redis unreachable) rejects the call", async () => {
    const store = redisStore({ send: async () => Promise.reject(new Error("ECONNREFUSED")) });
    await expect(store.claim("k", "o", TTL)).rejects.toThrow("ECONNREFUSED");
  });

  it("accepts replies as buffers and integers as strings (clients configured that way)", async () => {
    const bytes = (s: string) => new TextEncoder().encode(s);
    const store = redisStore({ send: async () => [bytes("claimed"), "3"] });
    expect(await store.claim("k", "o", TTL)).toEqual({ state: "claimed", deliveries: 3 });
  });

  it("sends only EVAL with the keys under the prefix (so an ioredis call(...) works the same)", async () => {
    const sent: string[][] = [];
    const store = redisStore({ send: async (args) => (sent.push(args), a.sendCommand(args)), prefix: "p:" });
    await store.claim("k", "o", TTL);
    expect(sent[0]!.slice(0, 1)).toEqual(["EVAL"]);
    expect(sent[0]!.slice(2, 6)).toEqual(["3", "p:done:k", "p:claim:k", "p:count:k"]);
    expect(sent.flat().every((arg) => typeof arg === "string")).toBe(true);
  });
});
