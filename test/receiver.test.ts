import { createHmac } from "node:crypto";
import { cpSync, writeFileSync } from "node:fs";
import path from "node:path";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { Readable } from "node:stream";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as api from "../generated/dist/index.js";
import { build } from "../generated/dist/fixtures.js";
import type { WebhookErrorContext, WebhookHandler, WebhookHandlerOptions } from "../generated/dist/index.js";
import { ROOT, generateInto, importFrom, removeTempDirs, tempDir } from "./support/helpers.js";

afterAll(removeTempDirs);

const SECRET = "s3cret-token";
const NOW = 1_743_510_146;
const clock = () => NOW * 1000;

/** The oracle: Node's own HMAC over the exact bytes. */
function zoomSignature(secret: string, timestamp: string, body: string | Uint8Array): string {
  return "v0=" + createHmac("sha256", secret).update(`v0:${timestamp}:`).update(body).digest("hex");
}

function headersFor(body: string | Uint8Array, secret = SECRET, timestamp = String(NOW)): Record<string, string> {
  return { "x-zm-request-timestamp": timestamp, "x-zm-signature": zoomSignature(secret, timestamp, body) };
}

/** A fresh copy of the module that cannot reach node:crypto: the pure-JavaScript HMAC path of edge runtimes. */
async function withoutNodeCrypto<T>(run: (module: typeof api) => T | Promise<T>): Promise<T> {
  const processLike = process as unknown as { getBuiltinModule?: unknown };
  const saved = processLike.getBuiltinModule;
  delete processLike.getBuiltinModule;
  try {
    // A copy of dist in a new folder is a new module instance, which has not looked for node:crypto yet.
    const copy = path.join(tempDir("cg-pure-js-"), "dist");
    cpSync(path.join(ROOT, "generated/dist"), copy, { recursive: true });
    const fresh = await importFrom<typeof api>(path.join(copy, "index.js"));
    return await run(fresh);
  } finally {
    processLike.getBuiltinModule = saved;
  }
}

