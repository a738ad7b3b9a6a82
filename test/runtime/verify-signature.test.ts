import { createHmac } from "node:crypto";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createUrlValidationResponse, readPlainToken } from "../../src/runtime/answer-url-validation.js";
import { getHeader, type HeadersInput } from "../../src/runtime/read-header.js";
import type { VerifyOptions } from "../../src/runtime/verify-signature.js";

type Verify = typeof import("../../src/runtime/verify-signature.js");
type Hmac = typeof import("../../src/runtime/compute-hmac.js");

const SECRET = "s3cret-token";
const NOW = 1_743_510_146;
const clock = () => NOW * 1000;

/** The oracle: Node's own HMAC over the exact bytes. */
const signature = (secret: string, timestamp: string | number, body: string | Uint8Array) =>
  "v0=" + createHmac("sha256", secret).update(`v0:${timestamp}:`).update(body).digest("hex");

const headersFor = (body: string | Uint8Array, secret = SECRET, timestamp: string | number = NOW): Record<string, string> => ({
  "x-zm-request-timestamp": String(timestamp),
  "x-zm-signature": signature(secret, timestamp, body),
});

/**
 * Fresh runtime modules, so that the node:crypto lookup (cached per module instance) runs again: with node:crypto, or
 * as in Workers, without process.getBuiltinModule.
 */
async function load(nodeCrypto: boolean): Promise<{ verify: Verify; hmac: Hmac }> {
  vi.resetModules();
  const processLike = process as unknown as { getBuiltinModule?: unknown };
  const saved = processLike.getBuiltinModule;
  if (!nodeCrypto) delete processLike.getBuiltinModule;
  try {
    const hmac = await import("../../src/runtime/compute-hmac.js");
    hmac.getNodeCrypto();
    return { verify: await import("../../src/runtime/verify-signature.js"), hmac };
  } finally {
    processLike.getBuiltinModule = saved;
  }
}

const native = await load(true);
const pure = await load(false);

/** The three ways to verify: node:crypto, pure JavaScript (both synchronous), Web Crypto (asynchronous). */
const paths: [string, (options: VerifyOptions) => Promise<void>][] = [
  ["node:crypto", async (options) => native.verify.verifyWebhookSignature(options)],
  ["pure JavaScript", async (options) => pure.verify.verifyWebhookSignature(options)],
  ["Web Crypto", (options) => native.verify.verifyWebhookSignatureAsync(options)],
];

afterEach(() => vi.restoreAllMocks());

describe("the HMAC backends", () => {
  it("finds node:crypto through process.getBuiltinModule, and does without it", () => {
    expect(native.hmac.getNodeCrypto()).not.toBeNull();
    expect(pure.hmac.getNodeCrypto()).toBeNull();
  });

  it("give the same hex digest on arbitrary secrets and bodies", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 100 }), fc.oneof(fc.string(), fc.uint8Array({ maxLength: 300 })), async (secret, body) => {
        const expected = createHmac("sha256", secret).update("v0:1:").update(body).digest("hex");
        expect(native.hmac.hmacHex(secret, ["v0:1:", body])).toBe(expected);
        expect(pure.hmac.hmacHex(secret, ["v0:1:", body])).toBe(expected);
        expect(await native.hmac.hmacHexAsync(secret, ["v0:1:", body])).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });

  it.each<[string, string, boolean]>([
    ["a", "a", true],
    ["ab", "ac", false],
    ["a", "ab", false],
    ["", "", true],
  ])("constantTimeEqual(%j, %j) = %s", (a, b, equal) => {
    expect(native.hmac.constantTimeEqual(a, b)).toBe(equal);
  });
});

