import { readFile } from "node:fs/promises";
import SwaggerParser from "@apidevtools/swagger-parser";
import { CobrowseGenError, type Diagnostic } from "../errors.js";
import { displayPointer, joinPointer, parsePointer, resolvePointer } from "../model/json-pointer.js";
import { findDuplicateKeys, findJsonSyntaxError } from "./find-json-syntax-error.js";
import { isYamlSpec, parseYaml } from "./parse-yaml.js";
import { applyDocumentRules } from "../normalize/rules/index.js";

type JsonObject = Record<string, unknown>;

/** One webhook as found in the file: its name, where it is, and its (dereferenced) path item. */
export interface LoadedWebhook {
  readonly name: string;
  /**
   * Where the webhook lives in the file: `/webhooks/<name>`, `/paths/<name>` in the docs-page form, or
   * `/x-webhooks/<name>` (the 3.0 extension). A webhook that is a `$ref` (to `#/components/pathItems/...`) is still
   * here; what it points to is found through `sourcePointer`.
   */
  readonly pointer: string;
  readonly pathItem: unknown;
}

export interface LoadedSpec {
  /** The spec file as the user named it; used in every diagnostic. */
  readonly file: string;
  readonly shape: "webhooks" | "docs-page";
  readonly info: JsonObject;
  /** The document's `servers`, as written: whose hosts they name tells a Zoom spec from another vendor's. */
  readonly servers?: unknown;
  readonly webhooks: readonly LoadedWebhook[];
  /** Vendor defects found by strict OpenAPI 3.1 validation: reported, never fatal unless `--strict`. */
  readonly warnings: readonly Diagnostic[];
  /**
   * Resolves a local `$ref` (`#/...`) against the document. Dereferencing leaves recursive refs in place; the
   * normalizer expands them itself, one level per ref, so that only the point of recursion is left unchecked.
   */
  readonly resolveRef?: (ref: string) => unknown;
  /**
   * Where a (dereferenced) schema object is written in the file: for a schema reached through a `$ref`, the place the
   * ref points to. `undefined` for objects made after loading.
   */
  readonly sourcePointer?: (node: object) => string | undefined;
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Reads a Zoom webhook spec. Accepts the two shapes Zoom publishes: the OpenAPI 3.1 `webhooks` map (the download), and
 * the docs-page form where event names are keys under `paths`. Both are brought to one canonical form before anything
 * else looks at them, so they generate identical output.
 */
export async function loadSpec(file: string): Promise<LoadedSpec> {
  return loadSpecText(await readSpecText(file), file);
}

/**
 * loadSpec on text already in hand (a download); `file` names it in diagnostics. YAML (a `.yaml`/`.yml` name, or text
 * that does not start like JSON) is read into the very value its JSON form parses to, so both generate the same bytes.
 */
export async function loadSpecText(text: string, file: string): Promise<LoadedSpec> {
  const { document, warnings: keyWarnings } = isYamlSpec(text, file)
    ? parseYaml(text, file)
    : { document: parseJson(text, file), warnings: duplicateKeyWarnings(text, file) };
  checkOpenApiVersion(document, file);
  const { webhooks, shape, warnings: mapWarnings } = collectWebhooks(document, file);
  const ruleWarnings: Diagnostic[] = [];
  applyDocumentRules(document, { file, warnings: ruleWarnings });
  checkRefs(document, file);

  // The canonical document: events under `webhooks`, and `paths` keeping only real paths (OpenAPI wants them to start
  // with "/"). Refs are left as written, so a ref into `#/paths/...` still resolves against `resolvable`.
  const realPaths = isObject(document.paths)
    ? Object.fromEntries(Object.entries(document.paths).filter(([key]) => key.startsWith("/")))
    : undefined;
  const canonical: JsonObject = { ...document, webhooks: Object.fromEntries(webhooks.map((w) => [w.name, w.item])) };
  if (realPaths && Object.keys(realPaths).length > 0) canonical.paths = realPaths;
  else delete canonical.paths;

  const pointerOf = new Map(webhooks.map((w) => [w.name, w.pointer]));
  const warnings = [...keyWarnings, ...mapWarnings, ...ruleWarnings, ...(await validateOpenApi(canonical, file, pointerOf))];

  const resolvable: JsonObject = { ...document, webhooks: canonical.webhooks };
  // dereference mutates its input: give it a deep copy, never the parsed document.
  const copy = structuredClone(resolvable);
  // Dereferencing puts the very object a $ref points to in place of the ref: where each object is written in the file
  // is recorded before, so that a schema shared through components is known by its one place, not by each use.
  const sources = recordSourcePointers(copy, webhooks);
  recordSourcePointers(resolvable, webhooks, sources);
  let dereferenced: JsonObject;
  try {
    dereferenced = (await SwaggerParser.dereference(copy as never, {
      dereference: { circular: "ignore" },
    })) as unknown as JsonObject;
  } catch (error) {
    if (error instanceof RangeError) throw error; // too deep: reported by buildPackage
    throw new CobrowseGenError({
      code: "dereference",
      message: `Could not resolve the spec's $refs: ${(error as Error).message}`,
      file,
      pointer: "",
      hint: "Make every $ref point to an existing local JSON pointer (#/...).",
    });
  }
  const derefWebhooks = dereferenced.webhooks as JsonObject;
  return {
    file,
    shape,
    info: isObject(document.info) ? document.info : {},
    ...(document.servers !== undefined ? { servers: document.servers } : {}),
    webhooks: webhooks.map((w) => ({ name: w.name, pointer: w.pointer, pathItem: derefWebhooks[w.name] })),
    warnings,
    resolveRef: (ref) => resolveLocalRef(resolvable, ref),
    sourcePointer: (node) => sources.get(node),
  };
}

/**
 * Where every object of the document is written in the user's file (the first place it is met, events first: an
 * object reachable twice is one written once and shared), keyed by the object itself.
 */
function recordSourcePointers(document: JsonObject, webhooks: readonly { name: string; pointer: string }[], into = new WeakMap<object, string>()): WeakMap<object, string> {
  const roots: [unknown, string][] = [
    ...webhooks.map((w): [unknown, string] => [(document.webhooks as JsonObject)[w.name], w.pointer]),
    ...Object.keys(document)
      .filter((key) => key !== "webhooks")
      .map((key): [unknown, string] => [document[key], joinPointer("", key)]),
  ];
  for (const root of roots) {
    const stack: [unknown, string][] = [root];
    while (stack.length > 0) {
      const [node, pointer] = stack.pop()!;
      if (typeof node !== "object" || node === null || into.has(node)) continue;
      into.set(node, pointer);
      const entries: [string | number, unknown][] = Array.isArray(node) ? node.map((child, index) => [index, child]) : Object.entries(node);
      for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i]![1], joinPointer(pointer, entries[i]![0])]);
    }
  }
  return into;
}

