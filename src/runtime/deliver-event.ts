/**
 * What the receiver answers once an event is verified and valid: the acknowledgement rules (Zoom redelivers after a
 * non-2xx, and after its last retry sends nothing more about that event) and, with a store, deduplication, delivery
 * counting and dead letters. Kept apart from the HTTP adapters: `handler.replay` runs the same steps without a request.
 */
import { sha256Hex } from "./compute-hmac.js";
import type { HeadersInput } from "./read-header.js";
import type { WebhookStore } from "./webhook-store.js";

/** The stages of `onError` this module reports. */
export type DeliveryStage = "handler" | "timeout" | "store" | "config";

/** How a delivery ends, for the adapters: the status and, for a 503, when to come back. */
export interface DeliveryAnswer {
  readonly status: 200 | 500 | 503;
  readonly retryAfterSeconds?: number;
}

/** What `handler.replay(key)` did. */
export type ReplayOutcome =
  /** The handlers succeeded: the key is done and its dead letter removed. */
  | "handled"
  /** A delivery had meanwhile been handled: the dead letter was removed, the handlers not run. */
  | "duplicate"
  /** The handlers failed again: the dead letter has one attempt more. */
  | "failed";

export interface DeliveryOptions {
  readonly store: WebhookStore | undefined;
  readonly dedupeKey:
    ((event: never, request: { readonly rawBody: Uint8Array; readonly headers: HeadersInput }) => unknown) | undefined;
  readonly dedupeTtlMs: number;
  readonly maxDeliveries: number;
  readonly onDuplicate: ((event: never, context: { readonly key: string }) => unknown) | undefined;
  readonly ackTimeoutMs: number;
  /** The bound of one store call: a store that never answers must not hold the request past Zoom's 3 s. */
  readonly storeTimeoutMs: number;
  readonly report: (error: unknown, context: { readonly stage: DeliveryStage; readonly event: string }) => void;
  readonly now: () => number;
}

/** An event ready to run: its name and its handlers (each may be async). */
export interface PreparedEvent {
  /** The event's name in the package (a Zoom event's `event`; for other specs, the name its validator matched). */
  readonly name: string;
  readonly event: unknown;
  readonly handlers: readonly (() => unknown)[];
}

