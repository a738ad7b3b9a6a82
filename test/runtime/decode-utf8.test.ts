import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeUtf8 } from "../../src/runtime/decode-utf8.js";

const bytes = (...b: number[]) => new Uint8Array(b);

describe("decodeUtf8", () => {
  it.each<[string, Uint8Array, string]>([
    ["ASCII", bytes(0x41, 0x42), "AB"],
    ["empty", bytes(), ""],
    ["two-byte", bytes(0xc3, 0xa9), "é"],
    ["three-byte", bytes(0xe2, 0x82, 0xac), "€"],
    ["four-byte", bytes(0xf0, 0x9f, 0x98, 0x80), "😀"],
    ["a byte order mark is dropped", bytes(0xef, 0xbb, 0xbf, 0x7b, 0x7d), "{}"],
    ["U+FFFD itself is fine", bytes(0xef, 0xbf, 0xbd), "\ufffd"],
    ["the largest code point", bytes(0xf4, 0x8f, 0xbf, 0xbf), "\u{10ffff}"],
  ])("decodes %s", (_, input, text) => {
    expect(decodeUtf8(input)).toBe(text);
  });

  it.each<[string, Uint8Array]>([
    ["a lone continuation byte", bytes(0x80)],
    ["0xff", bytes(0x41, 0xff)],
    ["0xfe", bytes(0xfe)],
    ["a truncated two-byte sequence", bytes(0xc3)],
    ["a truncated four-byte sequence", bytes(0xf0, 0x9f, 0x98)],
    ["an overlong NUL", bytes(0xc0, 0x80)],
    ["an overlong slash", bytes(0xe0, 0x80, 0xaf)],
    ["an encoded high surrogate (CESU-8)", bytes(0xed, 0xa0, 0xbd)],
    ["an encoded low surrogate", bytes(0xed, 0xb8, 0x80)],
    ["a code point above U+10FFFF", bytes(0xf4, 0x90, 0x80, 0x80)],
    ["a start byte followed by ASCII", bytes(0xe2, 0x41, 0x42)],
  ])("refuses %s (no silent U+FFFD)", (_, input) => {
    expect(() => decodeUtf8(input)).toThrow(TypeError);
  });

  it("round-trips any well-formed string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-composite" }), (text) => {
        // A leading U+FEFF is a byte order mark to the decoder.
        const input = text.charCodeAt(0) === 0xfeff ? "x" + text : text;
        expect(decodeUtf8(new TextEncoder().encode(input))).toBe(input);
      }),
    );
  });

  it("stays usable after an invalid input", () => {
    expect(() => decodeUtf8(bytes(0xff))).toThrow();
    expect(decodeUtf8(bytes(0x61))).toBe("a");
  });
});
