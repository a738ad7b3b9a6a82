/**
 * redisStore: the WebhookStore for several receivers sharing one Redis (a single server or a primary; not Redis
 * Cluster, whose scripts may touch one slot only). It speaks raw Redis commands through a `send` function the user
 * binds to their client, so the package needs no Redis library: node-redis `(args) => client.sendCommand(args)`,
 * ioredis `(args) => client.call(args[0], ...args.slice(1))`.
 *
 * Every state change is one Lua script (EVAL), which Redis runs atomically: two receivers can never both own a claim,
 * and a claim is finished or released only by the delivery that still holds it (compare-and-delete), never by one
 * whose claim expired and was taken over by another instance.
 */
import type { ClaimOptions, ClaimResult, DeadLetter, Failure, WebhookStore } from "./webhook-store.js";

/** Sends one Redis command (`["SET", "k", "v"]`) and resolves to its reply, as the client returns it. */
export type RedisSend = (args: string[]) => Promise<unknown>;

export interface RedisStoreOptions {
  /** Sends one raw command; node-redis: `(args) => client.sendCommand(args)`. */
  readonly send: RedisSend;
  /** Prefix of every key this store writes (default `zoom-webhook:`); give each receiver app its own. */
  readonly prefix?: string;
  /** The most dead letters `deadLetters()` returns, oldest first failure first (default 1000). */
  readonly maxDeadLetters?: number;
}

// KEYS: done, claim, count. ARGV: owner, claim TTL ms, count TTL ms. A re-claim by the owner that holds the claim
// extends it without counting a second delivery.
const CLAIM = `if redis.call('EXISTS', KEYS[1]) == 1 then return {'done'} end
local holder = redis.call('GET', KEYS[2])
if holder and holder ~= ARGV[1] then return {'busy'} end
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
local n
if holder then n = tonumber(redis.call('GET', KEYS[3]) or '1') else n = redis.call('INCR', KEYS[3]) end
redis.call('PEXPIRE', KEYS[3], ARGV[3])
return {'claimed', n}`;

// KEYS: claim, done. ARGV: owner, done TTL ms.
const FINISH = `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], '1', 'PX', ARGV[2])
redis.call('DEL', KEYS[1])
return 1`;

// KEYS: claim. ARGV: owner.
const RELEASE = `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1`;

// KEYS: letter hash, index. ARGV: key, event, raw body, error, at, TTL ms, letter key prefix. The letter lives for the
// TTL after its last failure; index entries whose letter expired are dropped from the index's head as failures come
// in (and by deadLetters), so the index does not outgrow the letters.
const RECORD = `if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('HSET', KEYS[1], 'key', ARGV[1], 'event', ARGV[2], 'rawBody', ARGV[3], 'attempts', 1,
    'firstFailureAt', ARGV[5], 'firstError', ARGV[4], 'lastFailureAt', ARGV[5], 'lastError', ARGV[4])
  redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
else
  redis.call('HINCRBY', KEYS[1], 'attempts', 1)
  redis.call('HSET', KEYS[1], 'lastFailureAt', ARGV[5], 'lastError', ARGV[4])
end
redis.call('PEXPIRE', KEYS[1], ARGV[6])
for _, member in ipairs(redis.call('ZRANGE', KEYS[2], 0, 9)) do
  if redis.call('EXISTS', ARGV[7] .. member) == 0 then redis.call('ZREM', KEYS[2], member) end
end
return redis.call('HGETALL', KEYS[1])`;

// KEYS: letter hash, index. ARGV: key.
const REMOVE = `redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return 1`;

// KEYS: index. ARGV: letter key prefix, limit. Walks the index oldest first, drops entries whose letter expired.
const LIST = `local limit = tonumber(ARGV[2])
local out = {}
local start = 0
while #out < limit do
  local members = redis.call('ZRANGE', KEYS[1], start, start + limit - #out - 1)
  if #members == 0 then break end
  for _, member in ipairs(members) do
    local letter = redis.call('HGETALL', ARGV[1] .. member)
    if #letter == 0 then
      redis.call('ZREM', KEYS[1], member)
    else
      out[#out + 1] = letter
      start = start + 1
    end
  end
end
return out`;