describe.each(paths)("verification (%s)", (_, verify) => {
  const body = '{"event":"x","name":"Ana 😀 café","big":12345678901234567890}';

  it.each<[string, string | Uint8Array]>([
    ["a string body", body],
    ["the same body as bytes", new TextEncoder().encode(body)],
    ["an empty body", ""],
  ])("accepts %s signed by Zoom", async (_, raw) => {
    await expect(verify({ body: raw, headers: headersFor(raw), secret: SECRET, now: clock })).resolves.toBeUndefined();
  });

  it("accepts Fetch Headers and an uppercase hex signature", async () => {
    const headers = headersFor(body);
    headers["x-zm-signature"] = "v0=" + headers["x-zm-signature"]!.slice(3).toUpperCase();
    await expect(verify({ body, headers: new Headers(headers), secret: SECRET, now: clock })).resolves.toBeUndefined();
  });

  it.each<[string, number, string | null, number?]>([
    ["exactly at the tolerance (old)", NOW - 300, null],
    ["one second too old: a replay", NOW - 301, "timestamp_too_old"],
    ["exactly at the tolerance (future)", NOW + 300, null],
    ["one second in the future beyond it", NOW + 301, "timestamp_too_new"],
    ["a day old", NOW - 86_400, "timestamp_too_old"],
    ["a day old, with a tolerance of a day", NOW - 86_400, null, 86_400],
    ["a year old, with the check off", NOW - 31_536_000, null, 0],
  ])("checks the timestamp: %s", async (_, timestamp, code, toleranceSeconds) => {
    const options = { body, headers: headersFor(body, SECRET, timestamp), secret: SECRET, now: clock, ...(toleranceSeconds !== undefined ? { toleranceSeconds } : {}) };
    if (code === null) await expect(verify(options)).resolves.toBeUndefined();
    else await expect(verify(options)).rejects.toMatchObject({ name: "WebhookVerificationError", code });
  });

  it.each<[string, Record<string, string | string[]>, string]>([
    ["no signature", { "x-zm-request-timestamp": String(NOW) }, "missing_signature"],
    ["no timestamp", { "x-zm-signature": "v0=" + "0".repeat(64) }, "missing_timestamp"],
    ["a signature without v0=", { "x-zm-request-timestamp": String(NOW), "x-zm-signature": "0".repeat(64) }, "malformed_signature"],
    ["a short signature", { "x-zm-request-timestamp": String(NOW), "x-zm-signature": "v0=abc" }, "malformed_signature"],
    ["two signatures", { "x-zm-request-timestamp": String(NOW), "x-zm-signature": ["v0=" + "0".repeat(64), "v0=" + "1".repeat(64)] }, "malformed_signature"],
    ["a timestamp in milliseconds' clothing", { "x-zm-request-timestamp": "1.5e9", "x-zm-signature": "v0=" + "0".repeat(64) }, "malformed_timestamp"],
    ["a negative timestamp", { "x-zm-request-timestamp": "-1", "x-zm-signature": "v0=" + "0".repeat(64) }, "malformed_timestamp"],
    ["a wrong signature", { "x-zm-request-timestamp": String(NOW), "x-zm-signature": "v0=" + "0".repeat(64) }, "signature_mismatch"],
  ])("refuses %s", async (_, headers, code) => {
    await expect(verify({ body, headers, secret: SECRET, now: clock })).rejects.toMatchObject({ code });
  });

  it("refuses a body signed with another secret, and the re-serialization of a signed body", async () => {
    await expect(verify({ body, headers: headersFor(body, "other"), secret: SECRET, now: clock })).rejects.toMatchObject({ code: "signature_mismatch" });
    const reserialized = JSON.stringify(JSON.parse(body));
    await expect(verify({ body: reserialized, headers: headersFor(body), secret: SECRET, now: clock })).rejects.toMatchObject({ code: "signature_mismatch" });
  });

  it("accepts any secret of a rotation list; empty secrets never match", async () => {
    for (const signer of ["old", "new"]) {
      await expect(verify({ body, headers: headersFor(body, signer), secret: ["old", "new"], now: clock })).resolves.toBeUndefined();
    }
    await expect(verify({ body, headers: headersFor(body, "x"), secret: ["old", "new"], now: clock })).rejects.toMatchObject({ code: "signature_mismatch" });
    await expect(verify({ body, headers: headersFor(body, ""), secret: ["", "new"], now: clock })).rejects.toMatchObject({ code: "signature_mismatch" });
    await expect(verify({ body, headers: headersFor(body), secret: [], now: clock })).rejects.toThrow(/No secret token is configured/);
  });

  it("picks the secret by header when given a function", async () => {
    const byClient = (headers: HeadersInput) => ({ appA: "secret-a", appB: "secret-b" })[getHeader(headers, "clientid")[0] as "appA" | "appB"];
    await expect(verify({ body, headers: { ...headersFor(body, "secret-b"), ClientId: "appB" }, secret: byClient, now: clock })).resolves.toBeUndefined();
    await expect(verify({ body, headers: { ...headersFor(body, "secret-b"), clientid: "appA" }, secret: byClient, now: clock })).rejects.toMatchObject({ code: "signature_mismatch" });
    await expect(verify({ body, headers: { ...headersFor(body), clientid: "appC" }, secret: byClient, now: clock })).rejects.toThrow(/No secret token is configured/);
  });

  it.each<[string, unknown]>([
    ["a parsed object", { event: "x" }],
    ["a number", 42],
    ["null", null],
  ])("refuses %s as the body: only raw bytes can be verified", async (_, parsed) => {
    await expect(verify({ body: parsed as string, headers: headersFor(body), secret: SECRET, now: clock })).rejects.toMatchObject({ code: "body_not_raw" });
  });

  it.each([[-1], [Number.NaN], ["300"]])("throws a TypeError for toleranceSeconds %j: a typo must not turn replay protection off", async (toleranceSeconds) => {
    await expect(verify({ body, headers: headersFor(body), secret: SECRET, now: clock, toleranceSeconds: toleranceSeconds as number })).rejects.toThrow(TypeError);
  });
});

