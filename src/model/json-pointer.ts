/** RFC 6901 helpers. Pointers are kept as strings ("" is the whole document). */

export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, "~0").replace(/\//g, "~1");
}

export function unescapePointerToken(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

export function joinPointer(base: string, ...tokens: (string | number)[]): string {
  let out = base;
  for (const token of tokens) out += "/" + escapePointerToken(token);
  return out;
}

export function pointerFromPath(path: readonly (string | number)[]): string {
  return joinPointer("", ...path);
}

export function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw new Error(`not a JSON pointer: ${JSON.stringify(pointer)}`);
  return pointer.slice(1).split("/").map(unescapePointerToken);
}

/** Resolves a pointer against a JSON value with own-property semantics; `undefined` when it does not resolve. */
export function resolvePointer(document: unknown, pointer: string): unknown {
  let node: unknown = document;
  for (const token of parsePointer(pointer)) {
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(token)) return undefined;
      node = node[Number(token)];
    } else if (typeof node === "object" && node !== null && Object.prototype.hasOwnProperty.call(node, token)) {
      node = (node as Record<string, unknown>)[token];
    } else {
      return undefined;
    }
  }
  return node;
}

/** Shows a pointer to a human: the empty pointer (the whole document) reads as "/" would be ambiguous, so name it. */
export function displayPointer(pointer: string): string {
  return pointer === "" ? "(root)" : pointer;
}
