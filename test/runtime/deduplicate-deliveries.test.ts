import { createHash, createHmac } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { createHandler, type HandlerOptions, type WebhookErrorContext } from "../../src/runtime/create-handler.js";
import { memoryStore } from "../../src/runtime/create-memory-store.js";
import { makeIssue } from "../../src/runtime/make-issue.js";
import type { ValidationResult } from "../../src/runtime/run-guard.js";
import type { WebhookStore } from "../../src/runtime/webhook-store.js";

interface Events {
  "a.created": { event: "a.created"; id: string };
}

function validate(value: unknown): ValidationResult<Events["a.created"]> {
  const record = value as Record<string, unknown>;
  if (record["event"] !== "a.created") return { ok: false, issues: [makeIssue(["event"], "/event", "unknown_event", '"a.created"', record["event"])] };
  if (typeof record["id"] !== "string") return { ok: false, issues: [makeIssue(["id"], "/id", "invalid_type", "string", record["id"])] };
  return { ok: true, value: value as Events["a.created"], warnings: [] };
}

const SECRET = "s3cret-token";
const NOW = 1_743_510_146;
const clock = () => NOW * 1000;

/** A delivery of `body` as Zoom sends it: each retry is signed anew, the body's bytes are the same. */
function deliver(body: string, timestamp = NOW): Request {
  const signature = "v0=" + createHmac("sha256", SECRET).update(`v0:${timestamp}:${body}`).digest("hex");
  return new Request("http://localhost/zoom", {
    method: "POST",
    headers: { "content-type": "application/json", "x-zm-request-timestamp": String(timestamp), "x-zm-signature": signature },
    body,
  });
}

const BODY = '{"event":"a.created","id":"x"}';
const KEY = createHash("sha256").update(BODY).digest("hex");

function make(options: Partial<HandlerOptions<Events>> & { handle?: (() => unknown) | undefined } = {}) {
  const errors: [string, WebhookErrorContext][] = [];
  const calls: string[] = [];
  const { handle, ...rest } = options;
  const handler = createHandler<Events>(
    {
      secret: SECRET,
      now: clock,
      store: memoryStore(),
      on: { "a.created": (event) => (calls.push(event.id), handle?.()) },
      onError: (error, context) => void errors.push([error instanceof Error ? error.message : String(error), context]),
      ...rest,
    },
    validate,
  );
  return { handler, errors, calls, stages: () => errors.map(([, context]) => context.stage) };
}

/** A store whose `method` fails (or never answers), the others working. */
function broken(method: keyof WebhookStore, how: "throw" | "hang" = "throw"): WebhookStore {
  const store = memoryStore();
  return {
    ...store,
    [method]: () => (how === "throw" ? Promise.reject(new Error(`store ${method} down`)) : new Promise(() => undefined)),
  };
}

