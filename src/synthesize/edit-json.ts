/** Small edits of parsed JSON, shared by fixture synthesis and the tests' mutation corpus. */

export type JsonPath = readonly (string | number)[];

export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function parentOf(root: unknown, path: JsonPath): Record<string | number, unknown> {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  return node;
}

/** Sets with define semantics, so a key like `__proto__` becomes an own property, as JSON.parse makes it. */
export function setAt(root: unknown, path: JsonPath, value: unknown): void {
  Object.defineProperty(parentOf(root, path), path[path.length - 1] as string | number, { value, enumerable: true, writable: true, configurable: true });
}

export function deleteAt(root: unknown, path: JsonPath): void {
  delete parentOf(root, path)[path[path.length - 1] as string | number];
}
