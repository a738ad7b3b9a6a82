/**
 * A downstream service, as a user would write it: imports the generated package by name through its `exports`
 * (NodeNext resolution), and uses every export. The contract test compiles it with the strictest flags and runs it.
 */
import {
  createUrlValidationResponse,
  createWebhookHandler,
  getHeader,
  signWebhook,
  verifyWebhookSignature,
  verifyWebhookSignatureAsync,
  WebhookVerificationError,
  type HeadersInput,
  type NodeRequestLike,
  type NodeResponseLike,
  type SecretInput,
  type UnknownWebhookEvent,
  type VerifyOptions,
  type WebhookErrorContext,
  type WebhookHandler,
  type WebhookHandlerOptions,
  type WebhookHandlers,
  type WebhookVerificationErrorCode,
  memoryStore,
  type ClaimOptions,
  type ClaimResult,
  type DeadLetter,
  type Failure,
  type MemoryStoreOptions,
  type ReplayOutcome,
  type WebhookStore,
  redisStore,
  type RedisSend,
  type RedisStoreOptions,
  createSchemas,
  schemas,
  type StandardSchemaV1,
  type WebhookSchemas,
  isCobrowseSessionEndedEvent,
  isCobrowseSessionStartedEvent,
  isCobrowseSessionUserJoinedEvent,
  isCobrowseSessionUserLeftEvent,
  isWebhookEvent,
  parseWebhookEvent,
  validateCobrowseSessionEndedEvent,
  validateCobrowseSessionStartedEvent,
  validateCobrowseSessionUserJoinedEvent,
  validateCobrowseSessionUserLeftEvent,
  validateWebhookEvent,
  webhookEventNames,
  type CobrowseSessionEndedEvent,
  type CobrowseSessionStartedEvent,
  type CobrowseSessionUserJoinedEvent,
  type CobrowseSessionUserLeftEvent,
  type IssueCode,
  type UnknownPropertiesMode,
  type ValidationIssue,
  type ValidationOptions,
  type ValidationResult,
  type WebhookEvent,
  type WebhookEventMap,
  type WebhookEventName,
} from "cobrowse-sdk-webhooks";
import {
  build,
  buildCobrowseSessionEndedEvent,
  buildCobrowseSessionStartedEvent,
  buildCobrowseSessionUserJoinedEvent,
  buildCobrowseSessionUserLeftEvent,
  fixtures,
  FixtureBuildError,
  invalidFixtures,
  type BuildOptions,
  type DeepPartial,
  type EventFixtures,
  type InvalidFixture,
} from "cobrowse-sdk-webhooks/fixtures";

function assertNever(value: never): never {
  throw new Error(`unhandled event ${JSON.stringify(value)}`);
}

/** Exhaustive: adding an event to the spec makes this fail to compile until it is handled. */
function describeEvent(event: WebhookEvent): string {
  switch (event.event) {
    case "cobrowse.session_started":
      return `started ${event.payload.object.start_time}`;
    case "cobrowse.session_user_joined":
      return `joined ${event.payload.object.join_time} ${event.payload.object.user_connection_id}`;
    case "cobrowse.session_user_left":
      return `left ${event.payload.object.leave_time} ${event.payload.object.leave_reason ?? "(no reason)"}`;
    case "cobrowse.session_ended":
      return `ended ${event.payload.object.end_time}`;
    default:
      return assertNever(event);
  }
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`consumer check failed: ${message}`);
}

const mode: UnknownPropertiesMode = "allow";
const options: ValidationOptions = { unknownProperties: mode };
const names: readonly WebhookEventName[] = webhookEventNames;
check(names.length === 4, "four event names");

const guards = {
  "cobrowse.session_started": [isCobrowseSessionStartedEvent, validateCobrowseSessionStartedEvent],
  "cobrowse.session_user_joined": [isCobrowseSessionUserJoinedEvent, validateCobrowseSessionUserJoinedEvent],
  "cobrowse.session_user_left": [isCobrowseSessionUserLeftEvent, validateCobrowseSessionUserLeftEvent],
  "cobrowse.session_ended": [isCobrowseSessionEndedEvent, validateCobrowseSessionEndedEvent],
} as const;

