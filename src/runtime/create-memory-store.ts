/**
 * memoryStore: the WebhookStore of one process. Bounded, since every delivery adds a key: at most `maxEntries` keys
 * (claims, done marks and delivery counts) and at most `maxEntries` dead letters, each dropped when its TTL passes
 * or, when full, the least recently used first. Several instances behind a load balancer need a shared store
 * (redisStore): each process would otherwise deduplicate only what it received itself.
 */
import type { ClaimOptions, ClaimResult, DeadLetter, Failure, WebhookStore } from "./webhook-store.js";

export interface MemoryStoreOptions {
  /** The most keys, and separately the most dead letters, kept. Default 10000. */
  readonly maxEntries?: number;
  /**
   * Called with a dead letter dropped because the store was full (its TTL had not passed): the event is then only in
   * this report. Default: console.error.
   */
  readonly onEvict?: (letter: DeadLetter) => void;
  /** Milliseconds, like Date.now; for tests. */
  readonly now?: () => number;
}

interface Entry {
  owner?: string;
  claimUntil: number;
  doneUntil: number;
  deliveries: number;
  countUntil: number;
}

interface StoredLetter {
  letter: DeadLetter;
  until: number;
}

function defaultOnEvict(letter: DeadLetter): void {
  console.error("[zoom webhook] memoryStore is full: dropped the dead letter", letter.key, letter.event, letter);
}

/**
 * A WebhookStore in this process's memory (lost on restart). When full, an expired key goes first, then the least
 * recently used one; a key whose claim is live is never evicted for another (a duplicate would run its handlers), so
 * a store full of live claims still grows past `maxEntries` until they end. A full store's oldest dead letter goes to
 * `onEvict`.
 */
export function memoryStore(options: MemoryStoreOptions = {}): WebhookStore {
  const maxEntries = options.maxEntries ?? 10_000;
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
    throw new TypeError("memoryStore: maxEntries must be a whole number, at least 1 (default 10000)");
  }
  for (const name of ["onEvict", "now"] as const) {
    if (options[name] !== undefined && typeof options[name] !== "function") {
      throw new TypeError(`memoryStore: ${name} must be a function`);
    }
  }
  const now = options.now ?? Date.now;
  const onEvict = options.onEvict ?? defaultOnEvict;
  // Map keeps insertion order: deleting and re-inserting on use makes the first key the least recently used.
  const entries = new Map<string, Entry>();
  const letters = new Map<string, StoredLetter>();

  const live = (entry: Entry, at: number): boolean =>
    entry.claimUntil > at || entry.doneUntil > at || entry.countUntil > at;

  function touch(key: string, entry: Entry): void {
    entries.delete(key);
    entries.set(key, entry);
    if (entries.size <= maxEntries) return;
    const at = now();
    for (const [other, value] of entries) {
      if (entries.size <= maxEntries) return;
      if (!live(value, at)) entries.delete(other);
    }
    for (const [other, value] of entries) {
      if (entries.size <= maxEntries) return;
      if (other !== key && !(value.owner !== undefined && value.claimUntil > at)) entries.delete(other);
    }
  }

  function current(key: string, at: number): Entry | undefined {
    const entry = entries.get(key);
    if (entry !== undefined && !live(entry, at)) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  }

  function letterOf(key: string, at: number): StoredLetter | undefined {
    const stored = letters.get(key);
    if (stored !== undefined && stored.until <= at) {
      letters.delete(key);
      return undefined;
    }
    return stored;
  }

  return {
    async claim(key: string, owner: string, claim: ClaimOptions): Promise<ClaimResult> {
      const at = now();
      const entry = current(key, at) ?? { claimUntil: 0, doneUntil: 0, deliveries: 0, countUntil: 0 };
      if (entry.doneUntil > at) {
        touch(key, entry);
        return { state: "done" };
      }
      if (entry.owner !== undefined && entry.owner !== owner && entry.claimUntil > at) return { state: "busy" };
      entry.owner = owner;
      entry.claimUntil = at + claim.claimTtlMs;
      entry.deliveries = (entry.countUntil > at ? entry.deliveries : 0) + 1;
      entry.countUntil = at + claim.countTtlMs;
      touch(key, entry);
      return { state: "claimed", deliveries: entry.deliveries };
    },

    async finish(key: string, owner: string, doneTtlMs: number): Promise<boolean> {
      const at = now();
      const entry = current(key, at);
      if (entry === undefined || entry.owner !== owner || entry.claimUntil <= at) return false;
      delete entry.owner;
      entry.claimUntil = 0;
      entry.doneUntil = at + doneTtlMs;
      touch(key, entry);
      return true;
    },

    async release(key: string, owner: string): Promise<boolean> {
      const at = now();
      const entry = current(key, at);
      if (entry === undefined || entry.owner !== owner || entry.claimUntil <= at) return false;
      delete entry.owner;
      entry.claimUntil = 0;
      return true;
    },

    async recordFailure(failure: Failure, ttlMs: number): Promise<DeadLetter> {
      const at = now();
      const previous = letterOf(failure.key, at)?.letter;
      const letter: DeadLetter = {
        key: failure.key,
        event: failure.event,
        rawBody: failure.rawBody,
        attempts: (previous?.attempts ?? 0) + 1,
        firstFailureAt: previous?.firstFailureAt ?? failure.at,
        firstError: previous?.firstError ?? failure.error,
        lastFailureAt: failure.at,
        lastError: failure.error,
      };
      letters.delete(failure.key);
      letters.set(failure.key, { letter, until: at + ttlMs });
      for (const [other, stored] of letters) {
        if (letters.size <= maxEntries) break;
        letters.delete(other);
        if (stored.until > at) {
          try {
            onEvict(stored.letter);
          } catch (error) {
            console.error("[zoom webhook] memoryStore onEvict threw", error);
          }
        }
      }
      return letter;
    },

    async removeDeadLetter(key: string): Promise<void> {
      letters.delete(key);
    },

    async deadLetters(): Promise<readonly DeadLetter[]> {
      const at = now();
      const list: DeadLetter[] = [];
      for (const [key, stored] of letters) {
        if (stored.until <= at) letters.delete(key);
        else list.push(stored.letter);
      }
      return list.sort((a, b) => a.firstFailureAt - b.firstFailureAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },
  };
}
