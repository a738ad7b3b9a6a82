/**
 * The WebhookStore contract as a table-driven suite, run against every store (memoryStore here, redisStore against a
 * real Redis): `describeStoreContract(name, makeStore, { wait })`. TTLs are short and `wait(ms)` lets them pass: a
 * store with an injectable clock advances it, a real server waits for real (the default). Keys are unique per test,
 * so stores may share one server.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ClaimOptions, WebhookStore } from "../../src/runtime/webhook-store.js";

export interface StoreContractOptions {
  /** Lets `ms` milliseconds pass for the store's TTLs. Default: a real wait. */
  readonly wait?: (ms: number) => Promise<void>;
}

/** Short enough for a real server's waits, long enough that a round trip never outlasts it. */
const TTL = 300;
/** Past a TTL, with room for a real server's clock and round trips. */
const PAST = TTL + 150;
const CLAIM: ClaimOptions = { claimTtlMs: TTL, countTtlMs: 60_000 };

interface Context {
  readonly store: WebhookStore;
  readonly key: (name?: string) => string;
  readonly wait: (ms: number) => Promise<void>;
}

type Case = readonly [string, (context: Context) => Promise<void>];

const failure = (key: string, error: string, at: number) => ({ key, event: "a.created", rawBody: `{"event":"a.created","k":"${key}"}`, error, at });

