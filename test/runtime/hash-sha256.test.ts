import { createHash, createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { concatBytes, hmacSha256, sha256, toHex } from "../../src/runtime/hash-sha256.js";

const text = (s: string) => new TextEncoder().encode(s);
const nodeSha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

describe("sha256 (pure JavaScript)", () => {
  it.each<[string, Uint8Array, string]>([
    // FIPS 180-4 examples.
    ["empty", text(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["abc", text("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    ["448 bits", text("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"],
    ["a million a", text("a".repeat(1_000_000)), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"],
  ])("%s", (_, input, hex) => {
    expect(toHex(sha256(input))).toBe(hex);
  });

  it("equals node:crypto at every length around the block and padding boundaries", () => {
    for (let length = 0; length <= 200; length++) {
      const input = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
      expect(toHex(sha256(input)), `length ${length}`).toBe(nodeSha256(input));
    }
  });

  it("equals node:crypto on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (input) => {
        expect(toHex(sha256(input))).toBe(nodeSha256(input));
      }),
      { numRuns: 500 },
    );
  });

  it("does not change its input", () => {
    const input = text("unchanged");
    const before = [...input];
    sha256(input);
    expect([...input]).toEqual(before);
  });
});

describe("hmacSha256 (pure JavaScript)", () => {
  it.each<[string, Uint8Array, Uint8Array, string]>([
    // RFC 4231 test cases 1, 2 and 6 (a key longer than the block).
    ["RFC 4231 #1", new Uint8Array(20).fill(0x0b), text("Hi There"), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"],
    ["RFC 4231 #2", text("Jefe"), text("what do ya want for nothing?"), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"],
    [
      "RFC 4231 #6",
      new Uint8Array(131).fill(0xaa),
      text("Test Using Larger Than Block-Size Key - Hash Key First"),
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
    ],
  ])("%s", (_, key, message, hex) => {
    expect(toHex(hmacSha256(key, message))).toBe(hex);
  });

  it("equals node:crypto on arbitrary keys (short, block-sized, long) and messages", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.uint8Array({ maxLength: 1000 }), (key, message) => {
        expect(toHex(hmacSha256(key, message))).toBe(createHmac("sha256", key).update(message).digest("hex"));
      }),
      { numRuns: 500 },
    );
  });

  it("on a key of exactly 64 bytes and of 65 (the hashing threshold)", () => {
    for (const length of [63, 64, 65]) {
      const key = new Uint8Array(length).fill(7);
      expect(toHex(hmacSha256(key, text("m")))).toBe(createHmac("sha256", key).update("m").digest("hex"));
    }
  });
});

describe("helpers", () => {
  it.each<[Uint8Array[], number[]]>([
    [[], []],
    [[new Uint8Array([1])], [1]],
    [[new Uint8Array([1, 2]), new Uint8Array(0), new Uint8Array([3])], [1, 2, 3]],
  ])("concatBytes(%j)", (parts, expected) => {
    expect([...concatBytes(parts)]).toEqual(expected);
  });

  it("toHex pads every byte to two digits", () => {
    expect(toHex(new Uint8Array([0, 1, 15, 16, 255]))).toBe("00010f10ff");
  });
});
