/**
 * A JSON value as a JavaScript expression. Like JSON.stringify (every string goes through it), except that a
 * `__proto__` key is written as a computed key: as a plain key an object literal would set the prototype instead of
 * creating the property the data has.
 */
export function toJsLiteral(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(toJsLiteral).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(
      ([key, child]) => `${key === "__proto__" ? `[${JSON.stringify(key)}]` : JSON.stringify(key)}: ${toJsLiteral(child)}`,
    );
    return `{ ${entries.join(", ")} }`;
  }
  const text = JSON.stringify(value);
  if (text === undefined) throw new Error(`not a JSON value: ${String(value)}`);
  return text;
}
