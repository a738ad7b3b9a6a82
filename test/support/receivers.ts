/**
 * The delivery scenarios' machinery: receiver instances as child processes (test/redis/receiver-process.mjs, the
 * generated package over a shared Redis) and a simulated Zoom that signs each delivery and redelivers on any non-2xx
 * (or a dropped connection) up to Zoom's 3 retries. Everything is bounded: deliveries time out, children are killed
 * when the test ends, and a child never outlives its parent.
 */
import { fork, type ChildProcess } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { request } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "./helpers.js";

export const SECRET = "scenario-secret";
/** The package the instances serve: generated/ by default, or SCENARIO_PACKAGE (a package generated elsewhere). */
export const PACKAGE_URL = pathToFileURL(
  process.env.SCENARIO_PACKAGE ?? path.join(ROOT, "generated/dist/index.js"),
).href;
const SCRIPT = path.join(ROOT, "test/redis/receiver-process.mjs");

export interface ReceiverConfig {
  readonly name: string;
  readonly redisUrl?: string;
  readonly prefix?: string;
  readonly failRate?: number;
  readonly delayMs?: number;
  readonly hangEvents?: readonly number[];
  readonly alwaysFail?: boolean;
  /** More createWebhookHandler options (ackTimeoutMs, maxDeliveries, ...): JSON only. */
  readonly handlerOptions?: Record<string, unknown>;
}

export interface ReceiverMessage {
  readonly type: string;
  readonly instance: string;
  readonly id?: number | string;
  readonly [field: string]: unknown;
}

export interface Receiver {
  readonly name: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Every message the instance sent, in order. */
  readonly messages: ReceiverMessage[];
  /** Resolves with the first message (already sent or still to come) that `test` accepts, or rejects after `timeoutMs`. */
  waitFor(test: (message: ReceiverMessage) => boolean, timeoutMs?: number): Promise<ReceiverMessage>;
  /** Asks the instance (deadLetters, replay) and resolves with its reply's value; rejects with its error. */
  ask(type: string, fields?: Record<string, unknown>): Promise<unknown>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const running = new Set<Receiver>();

/** Starts one instance; rejects (with its stderr) if it exits or does not listen within 15 s. */
export function startReceiver(config: ReceiverConfig): Promise<Receiver> {
  const child = fork(SCRIPT, [], {
    env: { ...process.env, RECEIVER_CONFIG: JSON.stringify({ secret: SECRET, packageUrl: PACKAGE_URL, ...config }) },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout?.on("data", () => {});
  const messages: ReceiverMessage[] = [];
  const waiters = new Set<{ test: (m: ReceiverMessage) => boolean; resolve: (m: ReceiverMessage) => void }>();
  child.on("message", (message: ReceiverMessage) => {
    messages.push(message);
    for (const waiter of waiters) {
      if (waiter.test(message)) {
        waiters.delete(waiter);
        waiter.resolve(message);
      }
    }
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  function waitFor(test: (message: ReceiverMessage) => boolean, timeoutMs = 10_000): Promise<ReceiverMessage> {
    const found = messages.find(test);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = {
        test,
        resolve: (message: ReceiverMessage) => {
          clearTimeout(timer);
          resolve(message);
        },
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`${config.name}: no such message within ${timeoutMs} ms (stderr: ${stderr.slice(-2000)})`));
      }, timeoutMs);
      waiters.add(waiter);
    });
  }

  return new Promise((resolve, reject) => {
    const early = (): void =>
      reject(new Error(`${config.name} exited before listening (code ${child.exitCode}):\n${stderr}`));
    child.once("exit", early);
    waitFor((m) => m.type === "listening", 15_000).then(
      (message) => {
        child.off("exit", early);
        const receiver: Receiver = {
          name: config.name,
          port: message.port as number,
          child,
          messages,
          waitFor,
          async ask(type, fields = {}) {
            const id = randomUUID();
            child.send({ type, id, ...fields });
            const reply = await waitFor((m) => m.type === "reply" && m.id === id);
            if (reply.error !== undefined) throw new Error(`${config.name} ${type}: ${String(reply.error)}`);
            return reply.value;
          },
          async kill(signal = "SIGKILL") {
            running.delete(receiver);
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            await exited;
          },
        };
        running.add(receiver);
        resolve(receiver);
      },
      (error: unknown) => {
        child.kill("SIGKILL");
        reject(error instanceof Error ? new Error(`${error.message}\n${stderr}`) : error);
      },
    );
  });
}