describe("matchingSecret", () => {
  it.each<[string[], string]>([
    [["a", "b", "c"], "b"],
    [["b", "a"], "b"],
    [["", "b", "b"], "b"],
  ])("names the secret of %j that signed the request", (secrets, signer) => {
    const body = "{}";
    for (const { verify } of [native, pure]) {
      expect(verify.matchingSecret({ body, headers: headersFor(body, signer), secret: secrets, now: clock })).toBe(signer);
    }
  });

  it("accepts an ArrayBuffer body, and matches on the async path too", async () => {
    const bytes = new TextEncoder().encode('{"a":1}');
    const buffer = bytes.buffer.slice(0) as ArrayBuffer;
    expect(native.verify.matchingSecret({ body: buffer as never, headers: headersFor(bytes), secret: ["x", SECRET], now: clock })).toBe(SECRET);
    await expect(native.verify.matchingSecretAsync({ body: bytes, headers: headersFor(bytes), secret: [SECRET, "x"], now: clock })).resolves.toBe(SECRET);
  });
});

describe("signWebhook", () => {
  it("signs as Zoom does, on both synchronous paths", () => {
    for (const { verify } of [native, pure]) {
      expect(verify.signWebhook({ body: "{}", secret: SECRET, timestamp: NOW })).toEqual(headersFor("{}"));
    }
  });

  it("defaults the timestamp to now, and what it signs verifies", () => {
    vi.spyOn(Date, "now").mockReturnValue(NOW * 1000 + 999);
    const headers = native.verify.signWebhook({ body: "x", secret: SECRET });
    expect(headers["x-zm-request-timestamp"]).toBe(String(NOW));
    expect(() => native.verify.verifyWebhookSignature({ body: "x", headers, secret: SECRET })).not.toThrow();
  });
});

describe("getHeader", () => {
  it.each<[string, HeadersInput, string[]]>([
    ["a Fetch Headers, case-insensitively", new Headers({ "X-Zm-Signature": "s" }), ["s"]],
    ["a missing Fetch header", new Headers(), []],
    ["a record, case-insensitively", { "X-ZM-SIGNATURE": "s" }, ["s"]],
    ["an array value (repeated header)", { "x-zm-signature": ["a", "b"] }, ["a", "b"]],
    ["two keys differing in case", { "x-zm-signature": "a", "X-Zm-Signature": "b" }, ["a", "b"]],
    ["a number", { "x-zm-signature": 5 }, ["5"]],
    ["an undefined value", { "x-zm-signature": undefined }, []],
    ["an inherited key (not read)", Object.create({ "x-zm-signature": "inherited" }), []],
  ])("reads %s", (_, headers, values) => {
    expect(getHeader(headers, "x-zm-signature")).toEqual(values);
  });
});

describe("the URL-validation handshake", () => {
  it("answers Zoom's public vector", () => {
    expect(createUrlValidationResponse("qgg8vlvZRS6UYooatFL8Aw", "secretValueTest")).toEqual({
      plainToken: "qgg8vlvZRS6UYooatFL8Aw",
      encryptedToken: "70c1f2e2e6ca2d39297490d1f9142c7d701415ea8e6151f6562a08fa657a40ff",
    });
  });

  it.each<[unknown, string | undefined]>([
    [{ event: "endpoint.url_validation", payload: { plainToken: "abc" } }, "abc"],
    [{ payload: { plainToken: "" } }, undefined],
    [{ payload: { plainToken: 5 } }, undefined],
    [{ payload: "abc" }, undefined],
    [{ payload: null }, undefined],
    [{}, undefined],
    [null, undefined],
    ["abc", undefined],
  ])("readPlainToken(%j) = %j", (event, token) => {
    expect(readPlainToken(event)).toBe(token);
  });
});