describe("signature vectors", () => {
  it("answers Zoom's public URL-validation vector", () => {
    expect(api.createUrlValidationResponse("qgg8vlvZRS6UYooatFL8Aw", "secretValueTest")).toEqual({
      plainToken: "qgg8vlvZRS6UYooatFL8Aw",
      encryptedToken: "70c1f2e2e6ca2d39297490d1f9142c7d701415ea8e6151f6562a08fa657a40ff",
    });
  });

  const bodies: [string, string | Uint8Array][] = [
    ["emoji", '{"event":"x","name":"Ana 😀 café"}'],
    ["escaped unicode", '{"event":"x","name":"Ana \\ud83d\\ude00 caf\\u00e9"}'],
    ["an int64 beyond 2^53", '{"event":"x","event_ts":12345678901234567890}'],
    ["CRLF and whitespace", '{\r\n  "event" :  "x" ,\r\n\t"a": [ 1 , 2 ]\r\n}\r\n'],
    ["raw bytes", new TextEncoder().encode('{"event":"x","name":"Zoë"}')],
    ["an empty body", ""],
  ];

  it.each(bodies)("verifies a body with %s, on every path, and rejects its re-serialization", async (_, body) => {
    const headers = headersFor(body);
    expect(() => api.verifyWebhookSignature({ body, headers, secret: SECRET, now: clock })).not.toThrow();
    await expect(api.verifyWebhookSignatureAsync({ body, headers: new Headers(headers), secret: SECRET, now: clock })).resolves.toBeUndefined();
    await withoutNodeCrypto((pure) => expect(() => pure.verifyWebhookSignature({ body, headers, secret: SECRET, now: clock })).not.toThrow());
    expect(api.signWebhook({ body, secret: SECRET, timestamp: NOW })).toEqual(headersFor(body));
    const text = typeof body === "string" ? body : new TextDecoder().decode(body);
    if (text !== "") {
      const reserialized = JSON.stringify(JSON.parse(text));
      if (reserialized !== text) {
        expect(() => api.verifyWebhookSignature({ body: reserialized, headers, secret: SECRET, now: clock })).toThrow(
          expect.objectContaining({ code: "signature_mismatch" }),
        );
      }
    }
  });

  it("the pure-JavaScript HMAC equals node:crypto on arbitrary bodies and secrets", async () => {
    await withoutNodeCrypto((pure) =>
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 300 }), fc.string({ minLength: 1, maxLength: 100 }), fc.nat({ max: 2_000_000_000 }), (body, secret, timestamp) => {
          const headers = pure.signWebhook({ body, secret, timestamp });
          expect(headers["x-zm-signature"]).toBe(zoomSignature(secret, String(timestamp), body));
        }),
        { numRuns: 300 },
      ),
    );
  });

  it.each<[string, number, string | null]>([
    ["exactly at the tolerance (old)", NOW - 300, null],
    ["one second too old: a replay", NOW - 301, "timestamp_too_old"],
    ["exactly at the tolerance (future)", NOW + 300, null],
    ["one second in the future beyond the tolerance", NOW + 301, "timestamp_too_new"],
    ["a day old", NOW - 86_400, "timestamp_too_old"],
  ])("checks the timestamp's age: %s", (_, timestamp, code) => {
    const body = '{"event":"x"}';
    const run = () => api.verifyWebhookSignature({ body, headers: headersFor(body, SECRET, String(timestamp)), secret: SECRET, now: clock });
    if (code === null) expect(run).not.toThrow();
    else expect(run).toThrow(expect.objectContaining({ code }));
    // 0 turns the age check off.
    expect(() => api.verifyWebhookSignature({ body, headers: headersFor(body, SECRET, String(timestamp)), secret: SECRET, now: clock, toleranceSeconds: 0 })).not.toThrow();
  });

  it("accepts any secret of a rotation list, and a secret picked by the clientid header", () => {
    const body = '{"event":"x"}';
    expect(() => api.verifyWebhookSignature({ body, headers: headersFor(body, "new"), secret: ["old", "new"], now: clock })).not.toThrow();
    expect(() => api.verifyWebhookSignature({ body, headers: headersFor(body, "old"), secret: ["old", "new"], now: clock })).not.toThrow();
    expect(() => api.verifyWebhookSignature({ body, headers: headersFor(body, "other"), secret: ["old", "new"], now: clock })).toThrow(
      expect.objectContaining({ code: "signature_mismatch" }),
    );
    const byClient = (headers: api.HeadersInput) => ({ appA: "secret-a", appB: "secret-b" })[api.getHeader(headers, "clientid")[0] as "appA" | "appB"];
    expect(() => api.verifyWebhookSignature({ body, headers: { ...headersFor(body, "secret-b"), ClientId: "appB" }, secret: byClient, now: clock })).not.toThrow();
    expect(() => api.verifyWebhookSignature({ body, headers: { ...headersFor(body, "secret-b"), clientid: "appA" }, secret: byClient, now: clock })).toThrow(
      expect.objectContaining({ code: "signature_mismatch" }),
    );
    expect(() => api.verifyWebhookSignature({ body, headers: { ...headersFor(body, "secret-b"), clientid: "appC" }, secret: byClient, now: clock })).toThrow(
      /No secret token is configured/,
    );
  });

  const body = '{"event":"x"}';
  const good = headersFor(body);
  const hex = good["x-zm-signature"]!.slice(3);
  it.each<[string, Record<string, unknown> | Headers, string]>([
    ["no signature", { "x-zm-request-timestamp": String(NOW) }, "missing_signature"],
    ["no timestamp", { "x-zm-signature": good["x-zm-signature"] }, "missing_timestamp"],
    ["v1= instead of v0=", { ...good, "x-zm-signature": "v1=" + hex }, "malformed_signature"],
    ["63 hex digits", { ...good, "x-zm-signature": "v0=" + hex.slice(1) }, "malformed_signature"],
    ["non-hex digits", { ...good, "x-zm-signature": "v0=" + "g" + hex.slice(1) }, "malformed_signature"],
    ["extra spaces", { ...good, "x-zm-signature": "v0= " + hex }, "malformed_signature"],
    ["a trailing space", { ...good, "x-zm-signature": "v0=" + hex + " " }, "malformed_signature"],
    ["a duplicated signature header (Node array)", { ...good, "x-zm-signature": [good["x-zm-signature"], good["x-zm-signature"]] }, "malformed_signature"],
    ["a duplicated signature header (Fetch Headers)", new Headers([["x-zm-request-timestamp", String(NOW)], ["x-zm-signature", good["x-zm-signature"]!], ["x-zm-signature", good["x-zm-signature"]!]]), "malformed_signature"],
    ["a timestamp in milliseconds", { ...good, "x-zm-request-timestamp": String(NOW * 1000) }, "timestamp_too_new"],
    ["a timestamp with a sign", { ...good, "x-zm-request-timestamp": "+" + NOW }, "malformed_timestamp"],
    ["a timestamp in exponent form", { ...good, "x-zm-request-timestamp": "1.7e9" }, "malformed_timestamp"],
    ["a timestamp with spaces", { ...good, "x-zm-request-timestamp": ` ${NOW}` }, "malformed_timestamp"],
    ["a duplicated timestamp header", { ...good, "x-zm-request-timestamp": [String(NOW), String(NOW)] }, "malformed_timestamp"],
  ])("refuses %s", (_, headers, code) => {
    expect(() => api.verifyWebhookSignature({ body, headers: headers as api.HeadersInput, secret: SECRET, now: clock })).toThrow(expect.objectContaining({ code }));
  });

  it("refuses a parsed body, saying to pass the raw one", async () => {
    const parsed = JSON.parse(body);
    expect(() => api.verifyWebhookSignature({ body: parsed, headers: good, secret: SECRET, now: clock })).toThrow(
      expect.objectContaining({ code: "body_not_raw", message: expect.stringMatching(/raw request body/) }),
    );
    await expect(api.verifyWebhookSignatureAsync({ body: parsed, headers: good, secret: SECRET, now: clock })).rejects.toMatchObject({ code: "body_not_raw" });
  });

  it("accepts uppercase hex and header names in any case", () => {
    expect(() =>
      api.verifyWebhookSignature({ body, headers: { "X-ZM-Signature": "v0=" + hex.toUpperCase(), "X-Zm-Request-Timestamp": String(NOW) }, secret: SECRET, now: clock }),
    ).not.toThrow();
  });
});

