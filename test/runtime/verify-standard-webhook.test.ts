import fc from "fast-check";
import { Webhook, WebhookVerificationError as ReferenceError } from "standardwebhooks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { decodeBase64, encodeBase64 } from "../../src/runtime/encode-base64.js";
import type { HeadersInput } from "../../src/runtime/read-header.js";
import type {
  StandardWebhookSecretInput,
  StandardWebhookVerificationErrorCode,
  StandardWebhookVerifyOptions,
} from "../../src/runtime/verify-standard-webhook.js";

type Verify = typeof import("../../src/runtime/verify-standard-webhook.js");

/**
 * Fresh runtime modules, so that the node:crypto lookup (cached per module instance) runs again: with node:crypto, or
 * as in Workers, without process.getBuiltinModule.
 */
async function load(nodeCrypto: boolean): Promise<{ verify: Verify; hasNodeCrypto: boolean }> {
  vi.resetModules();
  const processLike = process as unknown as { getBuiltinModule?: unknown };
  const saved = processLike.getBuiltinModule;
  if (!nodeCrypto) delete processLike.getBuiltinModule;
  try {
    const hmac = await import("../../src/runtime/compute-hmac.js");
    const hasNodeCrypto = hmac.getNodeCrypto() !== null;
    return { verify: await import("../../src/runtime/verify-standard-webhook.js"), hasNodeCrypto };
  } finally {
    processLike.getBuiltinModule = saved;
  }
}

const native = await load(true);
const pure = await load(false);

/** The four ways to verify: node:crypto, pure JavaScript (both synchronous), Web Crypto (with and without node:crypto). */
const paths: [string, (options: StandardWebhookVerifyOptions) => Promise<void>][] = [
  ["node:crypto", async (options) => native.verify.verifyStandardWebhook(options)],
  ["pure JavaScript", async (options) => pure.verify.verifyStandardWebhook(options)],
  ["Web Crypto", (options) => native.verify.verifyStandardWebhookAsync(options)],
  ["Web Crypto, no node:crypto", (options) => pure.verify.verifyStandardWebhookAsync(options)],
];

/**
 * The published vectors: standard-webhooks/standard-webhooks, libraries/javascript/src/webhook.test.ts ("sign function
 * works", "multi sig payload is valid", "invalid signature throws error", "partial signature throws error"), the same
 * in libraries/go/webhook_test.go (TestWebhookSign) and libraries/python/tests/test_webhooks.py (test_sign_function,
 * test_invalid_signature_raises_error).
 */
const VECTOR = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  payload: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
  /** Python's: the last digit changed. */
  wrongSignature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=",
  /** The decoy of the multi-signature tests, as v1 and as v2. */
  decoy: "Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=",
} as const;

const vectorHeaders = (signature: string = VECTOR.signature): Record<string, string> => ({
  "webhook-id": VECTOR.id,
  "webhook-timestamp": String(VECTOR.timestamp),
  "webhook-signature": signature,
});
const vectorClock = () => VECTOR.timestamp * 1000;

afterEach(() => vi.restoreAllMocks());

