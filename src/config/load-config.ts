/**
 * `cobrowse-gen.config.json`: the specs of one package and the options of its runs, for a project that generates from
 * several specs (and refreshes each from its URL with `update`). Its JSON Schema, for editors, is
 * `cobrowse-gen.config.schema.json` at the package root; `test/config.test.ts` runs every case through both, so the
 * schema and this validator say the same.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { CobrowseGenError, type Diagnostic } from "../errors.js";
import type { UnsafePatterns } from "../keywords/keyword.js";
import { findDuplicateKeys, findJsonLocations, findJsonSyntaxError } from "../load/find-json-syntax-error.js";
import { lineColumn } from "../load/load-spec.js";
import { joinPointer } from "../model/json-pointer.js";
import { PRODUCT_NAME, isReservedProductName, toProductName } from "../model/naming.js";

export const CONFIG_FILE_NAME = "cobrowse-gen.config.json";

/** One spec of the package, as the config names it. */
export interface ConfigSpec {
  /** The spec file, absolute (the config's `file`, resolved against the config's folder). */
  readonly file: string;
  /** Where `update` downloads this spec from (http or https). */
  readonly url?: string;
  /** The product's subpath and name in the package, instead of the one made from the spec's title. */
  readonly name?: string;
  /** This entry's JSON pointer in the config (`/specs/1`), for errors about the spec that should point at the config. */
  readonly pointer: string;
}

/** A loaded config: checked, its paths absolute, its defaults filled. */
export interface Config {
  /** The config file, absolute. */
  readonly file: string;
  /** The config file's folder, which its relative paths are resolved against. */
  readonly dir: string;
  /** At least one; no file or name twice. */
  readonly specs: readonly ConfigSpec[];
  /** The output folder, absolute (default: `generated` in the config's folder). */
  readonly out: string;
  readonly packageName?: string;
  /** Default false. */
  readonly strict: boolean;
  /** Default "refuse", as the CLI's `--unsafe-patterns`. */
  readonly unsafePatterns: UnsafePatterns;
}

const TOP_KEYS = ["$schema", "//", "specs", "out", "packageName", "strict", "unsafePatterns"] as const;
const SPEC_KEYS = ["//", "file", "url", "name"] as const;
const UNSAFE_PATTERNS: readonly UnsafePatterns[] = ["refuse", "annotate"];
/**
 * npm's rules for a new package's name (validate-npm-package-name): at most 214 characters, lowercase, URL-safe, no
 * leading dot or underscore, none of ~'!()*, an optional `@scope/`. The schema's `packageName` has the same pattern.
 */
const NPM_NAME = /^(?:@[a-z0-9-][a-z0-9-._]*\/)?[a-z0-9-][a-z0-9-._]*$/;
const NPM_RESERVED = ["node_modules", "favicon.ico"];

/**
 * The config in `cwd`, if there is one. Only `cwd` itself: a config is never looked for in parent folders, so that a
 * CI job (or a run in a subfolder of another project) does not pick up some parent folder's config by accident and
 * write where that config says.
 */
export async function findConfig(cwd: string): Promise<string | undefined> {
  const file = path.resolve(cwd, CONFIG_FILE_NAME);
  try {
    return (await stat(file)).isFile() ? file : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "ENOTDIR") return undefined;
    throw error;
  }
}