for (const name of webhookEventNames) {
  const set: EventFixtures<WebhookEventMap[typeof name]> = fixtures[name];
  const example = set.example;
  check(example !== undefined, `${name} has an example`);
  const [is, validate] = guards[name];
  check(is(example), `is… accepts the ${name} example`);
  check(validate(example).ok, `validate… accepts the ${name} example`);
  check(isWebhookEvent(example), `isWebhookEvent accepts the ${name} example`);

  const raw = JSON.stringify(example);
  const parsed: ValidationResult<WebhookEvent> = parseWebhookEvent(new TextEncoder().encode(raw), options);
  if (!parsed.ok) throw new Error(`parseWebhookEvent rejected the ${name} example`);
  check(describeEvent(parsed.value).length > 0, "describeEvent");
  check(parsed.warnings.length === 0, "no warnings for an exact example");
}

const unknown: unknown = JSON.parse(JSON.stringify(fixtures["cobrowse.session_started"].example));
if (isCobrowseSessionStartedEvent(unknown)) {
  // Narrowed by the type predicate: no cast needed.
  const started: CobrowseSessionStartedEvent = unknown;
  check(started.payload.object.session_id.length > 0, "narrowed value is usable");
}

const bad = validateWebhookEvent({ event: "cobrowse.session_ended", event_ts: 1, payload: { account_id: "a", object: {} } });
if (bad.ok) throw new Error("an event without session_id and end_time must fail");
const codes: IssueCode[] = bad.issues.map((issue: ValidationIssue) => issue.code);
check(codes.join() === "missing_property,missing_property", `issues: ${codes.join()}`);

// Type-level: each map entry is the named type.
const typed: [WebhookEventMap["cobrowse.session_user_joined"], WebhookEventMap["cobrowse.session_user_left"], WebhookEventMap["cobrowse.session_ended"]] | undefined =
  undefined as [CobrowseSessionUserJoinedEvent, CobrowseSessionUserLeftEvent, CobrowseSessionEndedEvent] | undefined;
void typed;

// Standard Schema: what tRPC, Hono's validator and others call.
const lenient: WebhookSchemas = createSchemas({ unknownProperties: "allow" });
const standardResult = lenient.WebhookEvent["~standard"].validate({ ...fixtures["cobrowse.session_ended"].example, extra: 1 });
check(!(standardResult instanceof Promise) && standardResult.issues === undefined, "lenient Standard Schema accepts an extra field");
const strictSchema: StandardSchemaV1<WebhookEvent> = schemas.WebhookEvent;
const strictResult = strictSchema["~standard"].validate({});
check(!(strictResult instanceof Promise) && (strictResult.issues?.length ?? 0) > 0, "strict Standard Schema rejects {}");

// Receiving: signatures, the handshake, the typed router.
const secret: SecretInput = ["old-secret", "new-secret"];
const rawBody = JSON.stringify(fixtures["cobrowse.session_started"].example);
const signed: HeadersInput = signWebhook({ body: rawBody, secret: "new-secret" });
const verifyOptions: VerifyOptions = { body: rawBody, headers: signed, secret };
verifyWebhookSignature(verifyOptions);
await verifyWebhookSignatureAsync(verifyOptions);
check(getHeader(signed, "X-ZM-Signature").length === 1, "getHeader is case-insensitive");
try {
  verifyWebhookSignature({ ...verifyOptions, secret: "other" });
  check(false, "a wrong secret fails");
} catch (error) {
  const code: WebhookVerificationErrorCode | undefined = error instanceof WebhookVerificationError ? error.code : undefined;
  check(code === "signature_mismatch", "mismatch code");
}
check(createUrlValidationResponse("qgg8vlvZRS6UYooatFL8Aw", "secretValueTest").encryptedToken.startsWith("70c1f2e2"), "handshake vector");
const routes: WebhookHandlers = { "cobrowse.session_ended": (event) => event.payload.object.end_time };
const seen: string[] = [];
const handlerOptions: WebhookHandlerOptions = {
  secret,
  on: routes,
  onAny: (event) => seen.push(event.event),
  onUnknownEvent: (event: UnknownWebhookEvent) => seen.push(event.event),
  onError: (_error: unknown, context: WebhookErrorContext) => seen.push(context.stage),
};
const receiver: WebhookHandler = createWebhookHandler(handlerOptions);
const response = await receiver.fetch(new Request("http://localhost/zoom", { method: "POST", body: rawBody, headers: { "content-type": "application/json", ...signed } }));
check(response.status === 200 && seen.includes("cobrowse.session_started"), "fetch adapter routes a signed event");
const nodeRequest: NodeRequestLike = { method: "GET", headers: {}, on: () => undefined };
const nodeResponse: NodeResponseLike & { body?: string } = { statusCode: 0, setHeader: () => undefined, end(body) { this.body = body ?? ""; } };
await receiver.node(nodeRequest, nodeResponse);
check(nodeResponse.statusCode === 405, "node adapter refuses GET");