/** Kills every instance still running (afterEach). */
export async function stopReceivers(): Promise<void> {
  await Promise.all([...running].map((receiver) => receiver.kill("SIGKILL")));
}

/** A distinct, valid event: the package's example with `event_ts` set to `id` (the scenarios' event identity). */
export async function makeEvent(id: number): Promise<string> {
  const { fixtures } = (await import(pathToFileURL(path.join(ROOT, "generated/dist/fixtures.js")).href)) as {
    fixtures: Record<string, { example: Record<string, unknown> }>;
  };
  const names = Object.keys(fixtures).sort();
  const example = fixtures[names[id % names.length]!]!.example;
  return JSON.stringify({ ...example, event_ts: id });
}

/** The default delivery key: SHA-256 of the raw body, hex. */
export function bodyKey(body: string): string {
  return createHash("sha256").update(body).digest("hex");
}

export interface Delivery {
  /** The HTTP status, or 0 for a dropped connection or a timeout. */
  readonly status: number;
  readonly port: number;
  readonly retryAfter?: string;
}

/** One signed POST (signed now, unless `headers` are given: a replayed request). */
export async function post(
  port: number,
  body: string,
  headers?: Record<string, string>,
  timeoutMs = 5_000,
): Promise<Delivery> {
  const { signWebhook } = (await import(PACKAGE_URL)) as {
    signWebhook: (options: { body: string; secret: string }) => Record<string, string>;
  };
  const signed = headers ?? signWebhook({ body, secret: SECRET });
  return new Promise((resolve) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...signed },
        timeout: timeoutMs,
        agent: false,
      },
      (res) => {
        res.resume();
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            port,
            ...(typeof res.headers["retry-after"] === "string" ? { retryAfter: res.headers["retry-after"] } : {}),
          }),
        );
        res.on("error", () => resolve({ status: 0, port }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve({ status: 0, port }));
    req.end(body);
  });
}

/**
 * Zoom, simulated: delivers `body` (freshly signed each time) to `pick(attempt)`'s port, and redelivers after
 * `retryDelaysMs[i]` on any non-2xx or a dropped connection, as Zoom does 3 times (5, 20 and 60 minutes apart: here
 * milliseconds). Resolves with every delivery, the last one decisive.
 */
export async function zoomDeliver(
  body: string,
  pick: (attempt: number) => number,
  retryDelaysMs: readonly number[] = [50, 100, 200],
): Promise<Delivery[]> {
  const deliveries: Delivery[] = [];
  for (let attempt = 0; attempt <= retryDelaysMs.length; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, retryDelaysMs[attempt - 1]));
    const delivery = await post(pick(attempt), body);
    deliveries.push(delivery);
    if (delivery.status === 200 || delivery.status === 204) break;
  }
  return deliveries;
}

/** Runs `task` over `items`, at most `limit` at a time. */
export async function pool<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await task(items[index]!, index);
      }
    }),
  );
  return results;
}

/**
 * How many times each event id was handled successfully, over all instances. A handler's IPC report can arrive after
 * the HTTP answer it preceded, so each running instance is pinged first: IPC keeps order, so its reply comes after
 * every report sent before it.
 */
export async function handledCounts(receivers: readonly Receiver[]): Promise<Map<number, number>> {
  await Promise.all(receivers.filter((r) => r.child.exitCode === null && r.child.signalCode === null).map((r) => r.ask("ping")));
  const counts = new Map<number, number>();
  for (const receiver of receivers) {
    for (const message of receiver.messages) {
      if (message.type === "handled") counts.set(message.id as number, (counts.get(message.id as number) ?? 0) + 1);
    }
  }
  return counts;
}