// --- real HTTP ---------------------------------------------------------------------------------------------------

interface Recorder {
  handled: { name: string; event: unknown }[];
  errors: { error: unknown; context: WebhookErrorContext }[];
  unknown: unknown[];
  slowDone: boolean;
}

function makeHandler(recorder: Recorder, overrides: Partial<WebhookHandlerOptions> = {}): WebhookHandler {
  const record = (name: string) => (event: unknown) => {
    recorder.handled.push({ name, event });
  };
  return api.createWebhookHandler({
    secret: SECRET,
    now: clock,
    ackTimeoutMs: 150,
    maxBodyBytes: 4096,
    on: {
      "cobrowse.session_started": record("started"),
      "cobrowse.session_user_joined": record("joined"),
      "cobrowse.session_user_left": async (event) => {
        if (event.payload.object.user_name === "slow") {
          await new Promise((resolve) => setTimeout(resolve, 700));
          recorder.slowDone = true;
        }
        if (event.payload.object.user_name === "boom") throw new Error("handler failed");
        recorder.handled.push({ name: "left", event });
      },
      "cobrowse.session_ended": record("ended"),
    },
    onUnknownEvent: (event) => {
      recorder.unknown.push(event);
    },
    onError: (error, context) => {
      recorder.errors.push({ error, context });
    },
    ...overrides,
  });
}

