import { describe, expect, it } from "vitest";
import { memoryStore } from "../../src/runtime/create-memory-store.js";
import type { DeadLetter } from "../../src/runtime/webhook-store.js";
import { describeStoreContract } from "../support/store-contract.js";

let time = 1_000_000;
describeStoreContract("memoryStore", () => memoryStore({ now: () => time }), { wait: async (ms) => void (time += ms) });

const CLAIM = { claimTtlMs: 1000, countTtlMs: 60_000 };
const failure = (key: string, at: number) => ({ key, event: "a.created", rawBody: "{}", error: "x", at });

describe("memoryStore is bounded", () => {
  it("keeps at most maxEntries keys, dropping the least recently used first", async () => {
    let now = 0;
    const store = memoryStore({ maxEntries: 2, now: () => now });
    for (const key of ["a", "b"]) {
      await store.claim(key, "o", CLAIM);
      await store.finish(key, "o", 60_000);
    }
    expect(await store.claim("a", "o2", CLAIM)).toEqual({ state: "done" }); // a is now the most recently used
    await store.claim("c", "o", CLAIM);
    await store.finish("c", "o", 60_000);
    expect(await store.claim("a", "o3", CLAIM)).toEqual({ state: "done" });
    expect(await store.claim("b", "o3", CLAIM)).toEqual({ state: "claimed", deliveries: 1 });
    now += 1;
  });

  it("drops expired keys before live ones, and never a live claim", async () => {
    let now = 0;
    const store = memoryStore({ maxEntries: 2, now: () => now });
    await store.claim("old", "o", { claimTtlMs: 10, countTtlMs: 10 });
    await store.claim("live", "o", CLAIM);
    now = 100;
    await store.claim("new", "o", CLAIM);
    expect(await store.claim("live", "other", CLAIM)).toEqual({ state: "busy" });
    await store.claim("newer", "o", CLAIM);
    // Every key is a live claim: the store grows rather than let a duplicate run.
    expect(await store.claim("live", "other", CLAIM)).toEqual({ state: "busy" });
    expect(await store.claim("new", "other", CLAIM)).toEqual({ state: "busy" });
  });

  it("keeps at most maxEntries dead letters and reports the one it drops to onEvict", async () => {
    const evicted: DeadLetter[] = [];
    const store = memoryStore({ maxEntries: 2, now: () => 0, onEvict: (letter) => void evicted.push(letter) });
    await store.recordFailure(failure("a", 1), 60_000);
    await store.recordFailure(failure("b", 2), 60_000);
    await store.recordFailure(failure("c", 3), 60_000);
    expect((await store.deadLetters()).map((l) => l.key)).toEqual(["b", "c"]);
    expect(evicted.map((l) => l.key)).toEqual(["a"]);
  });

  it.each<[string, object, RegExp]>([
    ["maxEntries 0", { maxEntries: 0 }, /maxEntries must be a whole number, at least 1/],
    ["a fractional maxEntries", { maxEntries: 1.5 }, /maxEntries/],
    ["onEvict not a function", { onEvict: "log" }, /onEvict must be a function/],
    ["now not a function", { now: 5 }, /now must be a function/],
  ])("refuses %s", (_, options, message) => {
    expect(() => memoryStore(options as never)).toThrow(TypeError);
    expect(() => memoryStore(options as never)).toThrow(message);
  });
});
