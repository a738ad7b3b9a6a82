/** Request headers in whatever container the server framework hands over. */

/** Request headers in any common shape: a Fetch `Headers`, Node's `IncomingHttpHeaders`, or a plain record. */
export type HeadersInput =
  { get(name: string): string | null } | Readonly<Record<string, string | readonly string[] | number | undefined>>;

/** Every value of a header, case-insensitively; duplicates stay separate where the container keeps them apart. */
export function getHeader(headers: HeadersInput, name: string): string[] {
  const lower = name.toLowerCase();
  if (typeof (headers as { get?: unknown }).get === "function") {
    const value = (headers as { get(name: string): string | null }).get(lower);
    return value === null ? [] : [value];
  }
  const record = headers as Readonly<Record<string, string | readonly string[] | number | undefined>>;
  const found: string[] = [];
  for (const key of Object.keys(record)) {
    if (key.toLowerCase() !== lower) continue;
    const value = record[key];
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) found.push(String(item));
    else found.push(String(value));
  }
  return found;
}
