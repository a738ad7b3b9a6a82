/**
 * The one way spec data enters generated code: JSON.stringify, plus escapes for U+2028/U+2029, which JSON allows in
 * strings but TypeScript's scanner reads as line breaks ("unterminated string literal").
 */
export function jsString(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new Error(`not a JSON value: ${String(value)}`);
  return text.replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/**
 * A JSON value as a JavaScript expression: strings through jsString, keys through jsPropertyKey.
 */
export function toJsLiteral(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(toJsLiteral).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(([key, child]) => `${jsPropertyKey(key)}: ${toJsLiteral(child)}`);
    return `{ ${entries.join(", ")} }`;
  }
  return jsString(value);
}

/** Text for inside a block comment: a `*` + `/` in spec text would end the comment and let the rest run as code. */
export function commentText(text: string): string {
  return text.replace(/\*\//g, "*\\/");
}

/** An object-literal key for any string. `__proto__` is computed: as a plain key it would set the prototype. */
export function jsPropertyKey(key: string): string {
  return key === "__proto__" ? `[${jsString(key)}]` : jsString(key);
}