/** setTimeout cannot wait longer than this (it fires at once instead). */
const MAX_TIMER = 2_147_483_647;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** A random owner token per delivery: claims are released or finished only by the delivery that holds them. */
function newOwner(): string {
  const random = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto?.randomUUID;
  return typeof random === "function"
    ? random.call(globalThis.crypto)
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

export interface Deliverer {
  /** The claim's TTL: a little longer than the acknowledgement, so a process that died mid-handler frees the key. */
  readonly claimTtlMs: number;
  /** Runs an unknown event's handler under the acknowledgement rules, without deduplication. */
  runUndeduplicated(prepared: PreparedEvent): Promise<DeliveryAnswer>;
  /** Runs a known event's handlers: deduplicated when there is a store. */
  deliver(prepared: PreparedEvent, rawBody: Uint8Array, headers: HeadersInput): Promise<DeliveryAnswer>;
  /** Re-runs the handlers of a dead letter (the body came from the store, so it is parsed but not re-verified). */
  replay(key: string, prepare: (rawBody: string) => PreparedEvent): Promise<ReplayOutcome>;
}

export function createDeliverer(options: DeliveryOptions): Deliverer {
  const { store, report, ackTimeoutMs, maxDeliveries, dedupeTtlMs } = options;
  const claimTtlMs = Math.min(ackTimeoutMs, 60_000) + 5000;
  const retryAfterSeconds = Math.ceil(claimTtlMs / 1000);

  /** Runs every handler to its end; each failure is reported when it happens; resolves to the failures. */
  async function runAll(prepared: PreparedEvent): Promise<unknown[]> {
    const failures: unknown[] = [];
    await Promise.all(
      prepared.handlers.map(async (handler) => {
        try {
          await handler();
        } catch (error) {
          failures.push(error);
          report(error, { stage: "handler", event: prepared.name });
        }
      }),
    );
    return failures;
  }

  /** The failures, or "late" when the handlers are still running at ackTimeoutMs (reported: they keep running). */
  async function acknowledge(prepared: PreparedEvent, work: Promise<unknown[]>): Promise<unknown[] | "late"> {
    if (ackTimeoutMs > MAX_TIMER) return work;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<"late">((resolve) => {
      timer = setTimeout(() => resolve("late"), ackTimeoutMs);
    });
    const outcome = await Promise.race([work, deadline]).finally(() => clearTimeout(timer));
    if (outcome === "late") {
      report(
        new Error(
          `the handlers of ${prepared.name} were still running after ${ackTimeoutMs} ms (ackTimeoutMs): the ` +
            "event was acknowledged with 200 and they keep running; a later failure is reported too. Work that can " +
            "outlast Zoom's 3 s belongs in a queue: let the handler only enqueue it.",
        ),
        { stage: "timeout", event: prepared.name },
      );
    }
    return outcome;
  }

  /** A store call, bounded: a store that never answers is a failing store. */
  async function call<T>(what: string, work: () => Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the store's ${what} did not answer within ${options.storeTimeoutMs} ms`)),
        options.storeTimeoutMs,
      );
    });
    try {
      return await Promise.race([work(), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Marks a handled key done (and drops its dead letter); a store failure is reported, never thrown. */
  async function succeeded(key: string, owner: string, deliveries: number, event: string): Promise<void> {
    const active = store as WebhookStore;
    try {
      const finished = await call("finish", () => active.finish(key, owner, dedupeTtlMs));
      if (!finished) {
        report(
          new Error(
            `the handlers of ${event} succeeded after the claim on ${key} expired (claim TTL ${claimTtlMs} ms): the ` +
              "key is not marked done, so a redelivery would run them again",
          ),
          { stage: "store", event },
        );
      }
      // A dead letter exists only after a failed delivery, so the first delivery needs no round trip for it.
      if (deliveries > 1) await call("removeDeadLetter", () => active.removeDeadLetter(key));
    } catch (error) {
      report(error, { stage: "store", event });
    }
  }

  /** Keeps the failure as a dead letter and releases the claim; says whether the dead letter was stored. */
  async function failed(
    key: string,
    owner: string,
    rawBody: string,
    event: string,
    failures: unknown[],
  ): Promise<boolean> {
    const active = store as WebhookStore;
    let stored = false;
    try {
      const failure = { key, event, rawBody, error: failures.map(messageOf).join("; "), at: options.now() };
      await call("recordFailure", () => active.recordFailure(failure, dedupeTtlMs));
      stored = true;
    } catch (error) {
      report(error, { stage: "store", event });
    }
    try {
      // A claim not released expires by itself (claimTtlMs), long before Zoom's next retry.
      await call("release", () => active.release(key, owner));
    } catch (error) {
      report(error, { stage: "store", event });
    }
    return stored;
  }

  async function runUndeduplicated(prepared: PreparedEvent): Promise<DeliveryAnswer> {
    const outcome = await acknowledge(prepared, runAll(prepared));
    return { status: outcome !== "late" && outcome.length > 0 ? 500 : 200 };
  }

  async function keyOf(prepared: PreparedEvent, rawBody: Uint8Array, headers: HeadersInput): Promise<string> {
    if (options.dedupeKey === undefined) return sha256Hex(rawBody);
    const key: unknown = await (options.dedupeKey as (event: unknown, request: unknown) => unknown)(prepared.event, {
      rawBody,
      headers,
    });
    if (typeof key !== "string") throw new Error(`options.dedupeKey returned ${typeof key}, not a string`);
    if (key === "") throw new Error("options.dedupeKey returned an empty string: every delivery would share one key");
    return key;
  }

  const text = new TextDecoder();

  async function deliver(prepared: PreparedEvent, rawBody: Uint8Array, headers: HeadersInput): Promise<DeliveryAnswer> {
    if (store === undefined) return runUndeduplicated(prepared);
    const event = prepared.name;
    let key: string;
    try {
      key = await keyOf(prepared, rawBody, headers);
    } catch (error) {
      report(error, { stage: "config", event });
      return { status: 500 };
    }
    const owner = newOwner();
    let claim;
    try {
      claim = await call("claim", () => store.claim(key, owner, { claimTtlMs, countTtlMs: dedupeTtlMs }));
    } catch (error) {
      // Never a 200 for an event that was not handled: Zoom redelivers the 503.
      report(error, { stage: "store", event });
      return { status: 503 };
    }
    if (claim.state === "done") {
      const hook = options.onDuplicate as ((event: unknown, context: { key: string }) => unknown) | undefined;
      if (hook !== undefined) {
        try {
          await hook(prepared.event, { key });
        } catch (error) {
          report(error, { stage: "handler", event });
        }
      }
      return { status: 200 };
    }
    if (claim.state === "busy") return { status: 503, retryAfterSeconds };
    const deliveries = claim.deliveries;
    const work = runAll(prepared);
    const outcome = await acknowledge(prepared, work);
    if (outcome === "late") {
      // Acknowledged: Zoom will not redeliver, so a later failure is kept as a dead letter for the user.
      void work.then(async (failures) => {
        if (failures.length === 0) await succeeded(key, owner, deliveries, event);
        else await failed(key, owner, text.decode(rawBody), event, failures);
      });
      return { status: 200 };
    }
    if (outcome.length === 0) {
      await succeeded(key, owner, deliveries, event);
      return { status: 200 };
    }
    const stored = await failed(key, owner, text.decode(rawBody), event, outcome);
    // On Zoom's last delivery a failure is acknowledged, so that Zoom keeps sending this event type; the dead letter
    // holds the event. Without a stored dead letter, 500: Zoom may still have a retry, a 200 would surely lose it.
    return { status: stored && deliveries >= maxDeliveries ? 200 : 500 };
  }

  async function replay(key: string, prepare: (rawBody: string) => PreparedEvent): Promise<ReplayOutcome> {
    const active = store as WebhookStore;
    const letter = (await active.deadLetters()).find((candidate) => candidate.key === key);
    if (letter === undefined) throw new Error(`replay: no dead letter with key ${JSON.stringify(key)}`);
    const prepared = prepare(letter.rawBody);
    const owner = newOwner();
    const claim = await active.claim(key, owner, { claimTtlMs, countTtlMs: dedupeTtlMs });
    if (claim.state === "busy") {
      throw new Error(`replay: ${JSON.stringify(key)} is being handled by a delivery right now; try again later`);
    }
    if (claim.state === "done") {
      await active.removeDeadLetter(key);
      return "duplicate";
    }
    const failures = await runAll(prepared);
    if (failures.length > 0) {
      const error = failures.map(messageOf).join("; ");
      await active.recordFailure(
        { key, event: letter.event, rawBody: letter.rawBody, error, at: options.now() },
        dedupeTtlMs,
      );
      await active.release(key, owner);
      return "failed";
    }
    await active.finish(key, owner, dedupeTtlMs);
    await active.removeDeadLetter(key);
    return "handled";
  }

  return { claimTtlMs, runUndeduplicated, deliver, replay };
}