describe("encodeBase64 / decodeBase64", () => {
  it("agree with Buffer on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const text = Buffer.from(bytes).toString("base64");
        expect(encodeBase64(bytes)).toBe(text);
        expect(decodeBase64(text)).toEqual(bytes);
        expect(decodeBase64(text.replace(/=+$/, ""))).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it.each<[string, number[] | undefined]>([
    ["", []],
    ["QQ==", [65]],
    ["QQ", [65]],
    ["QUI=", [65, 66]],
    ["QQ=", undefined],
    ["Q", undefined],
    ["QR==", undefined],
    ["QQ==QQ==", undefined],
    [" QQ==", undefined],
    ["QQ\n", undefined],
    ["-_8=", undefined],
    ["QUJD====", undefined],
  ])("decodeBase64(%j) = %j", (text, bytes) => {
    expect(decodeBase64(text)).toEqual(bytes === undefined ? undefined : new Uint8Array(bytes));
  });
});

describe("the Standard Webhooks project's vectors", () => {
  it.each([
    ["node:crypto", native],
    ["pure JavaScript", pure],
  ])("signStandardWebhook gives the published signature (%s)", (_, { verify }) => {
    expect(verify.signStandardWebhook({ id: VECTOR.id, timestamp: VECTOR.timestamp, body: VECTOR.payload, secret: VECTOR.secret })).toEqual(vectorHeaders());
  });

  it("the backends are what they say", () => {
    expect(native.hasNodeCrypto).toBe(true);
    expect(pure.hasNodeCrypto).toBe(false);
  });

  describe.each(paths)("%s", (_, verify) => {
    const run = (signature: string, secret: StandardWebhookSecretInput = VECTOR.secret, headers = vectorHeaders(signature)) =>
      verify({ body: VECTOR.payload, headers, secret, now: vectorClock });

    it.each<[string, string, StandardWebhookSecretInput]>([
      ["the signature, whsec_ secret", VECTOR.signature, VECTOR.secret],
      ["the signature, the secret without its prefix", VECTOR.signature, VECTOR.secret.slice("whsec_".length)],
      ["the signature, the key's bytes", VECTOR.signature, new Uint8Array(Buffer.from(VECTOR.secret.slice(6), "base64"))],
      ["among decoys (v1, v2, valid, v1)", `v1,${VECTOR.decoy} v2,${VECTOR.decoy} ${VECTOR.signature} v1,${VECTOR.decoy}`, VECTOR.secret],
    ])("accepts %s", async (_, signature, secret) => {
      await expect(run(signature, secret)).resolves.toBeUndefined();
    });

    it.each<[string, string, StandardWebhookVerificationErrorCode]>([
      ["a signature one digit off", VECTOR.wrongSignature, "signature_mismatch"],
      ["only the decoy", `v1,${VECTOR.decoy}`, "signature_mismatch"],
      ["a short signature", "v1,dawfeoifkpqwoekfpqoekf", "malformed_signature"],
      ["a partial signature", VECTOR.signature.slice(0, 8), "malformed_signature"],
      ["an empty v1 signature", "v1,", "malformed_signature"],
      ["only a v2 signature", `v2,${VECTOR.signature.slice(3)}`, "unsupported_signature"],
    ])("refuses %s", async (_, signature, code) => {
      await expect(run(signature)).rejects.toMatchObject({ code });
    });

    it.each<[string, Record<string, string>, StandardWebhookVerificationErrorCode]>([
      ["no id", { "webhook-timestamp": "1614265330", "webhook-signature": VECTOR.signature }, "missing_id"],
      ["no timestamp", { "webhook-id": VECTOR.id, "webhook-signature": VECTOR.signature }, "missing_timestamp"],
      ["no signature", { "webhook-id": VECTOR.id, "webhook-timestamp": "1614265330" }, "missing_signature"],
      ["a timestamp of hello", { ...vectorHeaders(), "webhook-timestamp": "hello" }, "malformed_timestamp"],
    ])("refuses %s", async (_, headers, code) => {
      await expect(run(VECTOR.signature, VECTOR.secret, headers)).rejects.toMatchObject({ code });
    });
  });
});

/** The reference library's verdict: true, or its error (it reads Date.now, mocked to NOW by the tests). */
function referenceVerdict(secret: string, body: string | Buffer, headers: Record<string, string>): true | string {
  try {
    new Webhook(secret).verify(body, headers, { jsonParse: false });
    return true;
  } catch (error) {
    expect(error).toBeInstanceOf(ReferenceError);
    return (error as Error).message;
  }
}

const NOW = 1_743_510_146;
const KEY_OLD = "whsec_" + Buffer.from("the old key, being rotated out..").toString("base64");
const KEY_NEW = "whsec_" + Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 255)).toString("base64");
const KEY_OTHER = "whsec_" + Buffer.from("another sender's key....").toString("base64");

const referenceSign = (secret: string, id: string, timestamp: number, body: string | Buffer) =>
  new Webhook(secret).sign(id, new Date(timestamp * 1000), body);

