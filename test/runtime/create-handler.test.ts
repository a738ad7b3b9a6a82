import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { HandlerOptions, NodeRequestLike, NodeResponseLike, WebhookErrorContext, WebhookHandler } from "../../src/runtime/create-handler.js";
import { memoryStore } from "../../src/runtime/create-memory-store.js";
import { makeIssue, type ValidationIssue } from "../../src/runtime/make-issue.js";
import type { ValidationOptions, ValidationResult } from "../../src/runtime/run-guard.js";

type CreateHandler = typeof import("../../src/runtime/create-handler.js").createHandler;

/** A two-event "spec", validated by hand: the router is generic, the generated package only binds it. */
interface Events {
  "a.created": { event: "a.created"; id: string };
  "b.deleted": { event: "b.deleted"; count: number };
}
type AnyEvent = Events[keyof Events];

const FIELDS = { "a.created": ["id", "string"], "b.deleted": ["count", "number"] } as const;

function validate(value: unknown, options: ValidationOptions): ValidationResult<AnyEvent> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, issues: [makeIssue([], "", "invalid_type", "object", value)] };
  }
  const record = value as Record<string, unknown>;
  const name = record["event"];
  if (name !== "a.created" && name !== "b.deleted") {
    return { ok: false, issues: [makeIssue(["event"], "/event", "unknown_event", '"a.created" | "b.deleted"', name)] };
  }
  const [field, type] = FIELDS[name];
  const issues: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];
  if (typeof record[field] !== type) issues.push(makeIssue([field], "/" + field, "invalid_type", type, record[field]));
  for (const key of Object.keys(record)) {
    if (key === "event" || key === field) continue;
    (options.unknownProperties === "allow" ? warnings : issues).push(makeIssue([key], "/" + key, "unknown_property", undefined, record[key]));
  }
  return issues.length === 0 ? { ok: true, value: value as AnyEvent, warnings } : { ok: false, issues };
}

const SECRET = "s3cret-token";
const NOW = 1_743_510_146;
const clock = () => NOW * 1000;

function signed(body: string | Uint8Array, secret = SECRET, extra: Record<string, string> = {}): Record<string, string> {
  const signature = "v0=" + createHmac("sha256", secret).update(`v0:${NOW}:`).update(body).digest("hex");
  return { "content-type": "application/json", "x-zm-request-timestamp": String(NOW), "x-zm-signature": signature, ...extra };
}

const post = (body: string | Uint8Array, headers: Record<string, string> = signed(body)) =>
  new Request("http://localhost/zoom", { method: "POST", headers, body });

async function freshCreateHandler(nodeCrypto: boolean): Promise<CreateHandler> {
  vi.resetModules();
  const processLike = process as unknown as { getBuiltinModule?: unknown };
  const saved = processLike.getBuiltinModule;
  if (!nodeCrypto) delete processLike.getBuiltinModule;
  try {
    const hmac = await import("../../src/runtime/compute-hmac.js");
    hmac.getNodeCrypto();
    return (await import("../../src/runtime/create-handler.js")).createHandler;
  } finally {
    processLike.getBuiltinModule = saved;
  }
}

const flavours: [string, CreateHandler][] = [
  ["node:crypto, synchronous verification", await freshCreateHandler(true)],
  ["Web Crypto, as in Workers", await freshCreateHandler(false)],
];

interface Recorded {
  handler: WebhookHandler;
  errors: [unknown, WebhookErrorContext][];
  calls: unknown[][];
}