describe("deduplication with a store", () => {
  it("a retry of a handled delivery (same bytes, new signature): 200 without running the handlers, onDuplicate told", async () => {
    const duplicates: string[] = [];
    const { handler, calls } = make({ onDuplicate: (event, { key }) => void duplicates.push(event.id + " " + key) });
    expect((await handler.fetch(deliver(BODY))).status).toBe(200);
    expect((await handler.fetch(deliver(BODY, NOW + 5))).status).toBe(200);
    expect((await handler.fetch(deliver(BODY))).status).toBe(200);
    expect(calls).toEqual(["x"]);
    expect(duplicates).toEqual([`x ${KEY}`, `x ${KEY}`]);
  });

  it("a delivery of a key another delivery is handling: 503 with Retry-After, handlers not run", async () => {
    let finish!: () => void;
    const { handler, calls } = make({ ackTimeoutMs: 1000, handle: () => new Promise<void>((resolve) => (finish = resolve)) });
    const first = handler.fetch(deliver(BODY));
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    const second = await handler.fetch(deliver(BODY));
    expect(second.status).toBe(503);
    expect(Number(second.headers.get("retry-after"))).toBeGreaterThan(0);
    finish();
    expect((await first).status).toBe(200);
    expect(calls).toEqual(["x"]);
  });

  it("dedupeKey chooses the key (here a header), and gets the raw body and headers", async () => {
    const seen: string[] = [];
    const { handler, calls } = make({
      dedupeKey: (event, { rawBody, headers }) => (seen.push(new TextDecoder().decode(rawBody)), event.id + ":" + String((headers as Headers).get("x-zm-signature")).length),
    });
    await handler.fetch(deliver(BODY));
    await handler.fetch(deliver(BODY, NOW + 1));
    expect(calls).toEqual(["x"]);
    expect(seen).toEqual([BODY, BODY]);
  });

  it.each<[string, () => string | Promise<string>, RegExp]>([
    ["throws", () => { throw new Error("no id"); }, /no id/],
    ["returns an empty key", () => "", /dedupeKey returned an empty string/],
  ])("a dedupeKey that %s: 500 and a config report, handlers not run", async (_, dedupeKey, message) => {
    const { handler, errors, calls } = make({ dedupeKey });
    expect((await handler.fetch(deliver(BODY))).status).toBe(500);
    expect(errors).toEqual([[expect.stringMatching(message), expect.objectContaining({ stage: "config", event: "a.created" })]]);
    expect(calls).toEqual([]);
  });

  it.each(["throw", "hang"] as const)("a store that cannot claim (%s): 503 and a store report, never 200 for an unhandled event", async (how) => {
    const { handler, stages, calls } = make({ store: broken("claim", how), ackTimeoutMs: 50 });
    expect((await handler.fetch(deliver(BODY))).status).toBe(503);
    expect(stages()).toEqual(["store"]);
    expect(calls).toEqual([]);
  });

  it("failed deliveries answer 500 and are released; the one Zoom's schedule makes the last (4th) answers 200 and keeps the dead letter", async () => {
    const { handler, calls, stages } = make({ handle: () => Promise.reject(new Error("db down")) });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await handler.fetch(deliver(BODY, NOW + i))).status);
    expect(statuses).toEqual([500, 500, 500, 200]);
    expect(calls).toHaveLength(4);
    expect(stages()).toEqual(["handler", "handler", "handler", "handler"]);
    expect(await handler.deadLetters()).toEqual([
      expect.objectContaining({ key: KEY, event: "a.created", rawBody: BODY, attempts: 4, firstError: "db down", lastError: "db down" }),
    ]);
  });

  it("maxDeliveries sets which delivery is acknowledged despite failing", async () => {
    const { handler } = make({ maxDeliveries: 1, handle: () => Promise.reject(new Error("db down")) });
    expect((await handler.fetch(deliver(BODY))).status).toBe(200);
    expect(await handler.deadLetters()).toHaveLength(1);
  });

  it("a redelivery that succeeds marks the key done and removes the dead letter", async () => {
    let fail = true;
    const { handler, calls } = make({ handle: () => (fail ? Promise.reject(new Error("db down")) : undefined) });
    expect((await handler.fetch(deliver(BODY))).status).toBe(500);
    expect(await handler.deadLetters()).toHaveLength(1);
    fail = false;
    expect((await handler.fetch(deliver(BODY, NOW + 1))).status).toBe(200);
    expect(await handler.deadLetters()).toEqual([]);
    expect((await handler.fetch(deliver(BODY, NOW + 2))).status).toBe(200);
    expect(calls).toHaveLength(2);
  });

  it("a handler still running at the acknowledgement: 200; when it later succeeds the key is done", async () => {
    let finish!: () => void;
    const { handler, calls, stages } = make({ ackTimeoutMs: 20, handle: () => new Promise<void>((resolve) => (finish = resolve)) });
    expect((await handler.fetch(deliver(BODY))).status).toBe(200);
    expect(stages()).toEqual(["timeout"]);
    finish();
    await vi.waitFor(async () => expect((await handler.fetch(deliver(BODY, NOW + 1))).status).toBe(200));
    expect(calls).toEqual(["x"]);
  });

  it("a handler still running at the acknowledgement that later fails: a dead letter (Zoom will not redeliver after the 200)", async () => {
    let fail!: (error: Error) => void;
    const { handler, stages } = make({ ackTimeoutMs: 20, handle: () => new Promise<void>((_, reject) => (fail = reject)) });
    expect((await handler.fetch(deliver(BODY))).status).toBe(200);
    fail(new Error("late"));
    await vi.waitFor(async () => expect(await handler.deadLetters()).toEqual([expect.objectContaining({ key: KEY, lastError: "late", attempts: 1 })]));
    expect(stages()).toEqual(["timeout", "handler"]);
  });

  it.each<[keyof WebhookStore, number, string[]]>([
    // Handled but not marked done: 200 (nothing to redo; a redelivery would run the handlers again).
    ["finish", 200, ["store"]],
    // Failed and not released: 500 anyway (the claim expires before Zoom's next retry).
    ["release", 500, ["handler", "store"]],
    // Failed and no dead letter: 500, so Zoom still has the event.
    ["recordFailure", 500, ["handler", "store"]],
  ])("a store whose %s fails: %s and a store report", async (method, status, reported) => {
    const { handler, stages } = make({ store: broken(method), handle: method === "finish" ? undefined : () => Promise.reject(new Error("db down")) });
    expect((await handler.fetch(deliver(BODY))).status).toBe(status);
    expect(stages()).toEqual(reported);
  });

  it("on the last delivery, a dead letter that could not be stored is not acknowledged: 500, never 200 for a lost event", async () => {
    const { handler, stages } = make({ store: broken("recordFailure"), maxDeliveries: 1, handle: () => Promise.reject(new Error("db down")) });
    expect((await handler.fetch(deliver(BODY))).status).toBe(500);
    expect(stages()).toEqual(["handler", "store"]);
  });

  it("the URL-validation handshake and unknown events are not deduplicated", async () => {
    const handshake = '{"event":"endpoint.url_validation","payload":{"plainToken":"abc"}}';
    const unknown: string[] = [];
    const { handler } = make({ onUnknownEvent: (event) => void unknown.push(event.event) });
    for (let i = 0; i < 2; i++) {
      expect((await handler.fetch(deliver(handshake, NOW + i))).status).toBe(200);
      expect((await handler.fetch(deliver('{"event":"c.other"}', NOW + i))).status).toBe(200);
    }
    expect(unknown).toEqual(["c.other", "c.other"]);
  });
});