interface OracleCase {
  readonly name: string;
  readonly secret?: readonly string[];
  /** What the request arrives with; default "{}". */
  readonly body?: string | Buffer;
  /** What was signed; default the body. */
  readonly signedBody?: string;
  /** What the request arrives with, from the headers the reference signed for (KEY_NEW, "msg_1", NOW, body). */
  readonly headers?: (signed: Record<string, string>) => Record<string, string>;
  /** Our answer: accepted, or the code; the reference agrees on accept/refuse unless `stricter`. */
  readonly expected: true | StandardWebhookVerificationErrorCode;
  /** Why we refuse what the reference accepts. */
  readonly stricter?: string;
}

const UNICODE = '{"name":"Zoë 🌍","text":"\u2028 \u00e9\u0301 日本語 \\u00e9"}';

const ORACLE_CASES: OracleCase[] = [
  { name: "a plain body", expected: true },
  { name: "an empty body", body: "", expected: true },
  { name: "a unicode body (string)", body: UNICODE, expected: true },
  { name: "a unicode body (Buffer)", body: Buffer.from(UNICODE), expected: true },
  { name: "rotation: the second of two secrets", secret: [KEY_OTHER, KEY_NEW], expected: true },
  { name: "rotation: the first of two secrets", secret: [KEY_NEW, KEY_OTHER], expected: true },
  {
    name: "two signatures (old and new key), the old key configured",
    secret: [KEY_OLD],
    headers: (h) => ({ ...h, "webhook-signature": `${referenceSign(KEY_OLD, "msg_1", NOW, "{}")} ${h["webhook-signature"]}` }),
    expected: true,
  },
  {
    name: "two signatures (new and old key), the new key configured",
    headers: (h) => ({ ...h, "webhook-signature": `${h["webhook-signature"]} ${referenceSign(KEY_OLD, "msg_1", NOW, "{}")}` }),
    expected: true,
  },
  { name: "signatures separated by two spaces", headers: (h) => ({ ...h, "webhook-signature": `v1,${VECTOR.decoy}  ${h["webhook-signature"]}` }), expected: true },
  { name: "an asymmetric v1a entry beside v1", headers: (h) => ({ ...h, "webhook-signature": `v1a,${"A".repeat(86)}== ${h["webhook-signature"]}` }), expected: true },
  { name: "header names in another case", headers: (h) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toUpperCase(), v])), expected: true },
  { name: "a wrong secret", secret: [KEY_OTHER], expected: "signature_mismatch" },
  { name: "a tampered body", signedBody: "{}", body: "{} ", expected: "signature_mismatch" },
  { name: "a tampered unicode body", signedBody: UNICODE, body: UNICODE.normalize("NFD"), expected: "signature_mismatch" },
  { name: "a tampered id", headers: (h) => ({ ...h, "webhook-id": "msg_2" }), expected: "signature_mismatch" },
  { name: "the signature of another timestamp", headers: (h) => ({ ...h, "webhook-timestamp": String(NOW - 1) }), expected: "signature_mismatch" },
  { name: "a timestamp 300 s old (the limit)", headers: () => signedAt(NOW - 300), expected: true },
  { name: "a timestamp 301 s old", headers: () => signedAt(NOW - 301), expected: "timestamp_too_old" },
  { name: "a timestamp 300 s ahead (the limit)", headers: () => signedAt(NOW + 300), expected: true },
  { name: "a timestamp 301 s ahead", headers: () => signedAt(NOW + 301), expected: "timestamp_too_new" },
  { name: "no webhook-id", headers: ({ "webhook-id": _, ...h }) => h, expected: "missing_id" },
  { name: "no webhook-timestamp", headers: ({ "webhook-timestamp": _, ...h }) => h, expected: "missing_timestamp" },
  { name: "no webhook-signature", headers: ({ "webhook-signature": _, ...h }) => h, expected: "missing_signature" },
  { name: "an empty webhook-id", headers: (h) => ({ ...h, "webhook-id": "" }), expected: "missing_id" },
  { name: "a non-numeric timestamp", headers: (h) => ({ ...h, "webhook-timestamp": "soon" }), expected: "malformed_timestamp" },
  {
    name: "a timestamp with trailing junk",
    headers: (h) => ({ ...h, "webhook-timestamp": `${NOW}abc` }),
    expected: "malformed_timestamp",
    stricter: "the reference parseInts the timestamp and signs the number, so it accepts digits followed by anything",
  },
  { name: "an entry without a comma", headers: (h) => ({ ...h, "webhook-signature": h["webhook-signature"]!.replace(",", "") }), expected: "malformed_signature" },
  { name: "a v1 entry of the wrong length", headers: (h) => ({ ...h, "webhook-signature": h["webhook-signature"]!.slice(0, -2) }), expected: "malformed_signature" },
  { name: "the right signature as v2", headers: (h) => ({ ...h, "webhook-signature": h["webhook-signature"]!.replace("v1,", "v2,") }), expected: "unsupported_signature" },
  { name: "the right signature as V1", headers: (h) => ({ ...h, "webhook-signature": h["webhook-signature"]!.replace("v1,", "V1,") }), expected: "unsupported_signature" },
];

