/**
 * The contract between the receiver and a delivery store (memoryStore for one process, redisStore for several): the
 * store holds, per delivery key (by default the SHA-256 of the raw body, since Zoom's retries resend the same bytes),
 * whether a delivery is being handled (a claim with an owner and an expiry), whether one was handled (done), how many
 * deliveries it has seen, and the dead letter of deliveries whose handlers failed. Every method is atomic per key:
 * two receivers sharing one store never both hold a claim on one key.
 */

/** What `claim` found. */
export type ClaimResult =
  /** This delivery now owns the key until `claimTtlMs` passes; `deliveries` counts it (1 on the first). */
  | { readonly state: "claimed"; readonly deliveries: number }
  /** A delivery of this key was handled (finished) within `doneTtlMs`: answer 200 without running handlers. */
  | { readonly state: "done" }
  /** Another delivery holds an unexpired claim on this key (it is being handled right now): answer 503. */
  | { readonly state: "busy" };

export interface ClaimOptions {
  /** How long the claim holds if its owner neither finishes nor releases it (its process died). */
  readonly claimTtlMs: number;
  /** How long the delivery count of a key is kept (longer than Zoom's retry schedule). */
  readonly countTtlMs: number;
}

/** A delivery whose handlers failed, kept so that nothing is lost when Zoom stops redelivering it. */
export interface DeadLetter {
  readonly key: string;
  readonly event: string;
  /** The raw body, as UTF-8 text (it parsed as JSON, so it is valid UTF-8). */
  readonly rawBody: string;
  /** Failed deliveries (and replays) so far. */
  readonly attempts: number;
  /** Milliseconds since the epoch. */
  readonly firstFailureAt: number;
  readonly firstError: string;
  readonly lastFailureAt: number;
  readonly lastError: string;
}

/** One failure, as the receiver reports it to `recordFailure`. */
export interface Failure {
  readonly key: string;
  readonly event: string;
  readonly rawBody: string;
  readonly error: string;
  /** Milliseconds since the epoch. */
  readonly at: number;
}

export interface WebhookStore {
  /**
   * Claims `key` for `owner` (a random token of this delivery) unless it is done or claimed by another owner whose
   * claim has not expired; on a claim, counts the delivery.
   */
  claim(key: string, owner: string, options: ClaimOptions): Promise<ClaimResult>;
  /** Marks `key` done for `doneTtlMs` and drops its claim, if `owner` still holds it; says whether it did. */
  finish(key: string, owner: string, doneTtlMs: number): Promise<boolean>;
  /** Drops the claim on `key` if `owner` still holds it (so that the next delivery runs the handlers again). */
  release(key: string, owner: string): Promise<boolean>;
  /** Adds a failure to the key's dead letter (creating it: attempts 1, first = last failure); returns the letter. */
  recordFailure(failure: Failure, ttlMs: number): Promise<DeadLetter>;
  /** Removes the dead letter of `key`, if any (a later delivery or a replay succeeded). */
  removeDeadLetter(key: string): Promise<void>;
  /** The dead letters, oldest first failure first. */
  deadLetters(): Promise<readonly DeadLetter[]>;
}
