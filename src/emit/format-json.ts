/**
 * Prettier's output for JSON text that is already in `JSON.stringify(value, null, 2)` form, computed directly: about
 * fifty times faster than prettier on the megabytes of fixture files a large spec gives, and byte-identical to
 * prettier 3 with format-files' options (printWidth 120, parser "json"). The rules it reproduces, all of them
 * prettier's:
 *
 * - a non-empty object is always expanded, one property per line (objectWrap "preserve": JSON.stringify puts a newline
 *   after every `{`), so is every array or object that contains one;
 * - an array of more than one element whose elements are all objects, or all arrays, each of more than one entry, is
 *   expanded;
 * - any other array stays on one line (`[a, b]`) when it fits in the print width together with the `,` that follows
 *   it, else one element per line; an array of numbers only is filled, as many numbers per line as fit;
 * - strings and keys are kept as written; numbers too (JSON.stringify's forms are already prettier's); no trailing
 *   commas.
 *
 * Anything outside what it knows for sure returns `undefined`, and the caller formats with prettier instead: text not
 * in JSON.stringify's exact form (another layout, duplicate keys, `-0`...), a number with an exponent, and any
 * character outside printable ASCII (prettier measures those by display width).
 */
const PRINT_WIDTH = 120;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

class Unsupported extends Error {}

export function formatJsonLikePrettier(text: string): string | undefined {
  // Printable ASCII and newlines only: then display width is string length.
  if (/[^\n\x20-\x7e]/.test(text)) return undefined;
  let value: Json;
  try {
    value = JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
  if (JSON.stringify(value, null, 2) + "\n" !== text) return undefined;
  try {
    return print(value, 0, 0, 0) + "\n";
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

function isObject(value: Json): value is { [key: string]: Json } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function scalar(value: Json): string {
  if (typeof value === "number") {
    const text = JSON.stringify(value);
    // JSON.stringify's exponent forms (1e+21) are not prettier's (1e21): leave them to prettier.
    if (!/^-?\d+(?:\.\d+)?$/.test(text)) throw new Unsupported();
    return text;
  }
  return JSON.stringify(value);
}

/** Entries of an object or array, for the "all objects / all arrays of more than one entry" rule. */
const entryCount = (value: Json): number => (Array.isArray(value) ? value.length : isObject(value) ? Object.keys(value).length : 0);

function mustExpand(array: Json[]): boolean {
  if (array.length <= 1) return false;
  const first = array[0] as Json;
  const kind = Array.isArray(first) ? "array" : isObject(first) ? "object" : undefined;
  if (kind === undefined) return false;
  return array.every((element) => (kind === "array" ? Array.isArray(element) : isObject(element)) && entryCount(element) > 1);
}

/** The value on one line, or undefined when prettier would never print it flat. */
function flat(value: Json): string | undefined {
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    if (mustExpand(value)) return undefined;
    const parts: string[] = [];
    for (const element of value) {
      const part = flat(element);
      if (part === undefined) return undefined;
      parts.push(part);
    }
    return `[${parts.join(", ")}]`;
  }
  if (isObject(value)) return Object.keys(value).length === 0 ? "{}" : undefined;
  return scalar(value);
}

const isNumberArray = (array: Json[]): boolean => array.length > 0 && array.every((element) => typeof element === "number");

/**
 * `value` printed starting at column `column`, its continuation lines indented by `indent` spaces; `trailing` is the
 * width of what follows it on its line (1 for a `,`, else 0).
 */
function print(value: Json, column: number, indent: number, trailing: number): string {
  if (value === null || typeof value !== "object") return scalar(value);
  // Empty brackets have no break point: prettier keeps them whole even past the print width.
  if (entryCount(value) === 0) return Array.isArray(value) ? "[]" : "{}";
  const oneLine = flat(value);
  if (oneLine !== undefined && column + oneLine.length + trailing <= PRINT_WIDTH) return oneLine;
  const inner = indent + 2;
  const pad = " ".repeat(inner);
  if (Array.isArray(value)) {
    if (isNumberArray(value)) {
      // fill: the next number joins the line when it fits there with its separator.
      const items = value.map((n, i) => scalar(n) + (i < value.length - 1 ? "," : ""));
      let out = `[\n${pad}${items[0]}`;
      let position = inner + (items[0] as string).length;
      for (const item of items.slice(1)) {
        if (position + 1 + item.length <= PRINT_WIDTH) {
          out += ` ${item}`;
          position += 1 + item.length;
        } else {
          out += `\n${pad}${item}`;
          position = inner + item.length;
        }
      }
      return `${out}\n${" ".repeat(indent)}]`;
    }
    const lines = value.map((element, i) => pad + print(element, inner, inner, i < value.length - 1 ? 1 : 0));
    return `[\n${lines.join(",\n")}\n${" ".repeat(indent)}]`;
  }
  const keys = Object.keys(value);
  const lines = keys.map((key, i) => {
    const head = `${JSON.stringify(key)}: `;
    return pad + head + print(value[key] as Json, inner + head.length, inner, i < keys.length - 1 ? 1 : 0);
  });
  return `{\n${lines.join(",\n")}\n${" ".repeat(indent)}}`;
}