/** node:http in front of handler.fetch: what Deno, Bun or a Worker would do natively. */
function fetchServer(handler: WebhookHandler): http.Server {
  return http.createServer(async (req, res) => {
    const request = new Request(`http://${req.headers.host}${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      ...(req.method === "GET" || req.method === "HEAD" ? {} : { body: Readable.toWeb(req) as ReadableStream, duplex: "half" }),
    } as RequestInit);
    const response = await handler.fetch(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/zoom`;
}

describe.each(["node", "fetch"] as const)("createWebhookHandler over real HTTP (handler.%s)", (kind) => {
  const recorder: Recorder = { handled: [], errors: [], unknown: [], slowDone: false };
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    const handler = makeHandler(recorder);
    server = kind === "node" ? http.createServer((req, res) => void handler.node(req, res)) : fetchServer(handler);
    url = await listen(server);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (body: string, headers: Record<string, string> = headersFor(body), contentType = "application/json") =>
    fetch(url, { method: "POST", body, headers: { "content-type": contentType, ...headers } });

  it.each([
    ["cobrowse.session_started", "started"],
    ["cobrowse.session_user_joined", "joined"],
    ["cobrowse.session_user_left", "left"],
    ["cobrowse.session_ended", "ended"],
  ] as const)("routes %s to its typed handler and answers 200", async (name, handlerName) => {
    const event = build(name);
    const body = JSON.stringify(event);
    const response = await post(body);
    expect(response.status).toBe(200);
    expect(recorder.handled.at(-1)).toEqual({ name: handlerName, event });
  });

  it("answers the URL-validation handshake", async () => {
    const body = JSON.stringify({ event: "endpoint.url_validation", payload: { plainToken: "qgg8vlvZRS6UYooatFL8Aw" }, event_ts: NOW * 1000 });
    const response = await post(body);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect(await response.json()).toEqual(api.createUrlValidationResponse("qgg8vlvZRS6UYooatFL8Aw", SECRET));
  });

  it("refuses a bad signature with an opaque 401", async () => {
    const body = JSON.stringify(build("cobrowse.session_started"));
    const response = await post(body, headersFor(body, "wrong-secret"));
    expect(response.status).toBe(401);
    expect(await response.text()).toBe("Unauthorized");
    expect(recorder.errors.at(-1)?.context.stage).toBe("verify");
    expect((await post(body, {})).status).toBe(401);
    const unsignedHandshake = JSON.stringify({ event: "endpoint.url_validation", payload: { plainToken: "x" } });
    expect((await post(unsignedHandshake, {})).status).toBe(401);
  });

  it("answers 400 for invalid JSON and for an event that fails validation, with the issues going to onError", async () => {
    expect((await post("{not json")).status).toBe(400);
    expect(recorder.errors.at(-1)?.context.stage).toBe("parse");
    const invalid = JSON.stringify({ ...build("cobrowse.session_ended"), event_ts: "yesterday" });
    const response = await post(invalid);
    expect(response.status).toBe(400);
    expect(await response.text()).toBe("Bad Request");
    expect(recorder.errors.at(-1)?.context).toMatchObject({ stage: "validate", event: "cobrowse.session_ended", issues: [{ pointer: "/event_ts", code: "invalid_type" }] });
  });

  it("accepts a field Zoom added (unknownProperties defaults to allow)", async () => {
    const body = JSON.stringify({ ...build("cobrowse.session_ended"), zoom_added_this: true });
    expect((await post(body)).status).toBe(200);
  });

  it("answers 405 for other methods, 415 for non-JSON bodies, 413 over the limit", async () => {
    const get = await fetch(url);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    const body = JSON.stringify(build("cobrowse.session_started"));
    expect((await post(body, headersFor(body), "text/plain")).status).toBe(415);
    const big = JSON.stringify({ ...build("cobrowse.session_started"), padding: "x".repeat(5000) });
    expect((await post(big)).status).toBe(413);
    // Without a content-length the limit holds while reading.
    const chunked = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headersFor(big) },
      body: new ReadableStream({ start(controller) { controller.enqueue(new TextEncoder().encode(big)); controller.close(); } }),
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  it("sends unknown events to onUnknownEvent and answers 200", async () => {
    const body = JSON.stringify({ event: "cobrowse.session_paused", event_ts: NOW * 1000, payload: {} });
    expect((await post(body)).status).toBe(200);
    expect(recorder.unknown.at(-1)).toMatchObject({ event: "cobrowse.session_paused" });
  });

  it("acknowledges a slow handler within ackTimeoutMs, and lets it finish", async () => {
    recorder.slowDone = false;
    const body = JSON.stringify(build("cobrowse.session_user_left", { payload: { object: { user_name: "slow" } } }));
    const started = performance.now();
    const response = await post(body);
    const elapsed = performance.now() - started;
    expect(response.status).toBe(200);
    expect(elapsed).toBeLessThan(600);
    expect(recorder.slowDone).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(recorder.slowDone).toBe(true);
  });

  it("answers 500 when a handler throws within ackTimeoutMs (so Zoom redelivers), and reports the error", async () => {
    const body = JSON.stringify(build("cobrowse.session_user_left", { payload: { object: { user_name: "boom" } } }));
    expect((await post(body)).status).toBe(500);
    expect(recorder.errors.at(-1)).toMatchObject({ context: { stage: "handler", event: "cobrowse.session_user_left" } });
  });
});

describe("delivery guarantees over real HTTP (handler.node)", () => {
  const servers: http.Server[] = [];
  afterAll(() => Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve())))));

  /** A receiver on 127.0.0.1 and a simulated Zoom: every delivery of an event resends its bytes, signed anew. */
  async function serve(overrides: Partial<WebhookHandlerOptions>) {
    const recorder: Recorder = { handled: [], errors: [], unknown: [], slowDone: false };
    const handler = makeHandler(recorder, overrides);
    const server = http.createServer((req, res) => void handler.node(req, res));
    servers.push(server);
    const url = await listen(server);
    let retry = 0;
    const deliver = (body: string) =>
      fetch(url, { method: "POST", body, headers: { "content-type": "application/json", ...headersFor(body, SECRET, String(NOW + retry++)) } });
    return { handler, recorder, deliver, stages: () => recorder.errors.map((e) => e.context.stage) };
  }

  const started = (id: string) => JSON.stringify(build("cobrowse.session_started", { payload: { object: { session_id: id } } } as never));

  it("a handler still running at ackTimeoutMs: 200 and a timeout report; its later failure is reported too", async () => {
    let fail!: (error: Error) => void;
    const { deliver, recorder, stages } = await serve({ ackTimeoutMs: 50, on: { "cobrowse.session_started": () => new Promise<void>((_, reject) => (fail = reject)) } });
    expect((await deliver(started("t1"))).status).toBe(200);
    expect(stages()).toEqual(["timeout"]);
    fail(new Error("late failure"));
    await vi.waitFor(() => expect(stages()).toEqual(["timeout", "handler"]));
    expect(recorder.errors[1]?.error).toMatchObject({ message: "late failure" });
  });

  it("with a store, a redelivery of a handled event: 200 without running the handler", async () => {
    let runs = 0;
    const duplicates: string[] = [];
    const { deliver } = await serve({ store: api.memoryStore(), on: { "cobrowse.session_started": () => void runs++ }, onDuplicate: (_, { key }) => void duplicates.push(key) });
    const body = started("d1");
    expect((await deliver(body)).status).toBe(200);
    expect((await deliver(body)).status).toBe(200);
    expect(runs).toBe(1);
    expect(duplicates).toHaveLength(1);
  });

  it("with a store, a delivery of an event another delivery is handling: 503 with Retry-After", async () => {
    let finish!: () => void;
    let runs = 0;
    const { deliver } = await serve({ store: api.memoryStore(), ackTimeoutMs: 2000, on: { "cobrowse.session_started": () => (runs++, new Promise<void>((resolve) => (finish = resolve))) } });
    const body = started("b1");
    const first = deliver(body);
    await vi.waitFor(() => expect(runs).toBe(1));
    const second = await deliver(body);
    expect(second.status).toBe(503);
    expect(Number(second.headers.get("retry-after"))).toBeGreaterThan(0);
    finish();
    expect((await first).status).toBe(200);
    expect(runs).toBe(1);
  });

  it("with a store that is down: 503 and a store report, the handler not run", async () => {
    let runs = 0;
    const down = { ...api.memoryStore(), claim: () => Promise.reject(new Error("ECONNREFUSED")) };
    const { deliver, stages } = await serve({ store: down, on: { "cobrowse.session_started": () => void runs++ } });
    expect((await deliver(started("s1"))).status).toBe(503);
    expect(stages()).toEqual(["store"]);
    expect(runs).toBe(0);
  });

  it("a handler that always fails: deliveries 1-3 answer 500, the 4th 200 with a dead letter; replay after fixing handles it once", async () => {
    let broken = true;
    let handled = 0;
    const { deliver, handler } = await serve({
      store: api.memoryStore(),
      on: {
        "cobrowse.session_started": () => {
          if (broken) throw new Error("database down");
          handled++;
        },
      },
    });
    const body = started("f1");
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await deliver(body)).status);
    expect(statuses).toEqual([500, 500, 500, 200]);
    const letters = await handler.deadLetters();
    expect(letters).toEqual([expect.objectContaining({ event: "cobrowse.session_started", rawBody: body, attempts: 4, lastError: "database down" })]);
    broken = false;
    expect(await handler.replay(letters[0]!.key)).toBe("handled");
    expect(handled).toBe(1);
    expect(await handler.deadLetters()).toEqual([]);
    expect((await deliver(body)).status).toBe(200);
    expect(handled).toBe(1);
  });
});