/** Reads and checks a config; every problem found is one diagnostic of the CobrowseGenError thrown (code `invalid-config`). */
export async function loadConfig(configPath: string): Promise<Config> {
  const file = path.resolve(configPath);
  const dir = path.dirname(file);
  const fail = (message: string, hint: string, position?: { line: number; column: number }): never => {
    throw new CobrowseGenError({ code: "invalid-config", message, file: configPath, ...(position ? { position } : {}), hint });
  };
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return fail(`Cannot read the config file: ${code}.`, `Check the path of ${CONFIG_FILE_NAME}, or pass the spec files on the command line instead.`);
  }
  let text: string;
  try {
    // A BOM is what some Windows editors put first; it is not part of the JSON.
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return fail("The config file is not valid UTF-8.", "Save it as UTF-8.");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const found = findJsonSyntaxError(text) ?? { offset: text.length, message: (error as Error).message };
    return fail(`The config file is not valid JSON: ${found.message}.`, "Fix the JSON syntax at that position (comments are not JSON: write them as \"//\" keys).", lineColumn(text, found.offset));
  }
  const locations = findJsonLocations(text);
  const diagnostics: Diagnostic[] = [];
  const report = (pointer: string, message: string, hint: string) => {
    const offset = locations.get(pointer);
    diagnostics.push({ code: "invalid-config", message, file: configPath, pointer, ...(offset !== undefined ? { position: lineColumn(text, offset) } : {}), hint });
  };
  // JSON.parse keeps the last of a key written twice; which one the author meant is not ours to guess.
  for (const duplicate of findDuplicateKeys(text)) {
    diagnostics.push({
      code: "invalid-config",
      message: `The key ${JSON.stringify(duplicate.key)} is written twice in one object.`,
      file: configPath,
      pointer: joinPointer(duplicate.pointer, duplicate.key),
      position: lineColumn(text, duplicate.second),
      hint: "Keep one of them.",
    });
  }
  const config = checkShape(value, report);
  if (config !== undefined && diagnostics.length === 0) await checkSpecs(config, dir, report);
  if (diagnostics.length > 0) throw new CobrowseGenError(diagnostics);
  const checked = config as RawConfig;
  return {
    file,
    dir,
    specs: checked.specs.map((spec, index) => ({
      file: path.resolve(dir, spec.file),
      ...(spec.url !== undefined ? { url: spec.url } : {}),
      ...(spec.name !== undefined ? { name: spec.name } : {}),
      pointer: joinPointer("/specs", index),
    })),
    out: path.resolve(dir, checked.out ?? "generated"),
    ...(checked.packageName !== undefined ? { packageName: checked.packageName } : {}),
    strict: checked.strict ?? false,
    unsafePatterns: checked.unsafePatterns ?? "refuse",
  };
}

interface RawConfig {
  readonly specs: readonly { readonly file: string; readonly url?: string; readonly name?: string }[];
  readonly out?: string;
  readonly packageName?: string;
  readonly strict?: boolean;
  readonly unsafePatterns?: UnsafePatterns;
}

type Report = (pointer: string, message: string, hint: string) => void;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const own = (object: Record<string, unknown>, key: string) => Object.prototype.hasOwnProperty.call(object, key);
const describe = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)}`);

/** The structure the schema describes; the config when it has it (else undefined, with every problem reported). */
function checkShape(value: unknown, report: Report): RawConfig | undefined {
  const before = { count: 0 };
  const counted: Report = (...args) => {
    before.count++;
    report(...args);
  };
  if (!isObject(value)) {
    counted("", `The config must be a JSON object, not ${describe(value)}.`, `Write { "specs": [{ "file": "specs/webhooks.json" }] }.`);
    return undefined;
  }
  checkKeys(value, "", TOP_KEYS, "the config", counted);
  checkComment(value, "", counted);
  if (own(value, "$schema") && typeof value.$schema !== "string") {
    counted("/$schema", `"$schema" must be a string, not ${describe(value.$schema)}.`, `Write "$schema": "./node_modules/cobrowse-gen/cobrowse-gen.config.schema.json", or leave it out.`);
  }
  if (!own(value, "specs")) {
    counted("", `The config has no "specs".`, `Add "specs": [{ "file": "specs/webhooks.json" }], one entry per spec file of the package.`);
  } else if (!Array.isArray(value.specs) || value.specs.length === 0) {
    counted("/specs", `"specs" must be a non-empty array of spec entries, not ${Array.isArray(value.specs) ? "an empty array" : describe(value.specs)}.`, `Write "specs": [{ "file": "specs/webhooks.json" }], one entry per spec file of the package.`);
  } else {
    value.specs.forEach((entry: unknown, index: number) => checkSpecEntry(entry, joinPointer("/specs", index), counted));
  }
  if (own(value, "out") && (typeof value.out !== "string" || value.out === "")) {
    counted("/out", `"out" must be a folder path, not ${describe(value.out)}.`, `Write "out": "generated" (relative to the config's folder), or leave it out for that default.`);
  }
  if (own(value, "packageName")) checkPackageName(value.packageName, counted);
  if (own(value, "strict") && typeof value.strict !== "boolean") {
    counted("/strict", `"strict" must be true or false, not ${describe(value.strict)}.`, `Write "strict": true to fail on the vendor's spec defects, or leave it out (false).`);
  }
  if (own(value, "unsafePatterns") && !UNSAFE_PATTERNS.includes(value.unsafePatterns as UnsafePatterns)) {
    counted("/unsafePatterns", `"unsafePatterns" must be "refuse" or "annotate", not ${describe(value.unsafePatterns)}.`, `Write "unsafePatterns": "refuse" (the default) or "annotate", as --unsafe-patterns.`);
  }
  return before.count === 0 ? (value as unknown as RawConfig) : undefined;
}