function resolveLocalRef(document: JsonObject, ref: string): unknown {
  if (!ref.startsWith("#")) return undefined;
  let node: unknown = document;
  for (const raw of ref.slice(1).split("/").slice(1)) {
    let token: string;
    try {
      token = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    } catch {
      return undefined;
    }
    if (typeof node !== "object" || node === null || !Object.prototype.hasOwnProperty.call(node, token)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

async function readSpecText(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (error as Error).message;
    throw new CobrowseGenError({
      code: "read-spec",
      message: `Cannot read the spec file (${reason}).`,
      file,
      hint: "Pass the path of Zoom's webhooks.json, e.g. `npx cobrowse-gen specs/webhooks.json`.",
    });
  }
  return decodeSpecText(bytes, file);
}

/**
 * A spec file's bytes as text. JSON is UTF-8 (RFC 8259): a leading BOM is accepted and skipped, and bytes that are not
 * UTF-8 are refused at their line:column and byte offset, never turned into U+FFFD (which would generate, and vendor,
 * text the spec does not hold).
 */
export function decodeSpecText(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const before = new TextDecoder("utf-8").decode(bytes.subarray(0, offset));
    const shown = Array.from(bytes.subarray(offset, offset + 4), (b) => b.toString(16).padStart(2, "0")).join(" ");
    throw new CobrowseGenError({
      code: "invalid-utf8",
      message: `The spec is not valid UTF-8: the bytes at offset ${offset} (${shown}) are not a UTF-8 character.`,
      file,
      position: lineColumn(before, before.length),
      hint: "Save the file as UTF-8 (JSON must be UTF-8); if it is a download, fetch it again, and check that nothing re-encoded it (e.g. as Latin-1 or UTF-16).",
    });
  }
}

/** Where the first ill-formed sequence starts (the Unicode standard's table 3-7: no overlongs, surrogates or > U+10FFFF). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] as number;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return i;
    }
    i += length;
  }
  return bytes.length;
}

/** Parses JSON and turns a syntax error into file:line:column. */
export function parseJson(text: string, file: string): JsonObject {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    const found = findJsonSyntaxError(source) ?? { offset: source.length, message: (error as Error).message };
    throw new CobrowseGenError({
      code: "invalid-json",
      message: `The spec is not valid JSON: ${found.message}.`,
      file,
      position: lineColumn(source, found.offset),
      hint: "Fix the JSON syntax at that position (Zoom's spec download is plain JSON).",
    });
  }
  if (!isObject(value)) {
    throw new CobrowseGenError({
      code: "not-openapi",
      message: `The spec must be a JSON object, found ${Array.isArray(value) ? "an array" : typeof value}.`,
      file,
      pointer: "",
      hint: "Pass an OpenAPI 3.1 document with a `webhooks` map.",
    });
  }
  return value;
}

