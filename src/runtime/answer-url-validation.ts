/**
 * Zoom's endpoint.url_validation handshake: Zoom sends a plainToken, the endpoint proves it holds the secret token by
 * answering with HMAC-SHA256(secret, plainToken).
 */
import { hmacHex } from "./compute-hmac.js";

/** The answer to Zoom's endpoint.url_validation request. */
export function createUrlValidationResponse(
  plainToken: string,
  secret: string,
): { plainToken: string; encryptedToken: string } {
  return { plainToken, encryptedToken: hmacHex(secret, [plainToken]) };
}

/** The plainToken of an endpoint.url_validation event, or undefined if it has none (or not a non-empty string). */
export function readPlainToken(event: unknown): string | undefined {
  if (typeof event !== "object" || event === null) return undefined;
  const payload = (event as { payload?: unknown }).payload;
  const plainToken =
    typeof payload === "object" && payload !== null ? (payload as { plainToken?: unknown }).plainToken : undefined;
  return typeof plainToken === "string" && plainToken !== "" ? plainToken : undefined;
}