function checkSpecEntry(entry: unknown, pointer: string, report: Report): void {
  if (!isObject(entry)) {
    report(pointer, `A spec entry must be an object, not ${describe(entry)}.`, `Write { "file": ${typeof entry === "string" ? JSON.stringify(entry) : `"specs/webhooks.json"`} }.`);
    return;
  }
  checkKeys(entry, pointer, SPEC_KEYS, "a spec entry", report);
  checkComment(entry, pointer, report);
  if (!own(entry, "file")) {
    report(pointer, `The spec entry has no "file".`, `Add "file": "specs/<product>.json", the spec's path relative to the config's folder.`);
  } else if (typeof entry.file !== "string" || entry.file === "") {
    report(joinPointer(pointer, "file"), `"file" must be the spec's path, not ${describe(entry.file)}.`, `Write "file": "specs/<product>.json", relative to the config's folder or absolute.`);
  }
  if (own(entry, "url") && (typeof entry.url !== "string" || !isHttpUrl(entry.url))) {
    report(joinPointer(pointer, "url"), `"url" must be an http or https URL, not ${describe(entry.url)}.`, `Write the URL \`update\` downloads the spec from, e.g. "https://developers.zoom.us/api-hub/cobrowse-sdk/events/webhooks.json", or leave it out.`);
  }
  if (own(entry, "name") && (typeof entry.name !== "string" || !PRODUCT_NAME.test(entry.name))) {
    const suggestion = typeof entry.name === "string" ? toProductName(entry.name) : "";
    report(
      joinPointer(pointer, "name"),
      `"name" must be lowercase kebab-case (a-z, 0-9 and single dashes, starting with a letter), not ${describe(entry.name)}.`,
      suggestion !== "" ? `Write "name": ${JSON.stringify(suggestion)}.` : `Write a name such as "video-sdk", or leave it out for the one made from the spec's title.`,
    );
  }
  if (own(entry, "name") && typeof entry.name === "string" && PRODUCT_NAME.test(entry.name) && isReservedProductName(entry.name)) {
    report(
      joinPointer(pointer, "name"),
      `"name" ${JSON.stringify(entry.name)} is one of the generated package's own folders or subpaths.`,
      `Choose another name, e.g. "${entry.name}-events".`,
    );
  }
}

function checkPackageName(name: unknown, report: Report): void {
  let problem: string | undefined;
  if (typeof name !== "string") problem = `not ${describe(name)}`;
  else if (name.length === 0 || name.length > 214) problem = "1 to 214 characters";
  else if (NPM_RESERVED.includes(name)) problem = `not ${JSON.stringify(name)}, which npm reserves`;
  else if (!NPM_NAME.test(name)) problem = `lowercase letters, digits and - . _ (not first: . or _), with an optional @scope/, not ${JSON.stringify(name)}`;
  if (problem !== undefined) {
    report("/packageName", `"packageName" must be an npm package name: ${problem}.`, `Write a name such as "zoom-webhooks" or "@acme/zoom-webhooks", or leave it out for the one made from the spec's title.`);
  }
}