describe("handler.node with body parsers", () => {
  function fakeResponse() {
    const res = { statusCode: 0, headers: {} as Record<string, string>, body: "", setHeader(name: string, value: string) { this.headers[name] = value; }, end(body = "") { this.body = body; } };
    return res;
  }
  const body = JSON.stringify(build("cobrowse.session_started"));
  const headers = { "content-type": "application/json", ...headersFor(body) };
  const noStream = { on: () => undefined };

  it("uses req.rawBody when a body parser kept it", async () => {
    const recorder: Recorder = { handled: [], errors: [], unknown: [], slowDone: false };
    const res = fakeResponse();
    await makeHandler(recorder).node({ method: "POST", headers, rawBody: Buffer.from(body), body: JSON.parse(body), ...noStream }, res);
    expect(res.statusCode).toBe(200);
    expect(recorder.handled).toHaveLength(1);
  });

  it("uses req.body when it is the raw body (express.raw)", async () => {
    const recorder: Recorder = { handled: [], errors: [], unknown: [], slowDone: false };
    const res = fakeResponse();
    await makeHandler(recorder).node({ method: "POST", headers, body: Buffer.from(body), ...noStream }, res);
    expect(res.statusCode).toBe(200);
  });

  it("fails loudly, explaining the fix, when the body was parsed and the raw body is gone", async () => {
    const recorder: Recorder = { handled: [], errors: [], unknown: [], slowDone: false };
    const res = fakeResponse();
    await makeHandler(recorder).node({ method: "POST", headers, body: JSON.parse(body), ...noStream }, res);
    expect(res.statusCode).toBe(500);
    expect(recorder.errors[0]?.context.stage).toBe("config");
    expect(String(recorder.errors[0]?.error)).toMatch(/express\.raw|rawBody/);
  });
});