/**
 * A key written twice in one object: JSON.parse keeps the last without a word, so a second definition of an event or
 * a property silently replaces the first. Each is reported with the place of both.
 */
export function duplicateKeyWarnings(text: string, file: string): Diagnostic[] {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const duplicates = findDuplicateKeys(source);
  if (duplicates.length === 0) return [];
  // Line starts once, then a binary search per place: a spec of many duplicates must not rescan the text for each.
  const lineStarts = [0];
  for (let i = source.indexOf("\n"); i !== -1; i = source.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const position = (offset: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low]! + 1 };
  };
  return duplicates.map(({ pointer, key, first, second }) => {
    const at = (offset: number) => {
      const { line, column } = position(offset);
      return `${file}:${line}:${column}`;
    };
    const where = displayPointer(pointer);
    const what = pointer === "/webhooks" ? `The event ${JSON.stringify(key)} is defined twice in \`webhooks\`` : `The key ${JSON.stringify(key)} is written twice in the object at ${where}`;
    return {
      code: "duplicate-key",
      message: `${what} (at ${at(first)} and ${at(second)}); JSON keeps only the second, so the first is ignored.`,
      file,
      position: position(second),
      hint: "Remove one of the two, or merge them into one.",
    };
  });
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

function checkOpenApiVersion(document: JsonObject, file: string): void {
  const version = document.openapi;
  if (typeof version === "string" && /^3\.1\.\d+/.test(version)) return;
  const found =
    typeof version === "string"
      ? `OpenAPI ${version}`
      : document.swagger !== undefined
        ? `Swagger ${String(document.swagger)}`
        : "no `openapi` field";
  throw new CobrowseGenError({
    code: "not-openapi",
    message: `The spec is not an OpenAPI 3.1 document (${found}).`,
    file,
    pointer: typeof version === "string" ? "/openapi" : "",
    hint: 'Zoom publishes its webhook specs as OpenAPI 3.1 (`"openapi": "3.1.0"` with a `webhooks` map); pass that file.',
  });
}

interface FoundWebhook {
  name: string;
  pointer: string;
  item: unknown;
}

