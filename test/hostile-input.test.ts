import { describe, expect, it } from "vitest";
import * as api from "../generated/dist/index.js";
import { fixtures } from "../generated/dist/fixtures.js";

const started = fixtures["cobrowse.session_started"].example!;
const json = JSON.stringify(started);

/** Snapshot of Object.prototype, to prove that no input pollutes it. */
function prototypeState(): string {
  return Object.getOwnPropertyNames(Object.prototype)
    .sort()
    .map((name) => `${name}:${String(Object.getOwnPropertyDescriptor(Object.prototype, name)?.value)}`)
    .join("|");
}

function everything(value: unknown): void {
  for (const options of [undefined, { unknownProperties: "allow" as const }]) {
    const union = api.validateWebhookEvent(value, options);
    expect(api.isWebhookEvent(value, options)).toBe(union.ok);
    const one = api.validateCobrowseSessionStartedEvent(value, options);
    expect(api.isCobrowseSessionStartedEvent(value, options)).toBe(one.ok);
    for (const issue of [...(union.ok ? union.warnings : union.issues), ...(one.ok ? one.warnings : one.issues)]) {
      expect(Object.getPrototypeOf(issue)).toBe(Object.prototype);
      expect(Array.isArray(issue.path)).toBe(true);
      expect(typeof issue.message).toBe("string");
      expect(issue.message.length).toBeLessThan(400);
    }
  }
}