const OPTIONS: readonly string[] = ["send", "prefix", "maxDeadLetters"];

function describe(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    if (text !== undefined) return text.length > 200 ? text.slice(0, 200) + "…" : text;
  } catch {
    // A cyclic or BigInt reply: its type is enough.
  }
  return typeof value;
}

function unexpected(command: string, expected: string, reply: unknown): Error {
  return new Error(
    `redisStore: ${command}: expected ${expected} from send, got ${describe(reply)} ` +
      "(send must resolve to the raw Redis reply: node-redis (args) => client.sendCommand(args), ioredis " +
      "(args) => client.call(args[0], ...args.slice(1)))",
  );
}

const utf8 = new TextDecoder();

/** A bulk string reply as text (clients configured to return buffers give bytes). */
function text(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (value instanceof Uint8Array) return utf8.decode(value);
  return undefined;
}

/** An integer reply (some clients give integers as numbers, others as strings or bigints). */
function integer(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isSafeInteger(value)) return value;
  if (typeof value === "bigint") return Number(value);
  const digits = text(value);
  if (digits !== undefined && /^-?\d+$/.test(digits)) return Number(digits);
  return undefined;
}

function positiveMs(name: string, value: unknown): string {
  if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) {
    throw new TypeError(`redisStore: ${name} must be a finite number of milliseconds > 0, got ${describe(value)}`);
  }
  return String(Math.ceil(value));
}

function parseLetter(command: string, reply: unknown): DeadLetter {
  if (!Array.isArray(reply) || reply.length % 2 !== 0) throw unexpected(command, "a dead letter's fields", reply);
  const fields = new Map<string, string>();
  for (let i = 0; i < reply.length; i += 2) {
    const name = text(reply[i]);
    const value = text(reply[i + 1]) ?? (typeof reply[i + 1] === "number" ? String(reply[i + 1]) : undefined);
    if (name === undefined || value === undefined) throw unexpected(command, "a dead letter's fields", reply);
    fields.set(name, value);
  }
  const str = (name: string): string => {
    const value = fields.get(name);
    if (value === undefined) throw unexpected(command, `a dead letter with ${name}`, reply);
    return value;
  };
  const num = (name: string): number => {
    const value = integer(str(name));
    if (value === undefined) throw unexpected(command, `a dead letter with an integer ${name}`, reply);
    return value;
  };
  return {
    key: str("key"),
    event: str("event"),
    rawBody: str("rawBody"),
    attempts: num("attempts"),
    firstFailureAt: num("firstFailureAt"),
    firstError: str("firstError"),
    lastFailureAt: num("lastFailureAt"),
    lastError: str("lastError"),
  };
}

/**
 * A delivery store in Redis, for receivers on several machines: claims, done marks, delivery counts and dead letters
 * under `prefix`, each state change one atomic script. Throws a TypeError for a missing `send` or a bad option; a
 * `send` that rejects (Redis unreachable) rejects the store's call, which the receiver answers with 503.
 */