// Delivery guarantees: a store deduplicates redeliveries and keeps dead letters.
const storeOptions: MemoryStoreOptions = { maxEntries: 100 };
const store: WebhookStore = memoryStore(storeOptions);
const claimOptions: ClaimOptions = { claimTtlMs: 1000, countTtlMs: 60_000 };
const claimed: ClaimResult = await store.claim("consumer-key", "owner", claimOptions);
check(claimed.state === "claimed" && claimed.deliveries === 1, "memoryStore claims a new key");
const failure: Failure = { key: "consumer-key", event: "cobrowse.session_started", rawBody, error: "x", at: 0 };
const letter: DeadLetter = await store.recordFailure(failure, 60_000);
check(letter.attempts === 1, "memoryStore keeps a dead letter");
const deduplicating = createWebhookHandler({ ...handlerOptions, store: memoryStore() });
await deduplicating.fetch(new Request("http://localhost/zoom", { method: "POST", body: rawBody, headers: { "content-type": "application/json", ...signed } }));
const again = await deduplicating.fetch(new Request("http://localhost/zoom", { method: "POST", body: rawBody, headers: { "content-type": "application/json", ...signed } }));
check(again.status === 200 && (await deduplicating.deadLetters()).length === 0, "a redelivery is a duplicate");
const outcome: ReplayOutcome | undefined = (await deduplicating.deadLetters())[0] === undefined ? undefined : await deduplicating.replay("none");
check(outcome === undefined, "nothing to replay");

// redisStore over a raw-command function (a fake Redis here: the real one is in test/redis).
const sent: string[][] = [];
const send: RedisSend = async (args) => {
  sent.push([...args]);
  return 1; // what Redis answers the removal script
};
const redisOptions: RedisStoreOptions = { send, prefix: "consumer:" };
await redisStore(redisOptions).removeDeadLetter("consumer-key");
check(sent.length > 0 && sent.every((args) => args.some((arg) => arg.startsWith("consumer:"))), "redisStore sends raw commands under its prefix");

// Test helpers: builders, the negative catalogue.
const overrides: DeepPartial<CobrowseSessionUserLeftEvent> = { payload: { object: { leave_reason: "Unknown reason" } } };
const lenientBuild: BuildOptions = { validate: false };
check(buildCobrowseSessionUserLeftEvent(overrides).payload.object.leave_reason === "Unknown reason", "typed builder");
check(buildCobrowseSessionStartedEvent().event === "cobrowse.session_started", "builder without overrides");
check(buildCobrowseSessionUserJoinedEvent({ event_ts: 5 }).event_ts === 5, "builder override");
check(buildCobrowseSessionEndedEvent({ payload: { object: { session_pin: undefined } } }, lenientBuild).payload.object.session_pin === undefined, "undefined removes");
check(build("cobrowse.session_ended").event === "cobrowse.session_ended", "generic builder");
try {
  build("cobrowse.session_started", { payload: { object: { start_time: "soon" } } });
  check(false, "an invalid build throws");
} catch (error) {
  check(error instanceof FixtureBuildError && error.issues.length === 1, "FixtureBuildError lists the issue");
}
for (const name of webhookEventNames) {
  const negative: readonly InvalidFixture[] = invalidFixtures[name];
  for (const fixture of negative) {
    const result = validateWebhookEvent(fixture.value);
    check(!result.ok && result.issues.length === fixture.expected.length, `invalid fixture ${fixture.name} fails as labelled`);
  }
}

// @ts-expect-error: an unknown event name is not a WebhookEventName
const wrong: WebhookEventName = "cobrowse.session_paused";
void wrong;

console.log("consumer ok");