/** `//` is a comment, as in package.json: a string or a list of strings, ignored. */
function checkComment(object: Record<string, unknown>, pointer: string, report: Report): void {
  const comment = object["//"];
  if (!own(object, "//") || typeof comment === "string" || (Array.isArray(comment) && comment.every((line) => typeof line === "string"))) return;
  report(joinPointer(pointer, "//"), `A "//" comment must be a string or an array of strings, not ${describe(comment)}.`, "Write the comment as text.");
}

function checkKeys(object: Record<string, unknown>, pointer: string, known: readonly string[], what: string, report: Report): void {
  for (const key of Object.keys(object)) {
    if (known.includes(key)) continue;
    const close = closestKey(key, known);
    report(
      joinPointer(pointer, key),
      `Unknown key ${JSON.stringify(key)} in ${what}.`,
      close !== undefined ? `Did you mean ${JSON.stringify(close)}?` : `The keys of ${what} are ${known.map((k) => JSON.stringify(k)).join(", ")}.`,
    );
  }
}

/** The known key a typo most likely meant: the same but for case, dashes and underscores, or a few edits away. */
function closestKey(key: string, known: readonly string[]): string | undefined {
  const fold = (text: string) => text.toLowerCase().replace(/[-_\s]/g, "");
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    if (candidate === "//") continue;
    const [k, c] = [fold(key), fold(candidate)];
    // `outDir` for `out`, `spec` for `specs`: one is the other with a few letters more.
    const distance = k === c ? 0 : c.length >= 3 && (k.startsWith(c) || c.startsWith(k)) && k.length >= 3 ? 1 : editDistance(k, c);
    if (distance <= Math.max(1, Math.min(3, Math.floor(candidate.length / 3))) && (best === undefined || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key;
}

/** Edits (insert, delete, replace, swap two neighbours) between two strings: `nmae` is one from `name`. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** As the schema's pattern `^https?://` with `format: uri`: the scheme as written, and a URL that parses with a host. */
function isHttpUrl(text: string): boolean {
  if (!/^https?:\/\/[^\s]/.test(text) || /\s/.test(text)) return false;
  try {
    return new URL(text).host !== "";
  } catch {
    return false;
  }
}

/** What the schema cannot say: each file exists, and no file or name is given twice. */
async function checkSpecs(config: RawConfig, dir: string, report: Report): Promise<void> {
  const files = new Map<string, number>();
  const names = new Map<string, number>();
  for (const [index, spec] of config.specs.entries()) {
    const pointer = joinPointer("/specs", index);
    const file = path.resolve(dir, spec.file);
    const sameFile = files.get(file);
    if (sameFile !== undefined) {
      report(joinPointer(pointer, "file"), `The spec file ${spec.file} is already /specs/${sameFile}/file (both are ${file}).`, "Remove one of the two entries: a spec is generated once.");
    } else {
      files.set(file, index);
      try {
        if (!(await stat(file)).isFile()) report(joinPointer(pointer, "file"), `The spec file ${spec.file} is a folder, not a file.`, `Name the spec's JSON file (relative to ${dir}).`);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        report(
          joinPointer(pointer, "file"),
          code === "ENOENT" || code === "ENOTDIR" ? `The spec file ${spec.file} does not exist (looked for ${file}).` : `Cannot read the spec file ${spec.file}: ${code ?? (error as Error).message}.`,
          `Fix the path: a relative "file" is resolved against the config's folder (${dir}), not the working directory.`,
        );
      }
    }
    if (spec.name !== undefined) {
      const sameName = names.get(spec.name);
      if (sameName !== undefined) report(joinPointer(pointer, "name"), `The name ${JSON.stringify(spec.name)} is already /specs/${sameName}/name.`, "Give each spec its own name: it is the product's subpath in the package.");
      else names.set(spec.name, index);
    }
  }
}