function signedAt(timestamp: number, body = "{}"): Record<string, string> {
  return { "webhook-id": "msg_1", "webhook-timestamp": String(timestamp), "webhook-signature": referenceSign(KEY_NEW, "msg_1", timestamp, body) };
}

describe("against the reference library (standardwebhooks on npm)", () => {
  beforeEach(() => {
    vi.spyOn(Date, "now").mockReturnValue(NOW * 1000 + 999);
  });

  describe.each(ORACLE_CASES)("$name", (c) => {
    const received = c.body ?? "{}";
    const headersOf = () => (c.headers ?? ((h: Record<string, string>) => h))(signedAt(NOW, c.signedBody ?? String(received)));
    const secrets = c.secret ?? [KEY_NEW];

    it("the reference agrees", () => {
      const headers = headersOf();
      const verdicts = secrets.map((secret) => referenceVerdict(secret, received, headers));
      const accepted = verdicts.includes(true);
      expect(accepted, String(verdicts)).toBe(c.expected === true && c.stricter === undefined ? true : c.stricter !== undefined);
    });

    it.each(paths)("%s: we answer as expected", async (_, verify) => {
      const headers = headersOf();
      const body = typeof received === "string" ? received : new Uint8Array(received);
      const run = verify({ body, headers, secret: secrets });
      if (c.expected === true) await expect(run).resolves.toBeUndefined();
      else await expect(run).rejects.toMatchObject({ code: c.expected, name: "StandardWebhookVerificationError" });
    });
  });

  it("what we sign, the reference verifies, and what it signs, we verify: arbitrary keys, ids, bodies", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 80 }),
        fc.string({ minLength: 1, maxLength: 40, unit: "grapheme-ascii" }),
        fc.string({ maxLength: 200, unit: "binary" }),
        fc.integer({ min: NOW - 300, max: NOW + 300 }),
        async (key, id, body, timestamp) => {
          const secret = "whsec_" + Buffer.from(key).toString("base64");
          const ours = native.verify.signStandardWebhook({ id, body, secret, timestamp });
          expect(pure.verify.signStandardWebhook({ id, body, secret: key, timestamp })).toEqual(ours);
          expect(ours["webhook-signature"]).toBe(referenceSign(secret, id, timestamp, body));
          expect(referenceVerdict(secret, body, ours)).toBe(true);
          const bytes = new TextEncoder().encode(body);
          for (const [, verify] of paths) await verify({ body: bytes, headers: ours, secret });
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("matchingStandardWebhookSecret", () => {
  const headers = () => native.verify.signStandardWebhook({ id: "msg_1", body: "{}", secret: KEY_NEW, timestamp: NOW });
  const clock = () => NOW * 1000;

  it.each<[string[], string]>([
    [[KEY_OTHER, KEY_NEW, KEY_OLD], KEY_NEW],
    [[KEY_NEW, KEY_OTHER], KEY_NEW],
    [["", KEY_NEW, KEY_NEW], KEY_NEW],
    [[KEY_OTHER, KEY_NEW.slice(6)], KEY_NEW.slice(6)],
  ])("names the secret of %j that signed the message, as given", async (secrets, signer) => {
    for (const { verify } of [native, pure]) {
      expect(verify.matchingStandardWebhookSecret({ body: "{}", headers: headers(), secret: secrets, now: clock })).toBe(signer);
      await expect(verify.matchingStandardWebhookSecretAsync({ body: "{}", headers: headers(), secret: secrets, now: clock })).resolves.toBe(signer);
    }
  });

  it("takes a function of the headers, a Fetch Headers, an ArrayBuffer body", () => {
    const bytes = new TextEncoder().encode("{}");
    const pick = (h: HeadersInput) => (native.verify.checkStandardWebhookHeaders({ body: "", headers: h, now: clock }).id === "msg_1" ? [KEY_NEW] : undefined);
    expect(native.verify.matchingStandardWebhookSecret({ body: bytes.buffer.slice(0) as never, headers: new Headers(headers()), secret: pick, now: clock })).toBe(KEY_NEW);
  });
});

describe("refusals and configuration errors", () => {
  const clock = () => NOW * 1000;
  const headers = (body = "{}") => native.verify.signStandardWebhook({ id: "msg_1", body, secret: KEY_NEW, timestamp: NOW });

  describe.each(paths)("%s", (_, verify) => {
    it.each<[string, StandardWebhookSecretInput, string]>([
      ["no secret", [], "No signing secret is configured"],
      ["an empty secret (an unset variable)", "", "No signing secret is configured"],
      ["a function that knows no secret", () => undefined, "No signing secret is configured"],
      ["an empty key", [new Uint8Array()], "No signing secret is configured"],
    ])("refuses with %s", async (_, secret, message) => {
      await expect(verify({ body: "{}", headers: headers(), secret, now: clock })).rejects.toMatchObject({ code: "signature_mismatch", message: expect.stringContaining(message) });
    });

    it.each<[string, string | Uint8Array]>([
      ["not base64", "whsec_not base64!"],
      ["URL-safe base64", "whsec_-_-_"],
      ["the prefix alone", "whsec_"],
    ])("throws a TypeError for a secret that is %s, without repeating it", async (_, secret) => {
      const run = verify({ body: "{}", headers: headers(), secret: [KEY_NEW, secret], now: clock });
      await expect(run).rejects.toThrow(TypeError);
      await expect(run).rejects.not.toThrow(typeof secret === "string" && secret.length > 6 ? secret : "\u0000");
    });

    it("checks the headers before it reads a secret", async () => {
      const secret = vi.fn(() => KEY_NEW);
      await expect(verify({ body: "{}", headers: { ...headers(), "webhook-timestamp": "x" }, secret, now: clock })).rejects.toMatchObject({ code: "malformed_timestamp" });
      expect(secret).not.toHaveBeenCalled();
    });

    it.each<[string, HeadersInput, StandardWebhookVerificationErrorCode]>([
      ["two ids", { ...headers(), "webhook-id": ["msg_1", "msg_1"] }, "malformed_id"],
      ["an id of 257 characters", { ...headers(), "webhook-id": "m".repeat(257) }, "malformed_id"],
      ["two timestamps", { ...headers(), "webhook-timestamp": [String(NOW), String(NOW)] }, "malformed_timestamp"],
      ["a negative timestamp", { ...headers(), "webhook-timestamp": "-1" }, "malformed_timestamp"],
      ["a fractional timestamp", { ...headers(), "webhook-timestamp": `${NOW}.5` }, "malformed_timestamp"],
      ["a timestamp of 16 digits", { ...headers(), "webhook-timestamp": "1".repeat(16) }, "malformed_timestamp"],
      ["two signature headers", { ...headers(), "webhook-signature": [headers()["webhook-signature"], headers()["webhook-signature"]] }, "malformed_signature"],
      ["a signature header of spaces", { ...headers(), "webhook-signature": "   " }, "malformed_signature"],
      ["33 entries, the valid one last", { ...headers(), "webhook-signature": `${`v1,${VECTOR.decoy} `.repeat(32)}${headers()["webhook-signature"]}` }, "malformed_signature"],
      ["100 000 entries", { ...headers(), "webhook-signature": "v2,x ".repeat(100_000) }, "malformed_signature"],
      ["a 1 MB entry", { ...headers(), "webhook-signature": "v1," + "A".repeat(1 << 20) }, "malformed_signature"],
    ])("refuses %s", async (_, h, code) => {
      await expect(verify({ body: "{}", headers: h, secret: KEY_NEW, now: clock })).rejects.toMatchObject({ code });
    });

    it("accepts 32 entries, the valid one last", async () => {
      const h = { ...headers(), "webhook-signature": `${`v1,${VECTOR.decoy} `.repeat(31)}${headers()["webhook-signature"]}` };
      await expect(verify({ body: "{}", headers: h, secret: KEY_NEW, now: clock })).resolves.toBeUndefined();
    });

    it.each<[string, unknown]>([
      ["a parsed object", {}],
      ["a number", 42],
      ["null", null],
    ])("refuses %s as the body: only raw bytes can be verified", async (_, parsed) => {
      await expect(verify({ body: parsed as string, headers: headers(), secret: KEY_NEW, now: clock })).rejects.toMatchObject({ code: "body_not_raw" });
    });

    it.each([[-1], [Number.NaN], ["300"]])("throws a TypeError for toleranceSeconds %j: a typo must not turn replay protection off", async (toleranceSeconds) => {
      await expect(verify({ body: "{}", headers: headers(), secret: KEY_NEW, now: clock, toleranceSeconds: toleranceSeconds as number })).rejects.toThrow(TypeError);
    });

    it("throws a TypeError for a clock that is not Date.now's kind", async () => {
      await expect(verify({ body: "{}", headers: headers(), secret: KEY_NEW, now: (() => new Date()) as never })).rejects.toThrow(TypeError);
    });

    it.each<[number, number, true | StandardWebhookVerificationErrorCode]>([
      [0, NOW - 86_400 * 365, true],
      [0, NOW + 86_400, true],
      [60, NOW - 61, "timestamp_too_old"],
      [60, NOW + 60, true],
      [3600, NOW - 3600, true],
    ])("toleranceSeconds %d, a message of %d", async (toleranceSeconds, timestamp, expected) => {
      const h = native.verify.signStandardWebhook({ id: "msg_1", body: "{}", secret: KEY_NEW, timestamp });
      const run = verify({ body: "{}", headers: h, secret: KEY_NEW, now: clock, toleranceSeconds });
      if (expected === true) await expect(run).resolves.toBeUndefined();
      else await expect(run).rejects.toMatchObject({ code: expected });
    });
  });

  it("checkStandardWebhookHeaders returns what it checked", () => {
    const h = { ...headers(), "webhook-signature": `v1a,xyz ${headers()["webhook-signature"]} v1,${VECTOR.decoy}` };
    expect(native.verify.checkStandardWebhookHeaders({ body: "{}", headers: h, now: clock })).toEqual({
      id: "msg_1",
      timestamp: String(NOW),
      signatures: [headers()["webhook-signature"].slice(3), VECTOR.decoy],
      body: "{}",
    });
  });

  it("signStandardWebhook defaults the timestamp to now", () => {
    vi.spyOn(Date, "now").mockReturnValue(NOW * 1000 + 999);
    const h = native.verify.signStandardWebhook({ id: "msg_1", body: "x", secret: KEY_NEW });
    expect(h["webhook-timestamp"]).toBe(String(NOW));
    expect(() => native.verify.verifyStandardWebhook({ body: "x", headers: h, secret: KEY_NEW })).not.toThrow();
  });

  it("decodeStandardWebhookSecret reads both spellings and bytes", () => {
    const key = new Uint8Array(Buffer.from(KEY_NEW.slice(6), "base64"));
    expect(native.verify.decodeStandardWebhookSecret(KEY_NEW)).toEqual(key);
    expect(native.verify.decodeStandardWebhookSecret(KEY_NEW.slice(6))).toEqual(key);
    expect(native.verify.decodeStandardWebhookSecret(key)).toBe(key);
  });
});