describe.each(flavours)("createHandler (%s)", (_, createHandler) => {
  function make(options: Partial<HandlerOptions<Events>> = {}): Recorded {
    const errors: [unknown, WebhookErrorContext][] = [];
    const calls: unknown[][] = [];
    const handler = createHandler<Events>(
      {
        secret: SECRET,
        now: clock,
        on: {
          "a.created": (event) => void calls.push(["a.created", event.id]),
          "b.deleted": (event) => void calls.push(["b.deleted", event.count]),
        },
        onAny: (event) => void calls.push(["any", event.event]),
        onUnknownEvent: (event) => void calls.push(["unknown", event.event]),
        onError: (error, context) => void errors.push([error, context]),
        ...options,
      },
      validate,
    );
    return { handler, errors, calls };
  }

  it.each<[string, () => Request, number, { stage?: WebhookErrorContext["stage"]; calls?: unknown[][]; allow?: string; body?: unknown }]>([
    ["a valid event: its handler and onAny", () => post('{"event":"a.created","id":"x"}'), 200, { calls: [["a.created", "x"], ["any", "a.created"]] }],
    ["the other event", () => post('{"event":"b.deleted","count":2}'), 200, { calls: [["b.deleted", 2], ["any", "b.deleted"]] }],
    ["a field Zoom added (allow by default)", () => post('{"event":"a.created","id":"x","new":1}'), 200, { calls: [["a.created", "x"], ["any", "a.created"]] }],
    ["an unknown event: onUnknownEvent", () => post('{"event":"c.other","x":1}'), 200, { calls: [["unknown", "c.other"]] }],
    ["an invalid event", () => post('{"event":"a.created","id":5}'), 400, { stage: "validate" }],
    ["a body that is not JSON", () => post("{nope"), 400, { stage: "parse" }],
    ["a body that is not UTF-8", () => post(new Uint8Array([0x7b, 0xff, 0x7d])), 400, { stage: "parse" }],
    ["JSON that is not an object", () => post("[1]"), 400, { stage: "validate" }],
    ["a body with a byte order mark", () => post(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"event":"a.created","id":"x"}')])), 200, { calls: [["a.created", "x"], ["any", "a.created"]] }],
    ["no signature", () => post("{}", { "content-type": "application/json" }), 401, { stage: "verify" }],
    ["another secret's signature", () => post("{}", signed("{}", "other")), 401, { stage: "verify" }],
    ["GET", () => new Request("http://localhost/zoom"), 405, { allow: "POST" }],
    ["text/plain", () => post("{}", signed("{}", SECRET, { "content-type": "text/plain" })), 415, {}],
    ["a +json media type with parameters", () => post('{"event":"a.created","id":"x"}', signed('{"event":"a.created","id":"x"}', SECRET, { "content-type": "application/cloudevents+json; charset=utf-8" })), 200, {}],
    ["a declared length over the limit", () => post("{}", signed("{}", SECRET, { "content-length": String(2 * 1024 * 1024) })), 413, { stage: "read" }],
  ])("%s → %s", async (_, request, status, expected) => {
    const { handler, errors, calls } = make();
    const response = await handler.fetch(request());
    expect(response.status).toBe(status);
    if (expected.allow !== undefined) expect(response.headers.get("allow")).toBe(expected.allow);
    expect(errors.map(([, context]) => context.stage)).toEqual(expected.stage === undefined ? [] : [expected.stage]);
    if (expected.calls !== undefined) expect(calls).toEqual(expected.calls);
    if (status >= 400) expect(calls).toEqual([]);
  });

  it("reports validation issues and the event name to onError", async () => {
    const { handler, errors } = make();
    await handler.fetch(post('{"event":"a.created","id":5}'));
    expect(errors[0]?.[1]).toMatchObject({ stage: "validate", event: "a.created", issues: [{ code: "invalid_type", pointer: "/id" }] });
  });

  it("refuses a field Zoom added in reject mode", async () => {
    const { handler, errors } = make({ unknownProperties: "reject" });
    expect((await handler.fetch(post('{"event":"a.created","id":"x","new":1}'))).status).toBe(400);
    expect(errors[0]?.[1].issues).toMatchObject([{ code: "unknown_property", pointer: "/new" }]);
  });

  it("answers 413 for a streamed body over maxBodyBytes, without a length header", async () => {
    const { handler } = make({ maxBodyBytes: 10 });
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(8));
      },
    });
    const request = new Request("http://localhost/zoom", { method: "POST", headers: signed("x"), body: stream, duplex: "half" } as RequestInit);
    expect((await handler.fetch(request)).status).toBe(413);
  });

  describe("the URL-validation handshake", () => {
    const body = '{"event":"endpoint.url_validation","payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"},"event_ts":1}';
    const token = (secret: string) => createHmac("sha256", secret).update("qgg8vlvZRS6UYooatFL8Aw").digest("hex");

    it("answers with the secret that signed the request (rotation: Zoom may still sign with the old one)", async () => {
      const { handler, calls } = make({ secret: ["new", "old"] });
      const response = await handler.fetch(post(body, signed(body, "old")));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/json");
      expect(await response.json()).toEqual({ plainToken: "qgg8vlvZRS6UYooatFL8Aw", encryptedToken: token("old") });
      expect(calls).toEqual([]);
    });

    it("refuses it unsigned: answering would sign the attacker's plainToken (the signing oracle)", async () => {
      const unsigned = { "content-type": "application/json" };
      const { handler, errors, calls } = make({ secret: ["first", "second"] });
      expect((await handler.fetch(post(body, unsigned))).status).toBe(401);
      expect(errors.map(([, c]) => c.stage)).toEqual(["verify"]);
      expect(calls).toEqual([]);
    });

    it("the option that allowed unsigned handshakes is refused at creation, not ignored", () => {
      expect(() => createHandler<Events>({ secret: SECRET, verifyUrlValidation: false } as never, validate)).toThrow(/verifyUrlValidation was removed/);
    });

    it.each<[string, string, Partial<HandlerOptions<Events>>, number, WebhookErrorContext["stage"]]>([
      ["without a plainToken", '{"event":"endpoint.url_validation","payload":{}}', {}, 400, "validate"],
      ["with an empty plainToken", '{"event":"endpoint.url_validation","payload":{"plainToken":""}}', {}, 400, "validate"],
    ])("%s → %s", async (_, text, options, status, stage) => {
      const { handler, errors } = make(options);
      const headers = signed(text);
      expect((await handler.fetch(post(text, headers))).status).toBe(status);
      expect(errors.at(-1)?.[1].stage).toBe(stage);
    });
  });

  describe("handlers", () => {
    it.each<[string, Partial<HandlerOptions<Events>>, string, number, unknown[]]>([
      ["a handler that rejects within ackTimeoutMs: 500 (Zoom redelivers)", { on: { "a.created": () => Promise.reject(new Error("db down")) } }, '{"event":"a.created","id":"x"}', 500, [["db down", "handler", "a.created"]]],
      ["a handler that throws synchronously: 500", { on: { "a.created": () => { throw new Error("bug"); } } }, '{"event":"a.created","id":"x"}', 500, [["bug", "handler", "a.created"]]],
      ["onAny failing while the event's handler succeeds: 500", { onAny: () => Promise.reject(new Error("audit down")) }, '{"event":"a.created","id":"x"}', 500, [["audit down", "handler", "a.created"]]],
      ["onUnknownEvent failing: 500, as for handlers", { onUnknownEvent: () => Promise.reject(new Error("unknown down")) }, '{"event":"c.other"}', 500, [["unknown down", "handler", "c.other"]]],
      ["handlers that succeed: 200", {}, '{"event":"a.created","id":"x"}', 200, []],
    ])("%s", async (_, options, text, status, reported) => {
      const { handler, errors } = make(options);
      expect((await handler.fetch(post(text))).status).toBe(status);
      expect(errors.map(([error, context]) => [(error as Error).message, context.stage, context.event])).toEqual(reported);
    });

    it("a handler still running at ackTimeoutMs: 200, a timeout report, and its later failure reported too", async () => {
      let fail!: (error: Error) => void;
      const { handler, errors } = make({ ackTimeoutMs: 20, on: { "a.created": () => new Promise<void>((_, reject) => (fail = reject)) } });
      expect((await handler.fetch(post('{"event":"a.created","id":"x"}'))).status).toBe(200);
      expect(errors.map(([, context]) => [context.stage, context.event])).toEqual([["timeout", "a.created"]]);
      expect(String(errors[0]?.[0])).toMatch(/still running after 20 ms/);
      fail(new Error("late failure"));
      await vi.waitFor(() => expect(errors.map(([, context]) => context.stage)).toEqual(["timeout", "handler"]));
      expect(errors[1]?.[0]).toMatchObject({ message: "late failure" });
    });

    it("an unknown event whose handler is still running at ackTimeoutMs: 200 and a timeout report", async () => {
      const { handler, errors } = make({ ackTimeoutMs: 20, onUnknownEvent: () => new Promise(() => undefined) });
      expect((await handler.fetch(post('{"event":"c.other"}'))).status).toBe(200);
      expect(errors.map(([, context]) => [context.stage, context.event])).toEqual([["timeout", "c.other"]]);
    });

    it("a slow handler is acknowledged after ackTimeoutMs and keeps running", async () => {
      let finished = false;
      const { handler } = make({
        ackTimeoutMs: 20,
        on: { "a.created": () => new Promise<void>((resolve) => setTimeout(() => ((finished = true), resolve()), 200)) },
      });
      const started = Date.now();
      expect((await handler.fetch(post('{"event":"a.created","id":"x"}'))).status).toBe(200);
      expect(Date.now() - started).toBeLessThan(190);
      expect(finished).toBe(false);
      await vi.waitFor(() => expect(finished).toBe(true), { timeout: 2000 });
    });

    it("ackTimeoutMs beyond what setTimeout can wait means: wait for the handlers", async () => {
      let finished = false;
      const { handler } = make({ ackTimeoutMs: Infinity, on: { "a.created": () => new Promise<void>((resolve) => setTimeout(() => ((finished = true), resolve()), 30)) } });
      await handler.fetch(post('{"event":"a.created","id":"x"}'));
      expect(finished).toBe(true);
    });

    it("an event with no handler is acknowledged", async () => {
      const { handler, calls } = make({ on: {}, onAny: undefined as never });
      expect((await handler.fetch(post('{"event":"b.deleted","count":1}'))).status).toBe(200);
      expect(calls).toEqual([]);
    });

    it("a throwing onError does not leave the request unanswered", async () => {
      const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
      const { handler } = make({
        onError: () => {
          throw new Error("logger down");
        },
      });
      expect((await handler.fetch(post("{}", { "content-type": "application/json" }))).status).toBe(401);
      expect(logged).toHaveBeenCalledWith("[zoom webhook] onError threw", expect.objectContaining({ message: "logger down" }));
      logged.mockRestore();
    });

    it("by default logs timeouts", async () => {
      const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
      const handler = createHandler<Events>({ secret: SECRET, now: clock, ackTimeoutMs: 5, on: { "a.created": () => new Promise(() => undefined) } }, validate);
      expect((await handler.fetch(post('{"event":"a.created","id":"x"}'))).status).toBe(200);
      expect(logged).toHaveBeenCalledWith("[zoom webhook]", "timeout", expect.objectContaining({ message: expect.stringMatching(/still running/) }));
      logged.mockRestore();
    });

    it("by default logs handler failures, not refusals", async () => {
      const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
      const handler = createHandler<Events>({ secret: SECRET, now: clock, on: { "a.created": () => { throw new Error("bug"); } } }, validate);
      await handler.fetch(post("{}", { "content-type": "application/json" }));
      expect(logged).not.toHaveBeenCalled();
      await handler.fetch(post('{"event":"a.created","id":"x"}'));
      expect(logged).toHaveBeenCalledWith("[zoom webhook]", "handler", expect.objectContaining({ message: "bug" }));
      logged.mockRestore();
    });
  });

  it.each<[string, Partial<HandlerOptions<Events>>]>([
    ["a negative ackTimeoutMs", { ackTimeoutMs: -1 }],
    ["a NaN maxBodyBytes", { maxBodyBytes: Number.NaN }],
    ["a string toleranceSeconds", { toleranceSeconds: "300" as never }],
  ])("throws at creation for %s", (_, options) => {
    expect(() => createHandler<Events>({ secret: SECRET, ...options }, validate)).toThrow(TypeError);
  });

  describe("a missing or unusable secret is refused at creation, naming the option and never echoing a secret", () => {
    it.each<[string, unknown, RegExp]>([
      ["undefined (the environment variable is not set)", undefined, /options\.secret is undefined[^]*ZOOM_WEBHOOK_SECRET_TOKEN/],
      ["an empty string (the environment variable is empty)", "", /options\.secret is an empty string[^]*ZOOM_WEBHOOK_SECRET_TOKEN/],
      ["null", null, /options\.secret is null/],
      ["an empty list", [], /options\.secret is an empty list/],
      ["a list containing an empty string", ["kept-secret", ""], /options\.secret\[1\] is an empty string/],
      ["a list containing a number", ["kept-secret", 7], /options\.secret\[1\] is a number/],
      ["a number", 42, /options\.secret is a number/],
      ["an object", { token: "kept-secret" }, /options\.secret is an object/],
    ])("%s", (_, secret, message) => {
      const create = () => createHandler<Events>({ secret: secret as never }, validate);
      expect(create).toThrow(TypeError);
      expect(create).toThrow(message);
      expect(create).not.toThrow(/kept-secret/);
    });

    const text = '{"event":"a.created","id":"x"}';
    const handshake = '{"event":"endpoint.url_validation","payload":{"plainToken":"tok"}}';
    it.each<[string, (headers: unknown) => unknown, RegExp]>([
      ["returns undefined", () => undefined, /returned undefined/],
      ["returns an empty string", () => "", /returned an empty string/],
      ["returns an empty list", () => [], /returned an empty list/],
      ["returns a list containing an empty string", () => [SECRET, ""], /\[1\] is an empty string/],
      ["returns a number", () => 42, /returned a number/],
      ["throws", () => { throw new Error("vault down"); }, /vault down/],
      ["rejects", () => Promise.reject(new Error("vault down")), /vault down/],
      ["resolves to undefined", async () => undefined, /returned undefined/],
    ])("a secret function that %s: 500 and a config error, for events and the handshake alike", async (_, secret, message) => {
      const { handler, errors, calls } = make({ secret: secret as never });
      expect((await handler.fetch(post(text))).status).toBe(500);
      expect((await handler.fetch(post(handshake))).status).toBe(500);
      expect(errors.map(([, context]) => context.stage)).toEqual(["config", "config"]);
      expect(String(errors[0]?.[0])).toMatch(/options\.secret/);
      expect(errors[0]?.[0]).toMatchObject({ message: expect.stringMatching(message) });
      expect(calls).toEqual([]);
    });

    it("a secret function's failure is logged by the default onError", async () => {
      const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
      const handler = createHandler<Events>({ secret: () => undefined, now: clock }, validate);
      expect((await handler.fetch(post(text))).status).toBe(500);
      expect(logged).toHaveBeenCalledWith("[zoom webhook]", "config", expect.objectContaining({ message: expect.stringMatching(/options\.secret/) }));
      logged.mockRestore();
    });

    it("a secret function that never settles: 500 and a config error within ackTimeoutMs, not a request held open", async () => {
      const { handler, errors, calls } = make({ secret: (() => new Promise(() => undefined)) as never, ackTimeoutMs: 50 });
      const started = Date.now();
      expect((await handler.fetch(post(text))).status).toBe(500);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(errors.map(([, context]) => context.stage)).toEqual(["config"]);
      expect(String(errors[0]?.[0])).toMatch(/options\.secret \(a function\) did not settle within 50 ms/);
      expect(calls).toEqual([]);
    });

    it("a secret function may be async (a secret store)", async () => {
      const { handler, calls } = make({ secret: (async () => [SECRET]) as never });
      expect((await handler.fetch(post(text))).status).toBe(200);
      expect(calls).toEqual([["a.created", "x"], ["any", "a.created"]]);
    });
  });

  it("a Request whose body something else already read: 500 and a config error saying how to fix it", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const handler = createHandler<Events>({ secret: SECRET, now: clock }, validate);
    const request = post('{"event":"a.created","id":"x"}');
    await request.text();
    expect((await handler.fetch(request)).status).toBe(500);
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/^\[zoom webhook\] handler\.fetch answers 500: [^]*already read[^]*clone/));
    logged.mockRestore();
  });

  it("refuses a missing options object", () => {
    expect(() => createHandler<Events>(undefined as never, validate)).toThrow(/options object/);
  });

  const handle = () => undefined;
  const STORE = memoryStore();
  it.each<[string, Record<string, unknown>, RegExp]>([
    ["an unknown option (a typo)", { maxBodySize: 10 }, /unknown option "maxBodySize"/],
    ["an option of another receiver", { secretToken: SECRET }, /unknown option "secretToken"/],
    ["maxBodyBytes 0 (every body would get 413)", { maxBodyBytes: 0 }, /maxBodyBytes/],
    ["maxBodyBytes Infinity (no limit)", { maxBodyBytes: Infinity }, /maxBodyBytes/],
    ["a fractional maxBodyBytes", { maxBodyBytes: 1.5 }, /maxBodyBytes/],
    ["maxBodyBytes as text", { maxBodyBytes: "1mb" }, /maxBodyBytes/],
    ["bodyTimeoutMs 0", { bodyTimeoutMs: 0 }, /bodyTimeoutMs/],
    ["a negative bodyTimeoutMs", { bodyTimeoutMs: -1 }, /bodyTimeoutMs/],
    ["a NaN bodyTimeoutMs", { bodyTimeoutMs: Number.NaN }, /bodyTimeoutMs/],
    ["bodyTimeoutMs Infinity (no deadline)", { bodyTimeoutMs: Infinity }, /bodyTimeoutMs/],
    ["bodyTimeoutMs as text", { bodyTimeoutMs: "10s" }, /bodyTimeoutMs/],
    ["on that is a function", { on: handle }, /options\.on must be an object/],
    ["on that is an array", { on: [handle] }, /options\.on must be an object/],
    ["on written with a __proto__ key (sets the prototype, not a handler)", { on: { __proto__: { "a.created": handle } } }, /options\.on must be a plain object/],
    ["a handler that is not a function", { on: { "a.created": "log" } }, /options\.on\["a\.created"\] must be a function/],
    ["onAny that is not a function", { onAny: true }, /onAny must be a function/],
    ["onUnknownEvent that is not a function", { onUnknownEvent: {} }, /onUnknownEvent must be a function/],
    ["onError that is not a function", { onError: "console" }, /onError must be a function/],
    ["now that is not a function", { now: 5 }, /now must be a function/],
    ["now that does not return milliseconds (Date instead of Date.now: the replay check would be off)", { now: Date }, /now must return the time in milliseconds/],
    ["an unknown unknownProperties mode", { unknownProperties: "lenient" }, /unknownProperties must be "allow" or "reject"/],
    ["a store without its methods", { store: {} }, /options\.store must be a WebhookStore .*claim/],
    ["a store that is not an object", { store: "redis://localhost" }, /options\.store must be a WebhookStore/],
    ["maxDeliveries 0", { store: STORE, maxDeliveries: 0 }, /maxDeliveries must be a whole number, at least 1/],
    ["a fractional maxDeliveries", { store: STORE, maxDeliveries: 2.5 }, /maxDeliveries/],
    ["dedupeTtlSeconds 0", { store: STORE, dedupeTtlSeconds: 0 }, /dedupeTtlSeconds must be a number of seconds > 0/],
    ["dedupeTtlSeconds Infinity", { store: STORE, dedupeTtlSeconds: Infinity }, /dedupeTtlSeconds/],
    ["dedupeKey that is not a function", { store: STORE, dedupeKey: "x-zm-request-id" }, /dedupeKey must be a function/],
    ["onDuplicate that is not a function", { store: STORE, onDuplicate: true }, /onDuplicate must be a function/],
    ["dedupeKey without a store (it would never be used)", { dedupeKey: () => "k" }, /dedupeKey needs options\.store/],
    ["maxDeliveries without a store", { maxDeliveries: 4 }, /maxDeliveries needs options\.store/],
  ])("throws a TypeError at creation for %s", (_, options, message) => {
    const create = () => createHandler<Events>({ secret: SECRET, ...options } as never, validate);
    expect(create).toThrow(TypeError);
    expect(create).toThrow(message);
  });

  it("refuses a handler for an event the package does not know (a typo would never be called)", () => {
    const names = ["a.created", "b.deleted"];
    const create = (on: Record<string, unknown>) => () => createHandler<Events>({ secret: SECRET, on } as never, validate, names);
    expect(create({ "a.created": () => undefined })).not.toThrow();
    expect(create({ "a.create": () => undefined })).toThrow(/options\.on\["a\.create"\]: "a\.create" is not an event of this package/);
    expect(create({ "endpoint.url_validation": () => undefined })).toThrow(/answered by the receiver/);
  });

  describe("event names that are Object.prototype members are events like any other", () => {
    const PROTO = ["__proto__", "constructor", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "__defineGetter__", "__lookupGetter__"];
    /** A spec that names its events like Object.prototype's members. */
    const validateProto = (value: unknown): ValidationResult<AnyEvent> => {
      const name = (value as { event?: unknown }).event;
      return typeof name === "string" && PROTO.includes(name)
        ? { ok: true, value: value as AnyEvent, warnings: [] }
        : { ok: false, issues: [makeIssue(["event"], "/event", "unknown_event", undefined, name)] };
    };

    it.each(PROTO)("a signed %s event with no handler: 200, onAny only, nothing reported", async (name) => {
      const calls: unknown[][] = [];
      const errors: unknown[] = [];
      const handler = createHandler<Events>(
        {
          secret: SECRET,
          now: clock,
          on: { "a.created": () => void calls.push(["a.created"]) },
          onAny: (event) => void calls.push(["any", event.event]),
          onError: (error, context) => void errors.push([context.stage, error]),
        },
        validateProto,
      );
      const text = JSON.stringify({ event: name });
      expect((await handler.fetch(post(text))).status).toBe(200);
      expect(calls).toEqual([["any", name]]);
      expect(errors).toEqual([]);
    });

    it.each(PROTO)("a signed %s event the package does not know goes to onUnknownEvent", async (name) => {
      const { handler, calls, errors } = make();
      expect((await handler.fetch(post(JSON.stringify({ event: name })))).status).toBe(200);
      expect(calls).toEqual([["unknown", name]]);
      expect(errors).toEqual([]);
    });
  });

  describe("bodies that arrive too slowly or never end (the Fetch adapter)", { timeout: 5000 }, () => {
    /** A body that sends `size` bytes every `everyMs`, at most `count` times, and records what the receiver did. */
    function slowBody(size: number, everyMs: number, count: number) {
      const seen = { pulls: 0, cancelled: false };
      const stream = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (seen.pulls++ >= count) return controller.close();
          await new Promise((resolve) => setTimeout(resolve, everyMs));
          controller.enqueue(new Uint8Array(size).fill(0x20));
        },
        cancel() {
          seen.cancelled = true;
        },
      });
      return { stream, seen };
    }
    const streamed = (stream: ReadableStream<Uint8Array>, extra: Record<string, string> = {}) =>
      new Request("http://localhost/zoom", { method: "POST", headers: signed("x", SECRET, extra), body: stream, duplex: "half" } as RequestInit);

    it("a body still arriving after bodyTimeoutMs gets 408 and Connection: close, and the stream is cancelled", async () => {
      const { handler, errors } = make({ bodyTimeoutMs: 100 });
      const { stream, seen } = slowBody(1, 20, 100);
      const started = Date.now();
      const response = await handler.fetch(streamed(stream));
      expect(response.status).toBe(408);
      expect(response.headers.get("connection")).toBe("close");
      expect(Date.now() - started).toBeLessThan(1000);
      expect(seen.cancelled).toBe(true);
      expect(errors.map(([, context]) => context.stage)).toEqual(["read"]);
    });

    it("the deadline holds when the body stops sending altogether", async () => {
      const { handler } = make({ bodyTimeoutMs: 50 });
      const stream = new ReadableStream<Uint8Array>({ pull: () => new Promise(() => undefined) });
      expect((await handler.fetch(streamed(stream))).status).toBe(408);
    });

    it("a body over maxBodyBytes gets 413 with Connection: close, and the stream is cancelled after a bounded read", async () => {
      const { handler } = make({ maxBodyBytes: 1000 });
      const { stream, seen } = slowBody(100, 0, 10_000);
      const response = await handler.fetch(streamed(stream));
      expect(response.status).toBe(413);
      expect(response.headers.get("connection")).toBe("close");
      expect(seen.cancelled).toBe(true);
      expect(seen.pulls).toBeLessThan(30);
    });

    it("a declared length over maxBodyBytes gets 413 and the body is cancelled unread", async () => {
      const { handler } = make({ maxBodyBytes: 1000 });
      const { stream, seen } = slowBody(100, 0, 10_000);
      const response = await handler.fetch(streamed(stream, { "content-length": "5000" }));
      expect(response.status).toBe(413);
      expect(response.headers.get("connection")).toBe("close");
      expect(seen.cancelled).toBe(true);
      expect(seen.pulls).toBeLessThan(30);
    });
  });

  describe("the node adapter", () => {
    let server: http.Server;
    let url: string;
    let recorded: Recorded;

    beforeAll(async () => {
      recorded = make({ maxBodyBytes: 64 * 1024 });
      server = http.createServer((req, res) => void recorded.handler.node(req, res));
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/zoom`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it.each<[string, () => RequestInit, number]>([
      ["a valid event", () => ({ method: "POST", headers: signed('{"event":"a.created","id":"n"}'), body: '{"event":"a.created","id":"n"}' }), 200],
      ["GET", () => ({ method: "GET" }), 405],
      ["a wrong content type", () => ({ method: "POST", headers: { "content-type": "text/plain" }, body: "x" }), 415],
      ["an unsigned event", () => ({ method: "POST", headers: { "content-type": "application/json" }, body: "{}" }), 401],
      ["a body over maxBodyBytes", () => ({ method: "POST", headers: signed("x"), body: "x".repeat(65 * 1024) }), 413],
    ])("over a real node:http server: %s → %s", async (_, init, status) => {
      const response = await fetch(url, init());
      expect(response.status).toBe(status);
      await response.arrayBuffer();
    });

    it("the signing-oracle forgery fails end to end, over node:http and through fetch: 401, no token, no handler call", async () => {
      const forged = '{"event":"a.created","id":"attacker"}';
      const handshake = JSON.stringify({ event: "endpoint.url_validation", payload: { plainToken: `v0:${NOW}:${forged}` } });
      const unsigned = { "content-type": "application/json" };
      const before = recorded.calls.length;
      const viaNode = await fetch(url, { method: "POST", headers: unsigned, body: handshake });
      expect(viaNode.status).toBe(401);
      expect(await viaNode.text()).not.toMatch(/encryptedToken/);
      const viaFetch = await recorded.handler.fetch(post(handshake, unsigned));
      expect(viaFetch.status).toBe(401);
      expect(await viaFetch.text()).not.toMatch(/encryptedToken/);
      // What the attacker would have posted with the token as its signature; without the token, any guess fails.
      const guessed = { ...unsigned, "x-zm-request-timestamp": String(NOW), "x-zm-signature": "v0=" + "0".repeat(64) };
      expect((await fetch(url, { method: "POST", headers: guessed, body: forged })).status).toBe(401);
      expect((await recorded.handler.fetch(post(forged, guessed))).status).toBe(401);
      expect(recorded.calls.length).toBe(before);
    });

    it("streams a chunked body over the limit and answers 413", async () => {
      const chunks = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < 40; i++) controller.enqueue(new Uint8Array(4096));
          controller.close();
        },
      });
      const response = await fetch(url, { method: "POST", headers: signed("x"), body: chunks, duplex: "half" } as RequestInit);
      expect(response.status).toBe(413);
    });

    /** A request as an Express body parser leaves it: the stream is consumed, the body (maybe) kept. */
    function parsed(fields: Partial<NodeRequestLike>, body: string): { req: NodeRequestLike; res: NodeResponseLike & { body: string | undefined; headers: Record<string, string> } } {
      const req: NodeRequestLike = {
        method: "POST",
        headers: signed(body),
        on: () => {
          throw new Error("the stream was consumed by the body parser");
        },
        ...fields,
      };
      const res = {
        statusCode: 0,
        headers: {} as Record<string, string>,
        body: undefined as string | undefined,
        setHeader(name: string, value: string) {
          this.headers[name] = value;
        },
        end(text?: string) {
          this.body = text;
        },
      };
      return { req, res };
    }

    const text = '{"event":"b.deleted","count":3}';
    it.each<[string, Partial<NodeRequestLike>, number, WebhookErrorContext["stage"] | undefined]>([
      ["req.rawBody as a Buffer (express.json with verify)", { rawBody: Buffer.from(text), body: JSON.parse(text) }, 200, undefined],
      ["req.rawBody as a string", { rawBody: text }, 200, undefined],
      ["req.body as a Buffer (express.raw)", { body: Buffer.from(text) }, 200, undefined],
      ["req.body as a string (express.text)", { body: text }, 200, undefined],
      ["only a parsed req.body: cannot be verified, said loudly", { body: JSON.parse(text) }, 500, "config"],
      ["a req.rawBody of another type: a configuration error", { rawBody: 42 }, 500, "config"],
      ["a stream something else already read to its end", { readableEnded: true } as Partial<NodeRequestLike>, 500, "config"],
    ])("%s → %s", async (_, fields, status, stage) => {
      const local = make();
      const { req, res } = parsed(fields, text);
      await local.handler.node(req, res);
      expect(res.statusCode).toBe(status);
      expect(res.headers["content-type"]).toBe("text/plain; charset=utf-8");
      expect(local.errors.map(([, c]) => c.stage)).toEqual(stage === undefined ? [] : [stage]);
      if (stage === "config") expect(String(local.errors[0]?.[0])).toMatch(/express\.raw/);
    });

    describe("behind a JSON body parser (express.json() mounted before the route): an opaque 500, explained once", () => {
      /** A node:http server whose "body parser" reads the stream and sets req.body to the parsed JSON first. */
      async function serveBehindParser(handlers: readonly WebhookHandler[]): Promise<{ urls: string[]; close: () => Promise<void> }> {
        const servers = handlers.map((handler) =>
          http.createServer((req, res) => {
            let raw = "";
            req.setEncoding("utf8");
            req.on("data", (chunk: string) => (raw += chunk));
            req.on("end", () => {
              Object.assign(req, { body: JSON.parse(raw) as unknown });
              void handler.node(req, res);
            });
          }),
        );
        await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))));
        return {
          urls: servers.map((server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}/zoom`),
          close: async () => {
            await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
          },
        };
      }

      it("the default onError prints one multi-line explanation naming the three fixes, once per handler", async () => {
        const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
        const first = createHandler<Events>({ secret: SECRET, now: clock }, validate);
        const second = createHandler<Events>({ secret: SECRET, now: clock }, validate);
        const { urls, close } = await serveBehindParser([first, second]);
        try {
          for (const url of [urls[0]!, urls[0]!, urls[0]!, urls[1]!]) {
            const response = await fetch(url, { method: "POST", headers: signed(text), body: text });
            expect(response.status).toBe(500);
            expect(await response.text()).toBe("Internal Server Error");
          }
          expect(logged).toHaveBeenCalledTimes(2);
          for (const call of logged.mock.calls) {
            expect(call).toHaveLength(1);
            const message = String(call[0]);
            expect(message.split("\n").length).toBeGreaterThan(5);
            expect(message).toMatch(/req\.body is set/);
            expect(message).toMatch(/1\. .*before/);
            expect(message).toContain('express.raw({ type: "application/json" })');
            expect(message).toContain("req.rawBody = buf");
            expect(message).toMatch(/printed once/);
          }
        } finally {
          logged.mockRestore();
          await close();
        }
      });

      it("an onError of one's own gets every one of them, with the same explanation", async () => {
        const local = make();
        const { urls, close } = await serveBehindParser([local.handler]);
        try {
          for (let i = 0; i < 3; i++) expect((await fetch(urls[0]!, { method: "POST", headers: signed(text), body: text })).status).toBe(500);
        } finally {
          await close();
        }
        expect(local.errors.map(([, context]) => context.stage)).toEqual(["config", "config", "config"]);
        for (const [error] of local.errors) expect(String(error)).toContain('express.raw({ type: "application/json" })');
      });

      it("other configuration errors (a secret function that gives none) are still logged every time", async () => {
        const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
        try {
          const handler = createHandler<Events>({ secret: () => Promise.resolve(undefined), now: clock }, validate);
          for (let i = 0; i < 2; i++) expect((await handler.fetch(post(text))).status).toBe(500);
          expect(logged).toHaveBeenCalledTimes(2);
        } finally {
          logged.mockRestore();
        }
      });
    });

    it("reads the stream itself when a body parser set req.body = {} but left the stream unread (Express 4)", async () => {
      const local = make();
      const stream = Object.assign(Readable.from([Buffer.from(text)]), { method: "POST", headers: signed(text), body: {} });
      const { res } = parsed({}, text);
      await local.handler.node(stream as unknown as NodeRequestLike, res);
      expect(res.statusCode).toBe(200);
      expect(local.calls).toEqual([["b.deleted", 3], ["any", "b.deleted"]]);
    });

    it("answers 413 for a kept raw body over the limit", async () => {
      const local = make({ maxBodyBytes: 4 });
      const { req, res } = parsed({ rawBody: Buffer.from(text) }, text);
      await local.handler.node(req, res);
      expect(res.statusCode).toBe(413);
    });
  });
});