export function redisStore(options: RedisStoreOptions): WebhookStore {
  if (typeof options !== "object" || options === null) {
    throw new TypeError("redisStore needs an options object: { send, prefix? }, got " + describe(options));
  }
  for (const name of Object.keys(options)) {
    if (!OPTIONS.includes(name)) {
      throw new TypeError(
        `redisStore: unknown option ${JSON.stringify(name)} (the options are: ${OPTIONS.join(", ")})`,
      );
    }
  }
  const send = options.send;
  if (typeof send !== "function") {
    throw new TypeError(
      "redisStore: send must be a function (args: string[]) => Promise<reply>: node-redis " +
        "(args) => client.sendCommand(args), ioredis (args) => client.call(args[0], ...args.slice(1))",
    );
  }
  const prefix = options.prefix ?? "zoom-webhook:";
  if (typeof prefix !== "string") throw new TypeError(`redisStore: prefix must be a string, got ${describe(prefix)}`);
  const maxDeadLetters = options.maxDeadLetters ?? 1000;
  if (!Number.isSafeInteger(maxDeadLetters) || maxDeadLetters < 1) {
    throw new TypeError(`redisStore: maxDeadLetters must be an integer >= 1, got ${describe(maxDeadLetters)}`);
  }

  const claimKey = (key: string): string => prefix + "claim:" + key;
  const doneKey = (key: string): string => prefix + "done:" + key;
  const countKey = (key: string): string => prefix + "count:" + key;
  const letterPrefix = prefix + "dead:";
  const indexKey = prefix + "dead-index";

  function run(script: string, keys: readonly string[], args: readonly string[]): Promise<unknown> {
    return send(["EVAL", script, String(keys.length), ...keys, ...args]);
  }

  function checkKey(key: unknown): string {
    if (typeof key !== "string")
      throw new TypeError(`redisStore: a delivery key must be a string, got ${describe(key)}`);
    return key;
  }

  return {
    async claim(key: string, owner: string, claimOptions: ClaimOptions): Promise<ClaimResult> {
      checkKey(key);
      const claimTtl = positiveMs("claimTtlMs", claimOptions.claimTtlMs);
      const countTtl = positiveMs("countTtlMs", claimOptions.countTtlMs);
      const reply = await run(CLAIM, [doneKey(key), claimKey(key), countKey(key)], [owner, claimTtl, countTtl]);
      const expected = '["claimed", deliveries], ["done"] or ["busy"]';
      if (!Array.isArray(reply)) throw unexpected("claim", expected, reply);
      const state = text(reply[0]);
      if (state === "done" && reply.length === 1) return { state: "done" };
      if (state === "busy" && reply.length === 1) return { state: "busy" };
      const deliveries = integer(reply[1]);
      if (state === "claimed" && reply.length === 2 && deliveries !== undefined && deliveries >= 1) {
        return { state: "claimed", deliveries };
      }
      throw unexpected("claim", expected, reply);
    },

    async finish(key: string, owner: string, doneTtlMs: number): Promise<boolean> {
      checkKey(key);
      const raw = await run(FINISH, [claimKey(key), doneKey(key)], [owner, positiveMs("doneTtlMs", doneTtlMs)]);
      const reply = integer(raw);
      if (reply !== 0 && reply !== 1) throw unexpected("finish", "0 or 1", raw);
      return reply === 1;
    },

    async release(key: string, owner: string): Promise<boolean> {
      checkKey(key);
      const raw = await run(RELEASE, [claimKey(key)], [owner]);
      const reply = integer(raw);
      if (reply !== 0 && reply !== 1) throw unexpected("release", "0 or 1", raw);
      return reply === 1;
    },

    async recordFailure(failure: Failure, ttlMs: number): Promise<DeadLetter> {
      const key = checkKey(failure.key);
      const at = Math.floor(failure.at);
      if (!Number.isSafeInteger(at))
        throw new TypeError(`redisStore: failure.at must be a time in ms, got ${describe(failure.at)}`);
      const reply = await run(
        RECORD,
        [letterPrefix + key, indexKey],
        [key, failure.event, failure.rawBody, failure.error, String(at), positiveMs("ttlMs", ttlMs), letterPrefix],
      );
      return parseLetter("recordFailure", reply);
    },

    async removeDeadLetter(key: string): Promise<void> {
      checkKey(key);
      const raw = await run(REMOVE, [letterPrefix + key, indexKey], [key]);
      if (integer(raw) !== 1) throw unexpected("removeDeadLetter", "1", raw);
    },

    async deadLetters(): Promise<readonly DeadLetter[]> {
      const reply = await run(LIST, [indexKey], [letterPrefix, String(maxDeadLetters)]);
      if (!Array.isArray(reply)) throw unexpected("deadLetters", "a list of dead letters", reply);
      return reply.map((letter) => parseLetter("deadLetters", letter));
    },
  };
}