describe("options and callbacks that misbehave", () => {
  const body = JSON.stringify(build("cobrowse.session_started"));
  const fakeResponse = () => ({ statusCode: 0, body: "", setHeader() {}, end(text = "") { this.body = text; } });
  const request = (headers: Record<string, string>, payload = body) => {
    const listeners: Record<string, ((arg?: unknown) => void)[]> = {};
    const req = {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      on(event: string, listener: (arg?: unknown) => void) {
        (listeners[event] ??= []).push(listener);
        if (event === "end") queueMicrotask(() => { listeners.data?.forEach((l) => l(Buffer.from(payload))); listeners.end?.forEach((l) => l()); });
        return req;
      },
    };
    return req;
  };

  it("a throwing onError neither crashes nor leaves the request unanswered", async () => {
    const handler = api.createWebhookHandler({ secret: SECRET, now: clock, onError: () => { throw new Error("logger down"); } });
    const res = fakeResponse();
    await expect(handler.node(request(headersFor(body, "wrong")) as unknown as api.NodeRequestLike, res)).resolves.toBeUndefined();
    expect(res.statusCode).toBe(401);
    const response = await handler.fetch(new Request("http://x/", { method: "POST", body: "{", headers: { "content-type": "application/json", ...headersFor("{") } }));
    expect(response.status).toBe(400);
  });

  it("answers URL validation with the secret that signed it, during a rotation", async () => {
    const handshake = JSON.stringify({ event: "endpoint.url_validation", payload: { plainToken: "tok" } });
    const handler = api.createWebhookHandler({ secret: ["new", "old"], now: clock });
    const response = await handler.fetch(new Request("http://x/", { method: "POST", body: handshake, headers: { "content-type": "application/json", ...headersFor(handshake, "old") } }));
    expect(await response.json()).toEqual(api.createUrlValidationResponse("tok", "old"));
  });

  it("waits for the handlers when ackTimeoutMs is Infinity, and refuses nonsense options", async () => {
    let done = false;
    const handler = api.createWebhookHandler({
      secret: SECRET,
      now: clock,
      ackTimeoutMs: Infinity,
      on: { "cobrowse.session_started": async () => { await new Promise((r) => setTimeout(r, 100)); done = true; } },
    });
    const response = await handler.fetch(new Request("http://x/", { method: "POST", body, headers: { "content-type": "application/json", ...headersFor(body) } }));
    expect(response.status).toBe(200);
    expect(done).toBe(true);
    for (const bad of [{ toleranceSeconds: -1 }, { toleranceSeconds: Number.NaN }, { ackTimeoutMs: -5 }, { maxBodyBytes: Number.NaN }, { bodyTimeoutMs: 0 }, { secret: "" }, { secret: ["", "new"] }]) {
      expect(() => api.createWebhookHandler({ secret: SECRET, ...bad })).toThrow(TypeError);
    }
    expect(() => api.verifyWebhookSignature({ body, headers: headersFor(body), secret: SECRET, toleranceSeconds: -1 })).toThrow(/toleranceSeconds/);
  });
});

