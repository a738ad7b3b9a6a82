/**
 * A small JSON scanner, for what JSON.parse does not say: where text first goes wrong (V8's messages only sometimes
 * carry a position), and which keys an object has twice (JSON.parse silently keeps the last). No maintained parser
 * in the dependency tree reports both with offsets (js-yaml and yaml-ast-parser read YAML, whose rules differ, and stop at
 * the first duplicate); this one is the grammar of RFC 8259 and nothing else.
 */
import { joinPointer } from "../model/json-pointer.js";

export interface JsonSyntaxError {
  readonly offset: number;
  readonly message: string;
}

/** A key written twice in one object: the object's JSON pointer, the key, and the offset of each occurrence's quote. */
export interface DuplicateKey {
  readonly pointer: string;
  readonly key: string;
  readonly first: number;
  readonly second: number;
}

export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  return scanJson(text).error;
}

/**
 * Every key written twice in one object of valid JSON text, in text order (a key written three times is reported
 * for each repeat, against its first occurrence). Nesting too deep to scan ends the search.
 */
export function findDuplicateKeys(text: string): DuplicateKey[] {
  const duplicates: DuplicateKey[] = [];
  scanJson(text, duplicates);
  return duplicates;
}

/**
 * Where each value of valid JSON text is written, by JSON pointer: the offset of its key's quote for an object member
 * (where an editor should point for a wrong key or value), of the value itself for an array item and the document. For
 * errors found after parsing (a config's wrong value) to carry a line:column. A key written twice keeps its first.
 */
export function findJsonLocations(text: string): Map<string, number> {
  const locations = new Map<string, number>();
  scanJson(text, undefined, locations);
  return locations;
}

function scanJson(text: string, duplicates?: DuplicateKey[], locations?: Map<string, number>): { error?: JsonSyntaxError } {
  const track = duplicates !== undefined || locations !== undefined;
  let i = 0;
  const fail = (message: string): never => {
    throw { offset: i, message } satisfies JsonSyntaxError;
  };
  const describe = () => (i >= text.length ? "end of input" : JSON.stringify(text[i]));
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i] as string)) i++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(`Unexpected ${describe()}; expected a value`);
  };
  const string = () => {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail("Control character in string (escape it)");
      if (c === 0x5c) {
        i++;
        const e = text[i];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail("Invalid \\u escape");
          i += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else fail(`Invalid escape \\${e ?? ""}`);
      } else i++;
    }
    fail("Unterminated string");
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === "" || m[0] === "-") fail(`Unexpected ${describe()}; expected a value`);
    i += (m as RegExpExecArray)[0].length;
  };
  /** The key whose quote is at `start` and that ends before i, decoded (escapes included: "\u0061" is "a"). */
  const keyText = (start: number): string => {
    const raw = text.slice(start + 1, i - 1);
    return raw.includes("\\") ? (JSON.parse(text.slice(start, i)) as string) : raw;
  };
  const value = (pointer: string): void => {
    ws();
    if (locations !== undefined && !locations.has(pointer)) locations.set(pointer, i);
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") {
        i++;
        return;
      }
      const seen = track ? new Map<string, number>() : undefined;
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`Unexpected ${describe()}; expected a property name in double quotes`);
        const start = i;
        string();
        let child = pointer;
        if (seen !== undefined) {
          const key = keyText(start);
          const first = seen.get(key);
          if (first === undefined) seen.set(key, start);
          else duplicates?.push({ pointer, key, first, second: start });
          child = joinPointer(pointer, key);
          if (locations !== undefined && !locations.has(child)) locations.set(child, start);
        }
        ws();
        if (text[i] !== ":") fail(`Unexpected ${describe()}; expected ":"`);
        i++;
        value(child);
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return;
        }
        fail(`Unexpected ${describe()}; expected "," or "}"`);
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (let index = 0; ; index++) {
        value(track ? joinPointer(pointer, index) : pointer);
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") {
          i++;
          return;
        }
        fail(`Unexpected ${describe()}; expected "," or "]"`);
      }
    }
    if (c === '"') return string();
    if (c === "t") return literal("true");
    if (c === "f") return literal("false");
    if (c === "n") return literal("null");
    return number();
  };
  try {
    value("");
    ws();
    if (i < text.length) fail(`Unexpected ${describe()} after the JSON value`);
    return {};
  } catch (error) {
    if (typeof error === "object" && error !== null && "offset" in error) return { error: error as JsonSyntaxError };
    // Nesting deep enough to exhaust the stack: say so at the place the scanner had reached.
    if (error instanceof RangeError) return { error: { offset: i, message: "Nesting too deep to read" } };
    throw error;
  }
}
