/** Strict UTF-8 decoding, for raw request bodies: invalid bytes are an error, not U+FFFD. */

interface Utf8Decoder {
  decode(input: Uint8Array): string;
}

let utf8: Utf8Decoder | undefined;

/** Decodes UTF-8 strictly; throws a TypeError on invalid input. A leading byte order mark is dropped. */
export function decodeUtf8(bytes: Uint8Array): string {
  // Created on first use: importing the package must not allocate (it declares sideEffects: false).
  utf8 ??= new TextDecoder("utf-8", { fatal: true });
  return utf8.decode(bytes);
}