// --- bodies that never end or arrive too slowly, over real node:http -----------------------------------------------

describe("handler.node stops reading a body it refuses, and closes the connection", { timeout: 8000 }, () => {
  const LIMIT = 4096;
  let server: http.Server;
  let port: number;
  /** Bytes the server read from each connection, known once it closed. */
  const read: number[] = [];

  beforeAll(async () => {
    const handler = api.createWebhookHandler({ secret: SECRET, now: clock, maxBodyBytes: LIMIT, bodyTimeoutMs: 300, onError: () => undefined });
    server = http.createServer((req, res) => void handler.node(req, res));
    server.on("connection", (socket) => socket.on("close", () => read.push(socket.bytesRead)));
    port = Number(new URL(await listen(server)).port);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  interface Upload {
    response: string;
    written: number;
    /** Whether the server closed the connection before the client gave up. */
    closed: boolean;
  }

  /** Sends `head`, then body bytes as fast as the socket takes them (chunked framing if asked), until the server
   * closes the connection, `maxBytes` are written, or `deadlineMs` passes. */
  function upload(head: string, options: { chunked: boolean; maxBytes: number; deadlineMs: number }): Promise<Upload> {
    return new Promise((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      const result: Upload = { response: "", written: 0, closed: false };
      const block = Buffer.alloc(64 * 1024, 0x20);
      const frame = options.chunked ? Buffer.concat([Buffer.from(block.length.toString(16) + "\r\n"), block, Buffer.from("\r\n")]) : block;
      let done = false;
      const finish = (closed: boolean) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        result.closed = closed;
        socket.destroy();
        resolve(result);
      };
      const timer = setTimeout(() => finish(false), options.deadlineMs);
      const pump = () => {
        while (!done && !socket.destroyed && result.written < options.maxBytes) {
          result.written += frame.length;
          if (!socket.write(frame)) return void socket.once("drain", pump);
        }
      };
      socket.on("data", (chunk) => (result.response += chunk.toString("latin1")));
      socket.on("error", () => undefined);
      socket.on("close", () => finish(true));
      socket.write(head, pump);
    });
  }

  const headFor = (framing: string) =>
    ["POST /zoom HTTP/1.1", "host: 127.0.0.1", "content-type: application/json", ...Object.entries(headersFor("x")).map(([k, v]) => `${k}: ${v}`), framing, "", ""].join("\r\n");

  it.each([
    ["a chunked upload that never ends", "transfer-encoding: chunked", true],
    ["an upload declaring 10 GB", "content-length: 10000000000", false],
  ] as const)("%s: 413, the socket closes, and the server reads a bounded number of bytes", async (_, framing, chunked) => {
    read.length = 0;
    const result = await upload(headFor(framing), { chunked, maxBytes: 48 * 1024 * 1024, deadlineMs: 4000 });
    expect(result.response).toMatch(/^HTTP\/1\.1 413 /);
    expect(result.response.toLowerCase()).toContain("connection: close");
    expect(result.closed).toBe(true);
    await vi.waitFor(() => expect(read).toHaveLength(1), { timeout: 1000 });
    // The limit, plus what the kernel and the parser had buffered when reading stopped.
    expect(read[0]).toBeLessThan(8 * 1024 * 1024);
  });

  it("200 slowloris connections sending 1 byte a second all get 408 and are closed, while a normal request succeeds", async () => {
    const CONNECTIONS = 200;
    const head = ["POST /zoom HTTP/1.1", "host: 127.0.0.1", "content-type: application/json", ...Object.entries(headersFor("x")).map(([k, v]) => `${k}: ${v}`), "content-length: 1000", "", ""].join("\r\n");
    const started = performance.now();
    const slow = Array.from(
      { length: CONNECTIONS },
      () =>
        new Promise<{ response: string; closedAfter: number }>((resolve) => {
          const socket = net.connect(port, "127.0.0.1");
          let response = "";
          const drip = setInterval(() => socket.write(" "), 1000);
          const giveUp = setTimeout(() => socket.destroy(), 5000);
          socket.on("data", (chunk) => (response += chunk.toString("latin1")));
          socket.on("error", () => undefined);
          socket.on("close", () => {
            clearInterval(drip);
            clearTimeout(giveUp);
            resolve({ response, closedAfter: performance.now() - started });
          });
          socket.write(head + " ");
        }),
    );
    const body = JSON.stringify(build("cobrowse.session_started"));
    const normal = await fetch(`http://127.0.0.1:${port}/zoom`, { method: "POST", body, headers: { "content-type": "application/json", ...headersFor(body) } });
    expect(normal.status).toBe(200);
    const results = await Promise.all(slow);
    expect(results.filter((r) => !/^HTTP\/1\.1 408 /.test(r.response))).toEqual([]);
    expect(Math.max(...results.map((r) => r.closedAfter))).toBeLessThan(4000);
  });
});

// --- event names that are Object.prototype's members --------------------------------------------------------------

describe("a spec whose events are named like Object.prototype's members", () => {
  const NAMES = ["__proto__", "constructor", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf"];
  let pkg: typeof api;

  beforeAll(async () => {
    const event = (name: string) => ({
      post: { requestBody: { content: { "application/json": { schema: { type: "object", required: ["event"], properties: { event: { type: "string", enum: [name] } } } } } } },
    });
    const spec = { openapi: "3.1.0", info: { title: "Proto Names", version: "1.0.0" }, webhooks: Object.fromEntries([...NAMES, "a.b"].map((n) => [n, event(n)])) };
    const dir = tempDir("cg-proto-");
    writeFileSync(path.join(dir, "spec.json"), JSON.stringify(spec));
    pkg = await importFrom<typeof api>(path.join(await generateInto(path.join(dir, "spec.json")), "dist/index.js"));
  }, 60_000);

  it.each(NAMES)("a signed %s event without a handler is acknowledged like any other: onAny only, nothing reported", async (name) => {
    const seen: unknown[] = [];
    const errors: unknown[] = [];
    const handler = pkg.createWebhookHandler({
      secret: SECRET,
      now: clock,
      on: { "a.b": () => void seen.push("a.b") } as never,
      onAny: (event) => void seen.push(["any", event.event]),
      onError: (error, context) => void errors.push([context.stage, String(error)]),
    });
    const body = JSON.stringify({ event: name });
    const response = await handler.fetch(new Request("http://x/zoom", { method: "POST", body, headers: { "content-type": "application/json", ...headersFor(body) } }));
    expect(response.status).toBe(200);
    expect(seen).toEqual([["any", name]]);
    expect(errors).toEqual([]);
  });
});