describe("never throws, never pollutes", () => {
  const before = prototypeState();

  it.each<[string, unknown]>([
    ["null", null],
    ["undefined", undefined],
    ["an array", [started]],
    ["a number", 42],
    ["NaN", Number.NaN],
    ["a string", json],
    ["a boolean", true],
    ["a symbol", Symbol("event")],
    ["a bigint", 10n],
    ["a function", () => started],
  ])("rejects %s as invalid_type at the root", (_, value) => {
    everything(value);
    expect(api.validateWebhookEvent(value)).toMatchObject({ ok: false, issues: [{ code: "invalid_type", pointer: "" }] });
  });

  it.each<[string, unknown]>([
    ["a Date", new Date(0)],
    ["a Map holding a valid event's entries", new Map(Object.entries(started))],
    ["a boxed string", Object("cobrowse.session_started")],
  ])("rejects %s, an object without own event properties, as missing /event", (_, value) => {
    everything(value);
    expect(api.validateWebhookEvent(value)).toMatchObject({ ok: false, issues: [{ code: "missing_property", pointer: "/event" }] });
  });

  it.each(["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "__defineGetter__"])(
    "treats a %s key (own, from JSON.parse) as an unknown property at every closed object",
    (key) => {
      for (const at of ["", "/payload", "/payload/object"]) {
        const value = JSON.parse(json);
        const target = at === "" ? value : at === "/payload" ? value.payload : value.payload.object;
        Object.defineProperty(target, key, { value: { polluted: true }, enumerable: true, configurable: true, writable: true });
        everything(value);
        expect(api.validateWebhookEvent(value)).toMatchObject({ ok: false, issues: [{ code: "unknown_property", pointer: `${at}/${key}` }] });
        expect(api.validateWebhookEvent(value, { unknownProperties: "allow" })).toMatchObject({ ok: true, warnings: [{ pointer: `${at}/${key}` }] });
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(prototypeState()).toBe(before);
    },
  );

  it("parses bodies with __proto__ keys without polluting anything", () => {
    const body = json.replace('"event_ts"', '"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"event_ts"');
    const result = api.parseWebhookEvent(body);
    expect(result).toMatchObject({ ok: false, issues: [{ code: "unknown_property", pointer: "/__proto__" }, { code: "unknown_property", pointer: "/constructor" }] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(prototypeState()).toBe(before);
  });

  it("handles getters that throw, anywhere", () => {
    const root = { ...JSON.parse(json), get payload(): never { throw new Error("boom"); } };
    const nested = JSON.parse(json);
    Object.defineProperty(nested.payload.object, "session_id", { get() { throw new Error("nested boom"); }, enumerable: true });
    const hostileError = JSON.parse(json);
    Object.defineProperty(hostileError, "event_ts", { get() { throw { toString() { throw new Error("worse"); } }; }, enumerable: true });
    for (const value of [root, nested, hostileError]) {
      everything(value);
      expect(api.validateWebhookEvent(value)).toMatchObject({ ok: false, issues: [{ code: "invalid_type", message: expect.stringMatching(/could not be read/) }] });
    }
  });

  it("accepts a valid event built from Object.create(null) objects and from class instances", () => {
    const bare = (o: Record<string, unknown>) => Object.assign(Object.create(null), o);
    const value = bare({ ...started, payload: bare({ ...started.payload, object: bare({ ...started.payload.object }) }) });
    everything(value);
    expect(api.validateWebhookEvent(value).ok).toBe(true);
    class Started {
      event = "cobrowse.session_started";
      event_ts = 1;
      payload = { account_id: "a", object: { session_id: "s", start_time: "2025-04-01T12:22:26Z" } };
      describe(): string {
        return "methods live on the prototype and are not own properties";
      }
    }
    everything(new Started());
    expect(api.validateWebhookEvent(new Started()).ok).toBe(true);
  });

  it("handles 10 000-deep nesting as a value and as a body", () => {
    let deep: unknown = "bottom";
    for (let i = 0; i < 10_000; i++) deep = { d: deep };
    const value = { ...JSON.parse(json), deep };
    everything(value);
    expect(api.validateWebhookEvent(value)).toMatchObject({ ok: false, issues: [{ code: "unknown_property", pointer: "/deep" }] });
    expect(api.validateWebhookEvent(value, { unknownProperties: "allow" }).ok).toBe(true);
    const body = json.slice(0, -1) + ',"deep":' + '{"d":'.repeat(10_000) + "1" + "}".repeat(10_000) + "}";
    expect(api.parseWebhookEvent(body, { unknownProperties: "allow" }).ok).toBe(true);
    const deeper = "[".repeat(1_000_000) + "]".repeat(1_000_000);
    expect(api.parseWebhookEvent(deeper).ok).toBe(false);
  });

  it("handles 10 MB strings, and keeps messages short", () => {
    const big = "x".repeat(10 * 1024 * 1024);
    const valid = JSON.parse(json);
    valid.payload.object.user_name = big;
    expect(api.validateWebhookEvent(valid).ok).toBe(true);
    for (const value of [{ ...JSON.parse(json), event: big }, { ...JSON.parse(json), payload: { ...started.payload, object: { ...started.payload.object, role_type: big } } }]) {
      everything(value);
      const result = api.validateWebhookEvent(value);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues[0]!.received!.length).toBeLessThanOrEqual(80);
    }
    expect(api.parseWebhookEvent(JSON.stringify(valid)).ok).toBe(true);
  });

  it("turns invalid UTF-8, a BOM, and non-JSON bodies into issues", () => {
    const bytes = new TextEncoder().encode(json);
    expect(api.parseWebhookEvent(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes])).ok).toBe(true);
    expect(api.parseWebhookEvent("\uFEFF" + json).ok).toBe(true);
    for (const bad of [new Uint8Array([0xc3, 0x28]), new Uint8Array([0xed, 0xa0, 0x80]), new Uint8Array([...bytes.slice(0, 20), 0xff, ...bytes.slice(20)])]) {
      expect(api.parseWebhookEvent(bad)).toMatchObject({ ok: false, issues: [{ code: "invalid_json", message: expect.stringMatching(/UTF-8/) }] });
    }
    for (const body of ["", " ", "event=cobrowse.session_started", "<xml/>", "{'a':1}", json.slice(0, -1), "null", "[]", "1e400"]) {
      const result = api.parseWebhookEvent(body);
      expect(result.ok).toBe(false);
    }
    for (const notABody of [undefined, null, 5, {}, new ArrayBuffer(4), [1, 2]]) {
      expect(api.parseWebhookEvent(notABody as never)).toMatchObject({ ok: false, issues: [{ code: "invalid_type" }] });
    }
  });

  it("leaves Object.prototype exactly as it was", () => {
    expect(prototypeState()).toBe(before);
  });
});