describe("dead letters and replay", () => {
  it("replay runs the handlers again on the stored body: success marks the key done and removes the dead letter", async () => {
    let fail = true;
    const { handler, calls } = make({ maxDeliveries: 1, handle: () => (fail ? Promise.reject(new Error("db down")) : undefined) });
    expect((await handler.fetch(deliver(BODY))).status).toBe(200);
    fail = false;
    expect(await handler.replay(KEY)).toBe("handled");
    expect(await handler.deadLetters()).toEqual([]);
    expect(calls).toEqual(["x", "x"]);
    expect((await handler.fetch(deliver(BODY, NOW + 1))).status).toBe(200);
    expect(calls).toEqual(["x", "x"]);
  });

  it("a replay that fails again adds an attempt and keeps the letter", async () => {
    const { handler } = make({ maxDeliveries: 1, handle: () => Promise.reject(new Error("still down")) });
    await handler.fetch(deliver(BODY));
    expect(await handler.replay(KEY)).toBe("failed");
    expect(await handler.deadLetters()).toEqual([expect.objectContaining({ attempts: 2, firstError: "still down", lastError: "still down" })]);
  });

  it("replay of a key another delivery is handling throws, saying to try later; of an unknown key throws", async () => {
    const store = memoryStore();
    const { handler } = make({ store, maxDeliveries: 1, handle: () => Promise.reject(new Error("down")) });
    await handler.fetch(deliver(BODY));
    await store.claim(KEY, "someone", { claimTtlMs: 60_000, countTtlMs: 60_000 });
    await expect(handler.replay(KEY)).rejects.toThrow(/being handled .* try again/);
    await expect(handler.replay("nope")).rejects.toThrow(/no dead letter with key "nope"/);
  });

  it("replay of a key already done removes the letter without running the handlers", async () => {
    const store = memoryStore();
    const { handler, calls } = make({ store, maxDeliveries: 1, handle: () => Promise.reject(new Error("down")) });
    await handler.fetch(deliver(BODY));
    await store.claim(KEY, "other", { claimTtlMs: 60_000, countTtlMs: 60_000 });
    await store.finish(KEY, "other", 60_000);
    expect(await handler.replay(KEY)).toBe("duplicate");
    expect(await handler.deadLetters()).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it("deadLetters and replay without a store throw, saying to configure one", async () => {
    const handler = createHandler<Events>({ secret: SECRET }, validate);
    await expect(handler.deadLetters()).rejects.toThrow(/needs options\.store/);
    await expect(handler.replay("k")).rejects.toThrow(/needs options\.store/);
  });
});