function collectWebhooks(
  document: JsonObject,
  file: string,
): { webhooks: FoundWebhook[]; shape: LoadedSpec["shape"]; warnings: Diagnostic[] } {
  const warnings: Diagnostic[] = [];
  // OpenAPI 3.1 requires one of the three; a document with none is no OpenAPI document at all (an `x-webhooks` map,
  // the 3.0 extension, is read below, so it counts).
  if (document.paths === undefined && document.webhooks === undefined && document.components === undefined && document["x-webhooks"] === undefined) {
    throw new CobrowseGenError({
      code: "invalid-openapi",
      message: "The spec is not a valid OpenAPI 3.1 document: it has none of `paths`, `webhooks` and `components` (OpenAPI 3.1 requires at least one), so there are no webhooks to generate.",
      file,
      pointer: "",
      hint: "Pass an OpenAPI 3.1 document whose `webhooks` map defines the events, e.g. { \"webhooks\": { \"newPet\": { \"post\": { \"requestBody\": ... } } } }.",
    });
  }
  const map = chooseWebhooksMap(document, file, warnings);
  const found = new Map<string, FoundWebhook>();
  if (map !== undefined && !isObject(map.value)) {
    throw new CobrowseGenError({
      code: "no-webhooks",
      message: `\`${map.key}\` must be an object mapping event names to path items.`,
      file,
      pointer: joinPointer("", map.key),
    });
  }
  // Any key is an event name here, one starting with "/" too: only under `paths` does "/" mean an API path.
  for (const [name, item] of Object.entries((map?.value as JsonObject | undefined) ?? {})) {
    found.set(name, { name, pointer: joinPointer("", map!.key, name), item });
  }
  let docsPage = false;
  if (isObject(document.paths)) {
    for (const [name, item] of Object.entries(document.paths)) {
      // A real path starts with "/"; Zoom's docs pages put event names there instead. `x-` keys are extensions.
      if (name.startsWith("/") || name.startsWith("x-")) continue;
      const pointer = joinPointer("/paths", name);
      const other = found.get(name);
      if (other) {
        throw new CobrowseGenError({
          code: "duplicate-event",
          message: `The event "${name}" is defined twice (also at ${other.pointer}).`,
          file,
          pointer,
          hint: "Keep one definition of each event.",
        });
      }
      found.set(name, { name, pointer, item });
      docsPage = true;
    }
  }
  if (found.size === 0) {
    const why =
      map !== undefined
        ? `\`${map.key}\` is empty${isObject(document.paths) ? " and `paths` has no event names" : ""}`
        : isObject(document.paths)
          ? "there is no `webhooks` map, and `paths` has only API paths (starting with \"/\"), no event names"
          : "there is no `webhooks` map";
    throw new CobrowseGenError({
      code: "no-webhooks",
      message: `Nothing to generate: the spec defines no webhooks (${why}).`,
      file,
      pointer: map !== undefined ? joinPointer("", map.key) : "",
      hint: "Pass an OpenAPI 3.1 document with a `webhooks` map of events (e.g. Zoom's webhooks.json).",
    });
  }
  return { webhooks: [...found.values()], shape: docsPage && map === undefined ? "docs-page" : "webhooks", warnings };
}

/**
 * Where the events are: OpenAPI 3.1's `webhooks`, else `x-webhooks` (the extension 3.0 tools used before 3.1 had
 * `webhooks`), read as if it were `webhooks`, with a warning. With both, `webhooks` is the standard's and wins; the
 * extension is ignored, said only when it defines something else (a copy kept for 3.0 tools is no news).
 */
function chooseWebhooksMap(document: JsonObject, file: string, warnings: Diagnostic[]): { key: "webhooks" | "x-webhooks"; value: unknown } | undefined {
  const extension = document["x-webhooks"];
  if (document.webhooks !== undefined) {
    if (extension !== undefined && !isDeepEqual(extension, document.webhooks)) {
      warnings.push({
        code: "x-webhooks-ignored",
        message: "The spec has both `webhooks` and `x-webhooks`, and they differ: only `webhooks` (OpenAPI 3.1's own) is read; `x-webhooks` is ignored.",
        file,
        pointer: "/x-webhooks",
        hint: "Move what `x-webhooks` defines into `webhooks`, or remove `x-webhooks`.",
      });
    }
    return { key: "webhooks", value: document.webhooks };
  }
  if (extension === undefined) return undefined;
  warnings.push({
    code: "x-webhooks-read",
    message: "The spec has `x-webhooks` (an OpenAPI 3.0 extension) and no `webhooks`: its events are read as `webhooks`.",
    file,
    pointer: "/x-webhooks",
    hint: "Rename `x-webhooks` to `webhooks`, the OpenAPI 3.1 field.",
  });
  return { key: "x-webhooks", value: extension };
}

/** JSON equality, key order aside. */
function isDeepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((item, index) => isDeepEqual(item, (b as unknown[])[index]));
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && isDeepEqual((a as JsonObject)[key], (b as JsonObject)[key]));
}