const CASES: readonly Case[] = [
  [
    "the first claim of a key is claimed and counts delivery 1",
    async ({ store, key }) => {
      expect(await store.claim(key(), "o1", CLAIM)).toEqual({ state: "claimed", deliveries: 1 });
    },
  ],
  [
    "a claim held by another owner is busy, and does not count",
    async ({ store, key }) => {
      await store.claim(key(), "o1", CLAIM);
      expect(await store.claim(key(), "o2", CLAIM)).toEqual({ state: "busy" });
      await store.release(key(), "o1");
      expect(await store.claim(key(), "o3", CLAIM)).toEqual({ state: "claimed", deliveries: 2 });
    },
  ],
  [
    "released, the next delivery claims it again and counts it",
    async ({ store, key }) => {
      await store.claim(key(), "o1", CLAIM);
      expect(await store.release(key(), "o1")).toBe(true);
      expect(await store.claim(key(), "o2", CLAIM)).toEqual({ state: "claimed", deliveries: 2 });
      expect(await store.release(key(), "o2")).toBe(true);
      expect(await store.claim(key(), "o3", CLAIM)).toEqual({ state: "claimed", deliveries: 3 });
    },
  ],
  [
    "finished, every later delivery is done",
    async ({ store, key }) => {
      await store.claim(key(), "o1", CLAIM);
      expect(await store.finish(key(), "o1", 60_000)).toBe(true);
      expect(await store.claim(key(), "o2", CLAIM)).toEqual({ state: "done" });
      expect(await store.claim(key(), "o3", CLAIM)).toEqual({ state: "done" });
    },
  ],
  [
    "finish and release by an owner that does not hold the claim change nothing",
    async ({ store, key }) => {
      await store.claim(key(), "o1", CLAIM);
      expect(await store.finish(key(), "intruder", 60_000)).toBe(false);
      expect(await store.release(key(), "intruder")).toBe(false);
      expect(await store.claim(key(), "o2", CLAIM)).toEqual({ state: "busy" });
      expect(await store.finish(key(), "o1", 60_000)).toBe(true);
    },
  ],
  [
    "finish and release of a key never claimed say false",
    async ({ store, key }) => {
      expect(await store.finish(key(), "o1", 60_000)).toBe(false);
      expect(await store.release(key(), "o1")).toBe(false);
      expect(await store.claim(key(), "o2", CLAIM)).toEqual({ state: "claimed", deliveries: 1 });
    },
  ],
  [
    "a claim expires after claimTtlMs (its process died): the next delivery claims it, the old owner can no longer finish",
    async ({ store, key, wait }) => {
      await store.claim(key(), "dead", CLAIM);
      await wait(PAST);
      expect(await store.claim(key(), "o2", CLAIM)).toEqual({ state: "claimed", deliveries: 2 });
      expect(await store.finish(key(), "dead", 60_000)).toBe(false);
      expect(await store.release(key(), "dead")).toBe(false);
      expect(await store.finish(key(), "o2", 60_000)).toBe(true);
    },
  ],
  [
    "done expires after doneTtlMs; the count lives on for countTtlMs",
    async ({ store, key, wait }) => {
      await store.claim(key(), "o1", CLAIM);
      await store.finish(key(), "o1", TTL);
      await wait(PAST);
      expect(await store.claim(key(), "o2", CLAIM)).toEqual({ state: "claimed", deliveries: 2 });
    },
  ],
  [
    "the count restarts once countTtlMs passed",
    async ({ store, key, wait }) => {
      await store.claim(key(), "o1", { claimTtlMs: TTL, countTtlMs: TTL });
      await store.release(key(), "o1");
      await wait(PAST);
      expect(await store.claim(key(), "o2", CLAIM)).toEqual({ state: "claimed", deliveries: 1 });
    },
  ],
  [
    "keys are independent",
    async ({ store, key }) => {
      await store.claim(key("a"), "o1", CLAIM);
      await store.finish(key("a"), "o1", 60_000);
      await store.claim(key("b"), "o2", CLAIM);
      expect(await store.claim(key("c"), "o3", CLAIM)).toEqual({ state: "claimed", deliveries: 1 });
      expect(await store.claim(key("b"), "o4", CLAIM)).toEqual({ state: "busy" });
      expect(await store.claim(key("a"), "o5", CLAIM)).toEqual({ state: "done" });
    },
  ],
  [
    "twenty deliveries claiming one key at once: exactly one is claimed",
    async ({ store, key }) => {
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.claim(key(), `o${i}`, CLAIM)));
      expect(results.filter((r) => r.state === "claimed")).toEqual([{ state: "claimed", deliveries: 1 }]);
      expect(results.filter((r) => r.state === "busy")).toHaveLength(19);
    },
  ],
  [
    "a first failure creates a dead letter: attempts 1, first = last",
    async ({ store, key }) => {
      const letter = await store.recordFailure(failure(key(), "db down", 1000), 60_000);
      const expected = { key: key(), event: "a.created", rawBody: failure(key(), "", 0).rawBody, attempts: 1, firstFailureAt: 1000, firstError: "db down", lastFailureAt: 1000, lastError: "db down" };
      expect(letter).toEqual(expected);
      expect((await store.deadLetters()).filter((l) => l.key === key())).toEqual([expected]);
    },
  ],
  [
    "later failures add attempts, keep the first and update the last",
    async ({ store, key }) => {
      await store.recordFailure(failure(key(), "first", 1000), 60_000);
      await store.recordFailure(failure(key(), "second", 2000), 60_000);
      const letter = await store.recordFailure(failure(key(), "third", 3000), 60_000);
      expect(letter).toMatchObject({ attempts: 3, firstFailureAt: 1000, firstError: "first", lastFailureAt: 3000, lastError: "third" });
      expect((await store.deadLetters()).filter((l) => l.key === key())).toEqual([letter]);
    },
  ],
  [
    "dead letters are listed oldest first failure first",
    async ({ store, key }) => {
      await store.recordFailure(failure(key("late"), "x", 5000), 60_000);
      await store.recordFailure(failure(key("early"), "x", 1000), 60_000);
      await store.recordFailure(failure(key("middle"), "x", 3000), 60_000);
      const mine = (await store.deadLetters()).filter((l) => l.key.startsWith(key("")));
      expect(mine.map((l) => l.key)).toEqual([key("early"), key("middle"), key("late")]);
    },
  ],
  [
    "removeDeadLetter removes it (and removing a missing one is no error)",
    async ({ store, key }) => {
      await store.recordFailure(failure(key(), "x", 1000), 60_000);
      await store.removeDeadLetter(key());
      await store.removeDeadLetter(key());
      expect((await store.deadLetters()).filter((l) => l.key === key())).toEqual([]);
      expect(await store.recordFailure(failure(key(), "again", 2000), 60_000)).toMatchObject({ attempts: 1, firstError: "again" });
    },
  ],
  [
    "a dead letter expires after its ttlMs",
    async ({ store, key, wait }) => {
      await store.recordFailure(failure(key(), "x", 1000), TTL);
      await wait(PAST);
      expect((await store.deadLetters()).filter((l) => l.key === key())).toEqual([]);
    },
  ],
  [
    "dead letters and claims are independent: finishing a key keeps its letter until removed",
    async ({ store, key }) => {
      await store.claim(key(), "o1", CLAIM);
      await store.recordFailure(failure(key(), "x", 1000), 60_000);
      await store.release(key(), "o1");
      await store.claim(key(), "o2", CLAIM);
      await store.finish(key(), "o2", 60_000);
      expect((await store.deadLetters()).filter((l) => l.key === key())).toHaveLength(1);
    },
  ],
];

const realWait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function describeStoreContract(
  name: string,
  makeStore: () => WebhookStore | Promise<WebhookStore>,
  options: StoreContractOptions = {},
): void {
  describe(`the WebhookStore contract: ${name}`, () => {
    it.each(CASES)("%s", async (_, run) => {
      const prefix = `contract:${randomUUID()}:`;
      const store = await makeStore();
      await run({ store, key: (suffix = "k") => prefix + suffix, wait: options.wait ?? realWait });
    });
  });
}