/** Every `$ref` must be local and resolve; swagger-parser's own message does not say where the bad ref is. */
function checkRefs(document: JsonObject, file: string): void {
  const problems: Diagnostic[] = [];
  // An explicit stack, not recursion: a pathologically deep spec must not overflow the call stack.
  const stack: [unknown, string][] = [[document, ""]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [node, pointer] = top;
    if (Array.isArray(node)) {
      for (let index = node.length - 1; index >= 0; index--) stack.push([node[index], joinPointer(pointer, index)]);
      continue;
    }
    if (!isObject(node)) continue;
    const ref = node.$ref;
    if (typeof ref === "string") {
      const refPointer = joinPointer(pointer, "$ref");
      if (!ref.startsWith("#")) {
        problems.push({
          code: "external-ref",
          message: `External $ref ${JSON.stringify(ref)} is not supported.`,
          file,
          pointer: refPointer,
          hint: "Bundle the spec into one file (local refs like #/components/schemas/X only).",
        });
      } else if (!refResolves(document, ref)) {
        problems.push({
          code: "broken-ref",
          message: `$ref ${JSON.stringify(ref)} does not resolve: nothing exists at ${ref.slice(1) || "(root)"}.`,
          file,
          pointer: refPointer,
          hint: "Point the $ref at an existing schema, or inline the schema it meant.",
        });
      }
    }
    const entries = Object.entries(node);
    for (let index = entries.length - 1; index >= 0; index--) {
      const [key, child] = entries[index] as [string, unknown];
      stack.push([child, joinPointer(pointer, key)]);
    }
  }
  if (problems.length > 0) throw new CobrowseGenError(problems);
}

function refResolves(document: JsonObject, ref: string): boolean {
  let pointer: string;
  try {
    pointer = decodeURIComponent(ref.slice(1));
    parsePointer(pointer);
  } catch {
    return false;
  }
  return resolvePointer(document, pointer) !== undefined;
}

interface AjvDetail {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/**
 * Strict OpenAPI 3.1 validation. Zoom's specs fail it (e.g. every `responses.200` lacks `description`), yet are usable:
 * each finding becomes a warning at its pointer in the user's file, reported once.
 */
async function validateOpenApi(
  canonical: JsonObject,
  file: string,
  pointerOf: ReadonlyMap<string, string>,
): Promise<Diagnostic[]> {
  try {
    await SwaggerParser.validate(structuredClone(canonical) as never, { dereference: { circular: "ignore" } });
    return [];
  } catch (error) {
    if (error instanceof RangeError) throw error; // too deep: reported by buildPackage
    const details = (error as { details?: AjvDetail[] }).details;
    if (!Array.isArray(details)) {
      return [{ code: "openapi-spec", message: `OpenAPI validation: ${(error as Error).message}`, file, pointer: "" }];
    }
    const seen = new Set<string>();
    const warnings: Diagnostic[] = [];
    for (const detail of details) {
      // "must match else schema" only echoes the real error one level down.
      if (detail.keyword === "if") continue;
      const pointer = toSourcePointer(detail.instancePath ?? "", pointerOf);
      const message = describeAjvDetail(detail);
      const key = `${pointer}\u0000${message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      warnings.push({
        code: "openapi-schema",
        message: `Vendor defect (fails OpenAPI 3.1 validation): ${message}.`,
        file,
        pointer,
        hint:
          detail.keyword === "required" && detail.params?.missingProperty === "description"
            ? "Harmless for code generation (Zoom's specs omit it); add a `description` to the response to pass strict validation."
            : "Report it to the spec's publisher; pass --strict to treat such defects as errors.",
      });
    }
    return warnings;
  }
}

function describeAjvDetail(detail: AjvDetail): string {
  const params = detail.params ?? {};
  if (detail.keyword === "required") return `missing required property "${String(params.missingProperty)}"`;
  if (detail.keyword === "additionalProperties" || detail.keyword === "unevaluatedProperties") {
    const key = params.additionalProperty ?? params.unevaluatedProperty;
    return `unexpected property "${String(key)}"`;
  }
  return detail.message ?? String(detail.keyword);
}

/** Maps a pointer into the canonical document back to the same place in the user's file. */
function toSourcePointer(pointer: string, pointerOf: ReadonlyMap<string, string>): string {
  const tokens = parsePointer(pointer);
  if (tokens[0] === "webhooks" && tokens[1] !== undefined) {
    const base = pointerOf.get(tokens[1]);
    if (base) return joinPointer(base, ...tokens.slice(2));
  }
  return pointer;
}
