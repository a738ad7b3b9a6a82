import type { ReceiverKind } from "../model/model.js";
import { readFile, writeFile } from "node:fs/promises";
import { diffSpecs, bumpVersion, type SpecDiff } from "../diff/diff-specs.js";
import { CobrowseGenError, dedupeDiagnostics, type Diagnostic } from "../errors.js";
import { formatDiffJson, formatDiffMarkdown } from "../diff/render-diff.js";
import { buildPackage, checkUnsafePatterns } from "./generate.js";
import type { UnsafePatterns } from "../keywords/keyword.js";
import { decodeSpecText, loadSpec, loadSpecText } from "../load/load-spec.js";
import { normalizeSpecs } from "../normalize/normalize-spec.js";
import type { LoadedSpec } from "../load/load-spec.js";
import { recordNames } from "../normalize/record-names.js";
import type { EmittedFile } from "../emit/emitted-file.js";
import { checkOutput, openOutput, readPreviousOutput, type OutputDrift } from "../write/write-output.js";
import type { OnProgress } from "./report-progress.js";

/** One spec of a package of several (a config's entry), and where to refresh it from. */
export interface UpdateSpecSource {
  /** The vendored spec file. */
  readonly file: string;
  /** The product's name (as in GenerateOptions.specs). */
  readonly name?: string;
  /** An http(s) URL or a file to refresh this spec from; without one the spec stays as it is. */
  readonly source?: string;
}

export interface UpdateOptions {
  /** An http(s) URL or a file path. With `specs`, give each entry's `source` instead. */
  readonly source?: string;
  /** The vendored spec to replace; default `specs/webhooks.json`. */
  readonly spec?: string;
  /**
   * The specs of a package of several: those with a `source` are refreshed, all are regenerated together, with one
   * diff over the package, one changelog entry and one version bump. Instead of `source` and `spec`.
   */
  readonly specs?: readonly UpdateSpecSource[];
  /** npm name of the package (GenerateOptions.packageName). */
  readonly packageName?: string;
  readonly outDir?: string;
  /** Show what would change; write nothing. */
  readonly dryRun?: boolean;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  /** Today's date for the changelog entry (YYYY-MM-DD); default the current UTC date. */
  readonly date?: string;
  /** Also write the diff here (not in dry-run mode), before anything else is written. */
  readonly reports?: { readonly markdown?: string; readonly json?: string };
  /** Told when a stale lock is taken over and an interrupted run's leftovers are restored or removed. */
  readonly onNote?: (note: string) => void;
  /** As for generate (GenerateOptions.unsafePatterns): applies to the new spec, and to the vendored one it is compared with. */
  readonly unsafePatterns?: UnsafePatterns;
  /** Told of each download's bytes as they arrive, then of generation's stages (GenerateOptions.onProgress). */
  readonly onProgress?: OnProgress;
  /** As for generate (GenerateOptions.receiver): the package's receiver, which update does not read from the package. */
  readonly receiver?: ReceiverKind;
  /** As for generate (GenerateOptions.eventProperty). */
  readonly eventProperty?: string;
}

export interface UpdateResult {
  readonly diff: SpecDiff;
  readonly previousVersion: string;
  readonly version: string;
  readonly changelogEntry: string;
  /** How the output folder changes (also in dry-run mode). */
  readonly drift: OutputDrift;
  /** Whether the bytes of any refreshed spec changed. */
  readonly specChanged: boolean;
  /** The vendored spec files whose bytes change (or would, in dry-run mode). */
  readonly specsChanged: readonly string[];
  readonly written: boolean;
  /**
   * The warnings of generating from the new spec (an annotated or slow pattern among them), and why the version bumped
   * from is not the output's own (the vendored spec's info.version was not semver: 0.0.0).
   */
  readonly warnings: readonly Diagnostic[];
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

function fetchError(source: string, message: string, hint: string): CobrowseGenError {
  return new CobrowseGenError({ code: "fetch-spec", message, file: source, hint });
}

/**
 * Downloads (or reads) the new spec's exact bytes: bounded in time and size, and refused if it is markup, not JSON or YAML.
 * Bytes, not text: they are compared with the vendored spec and written as they came (a BOM included).
 */
export async function readSource(source: string, options: { timeoutMs?: number; maxBytes?: number; onProgress?: OnProgress } = {}): Promise<Buffer> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!/^https?:\/\//i.test(source)) {
    try {
      return await readFile(source);
    } catch (error) {
      throw fetchError(source, `Cannot read ${source}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`, "Pass an http(s) URL or an existing file.");
    }
  }
  const controller = new AbortController();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let response: Response;
    try {
      response = await fetch(source, { signal: controller.signal, redirect: "follow", headers: { accept: "application/json, application/yaml;q=0.9, text/yaml;q=0.8" } });
    } catch (error) {
      const reason = controller.signal.aborted ? `no answer within ${timeoutMs} ms` : String((error as Error & { cause?: Error }).cause?.message ?? (error as Error).message);
      throw fetchError(source, `Could not download the spec: ${reason}.`, "Check the URL and the network, or pass --timeout with more time.");
    }
    if (!response.ok) {
      throw fetchError(source, `Could not download the spec: HTTP ${response.status} ${response.statusText}.`, "Check the URL: Zoom's spec is at /api-hub/<product>/events/webhooks.json.");
    }
    const type = response.headers.get("content-type") ?? "";
    if (/text\/html/i.test(type)) {
      throw fetchError(source, `The URL returned an HTML page (${type}), not the JSON spec.`, "Use the spec's download URL, not the docs page.");
    }
    const declared = Number(response.headers.get("content-length") ?? "NaN");
    if (declared > maxBytes) throw fetchError(source, `The spec is ${declared} bytes, over the ${maxBytes}-byte limit.`, "Raise --max-bytes if the spec really is that large.");
    const reader = response.body?.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    // A compressed body's declared length is not the length of the bytes counted here.
    const encoded = !/^(identity)?$/i.test(response.headers.get("content-encoding") ?? "");
    const total = Number.isNaN(declared) || encoded ? {} : { total: declared };
    options.onProgress?.({ stage: "download", source, received: 0, ...total });
    try {
      for (;;) {
        const chunk = await reader?.read();
        if (chunk === undefined || chunk.done) break;
        size += chunk.value.length;
        if (size > maxBytes) {
          await reader?.cancel();
          throw fetchError(source, `The spec is over the ${maxBytes}-byte limit.`, "Raise --max-bytes if the spec really is that large.");
        }
        chunks.push(chunk.value);
        options.onProgress?.({ stage: "download", source, received: size, ...total });
      }
    } catch (error) {
      if (error instanceof CobrowseGenError) throw error;
      const reason = controller.signal.aborted ? `no complete answer within ${timeoutMs} ms` : "the connection broke before the body was complete";
      throw fetchError(source, `Could not download the spec: ${reason}.`, "Try again; nothing was written.");
    }
    // A compressed response declares its compressed length; fetch hands over the decompressed bytes.
    const encoding = (response.headers.get("content-encoding") ?? "identity").toLowerCase();
    if (!Number.isNaN(declared) && (encoding === "identity" || encoding === "") && size !== declared) {
      throw fetchError(source, `The download is truncated: ${size} of ${declared} bytes.`, "Try again; nothing was written.");
    }
    const bytes = Buffer.concat(chunks);
    // A spec is JSON or YAML, neither of which starts with "<" (after a BOM and whitespace): markup is a page (a login,
    // an error) served without text/html. Whether the rest is valid UTF-8, JSON or YAML the loader says, with a position.
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    if (/^[ \t\r\n]*</.test(bytes.subarray(start, start + 4096).toString("latin1"))) {
      throw fetchError(source, "The response is markup (HTML or XML), not a JSON or YAML spec.", "Use the spec's download URL.");
    }
    return bytes;
  } finally {
    clearTimeout(timer);
  }
}

const CHANGELOG_HEADER = "# Changelog\n\n<!-- Written by cobrowse-gen update, newest first: each entry is the consumer-side diff of the spec. -->\n\n";

/** The newest entry goes first, under the header. */
export function prependEntry(changelog: string | undefined, entry: string): string {
  const rest = changelog === undefined ? "" : changelog.startsWith("# Changelog") ? changelog.slice(changelog.indexOf("\n## ") + 1 || changelog.length) : changelog;
  return CHANGELOG_HEADER + entry + (rest === "" ? "" : "\n" + rest);
}

/** The specs of an update: `specs`, or the one `spec` refreshed from `source`. */
function updateEntries(options: UpdateOptions): UpdateSpecSource[] {
  if (options.specs !== undefined) {
    if (options.source !== undefined || options.spec !== undefined) throw new TypeError("Pass either specs, or source and spec.");
    if (options.specs.length === 0) throw new TypeError("specs must name at least one spec.");
    if (!options.specs.some((e) => e.source !== undefined)) {
      throw new CobrowseGenError({
        code: "nothing-to-update",
        message: "None of the specs has a URL to refresh it from.",
        file: options.specs.map((e) => e.file).join(", "),
        hint: 'Give the specs a "url" in cobrowse-gen.config.json, or pass the new spec: cobrowse-gen update <url-or-file> --spec <file>.',
      });
    }
    return [...options.specs];
  }
  if (options.source === undefined) throw new TypeError("Pass the new spec's source (a URL or a file).");
  return [{ file: options.spec ?? "specs/webhooks.json", source: options.source }];
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * `cobrowse-gen update`: fetch the new spec, diff it against the vendored one from the consumer's side, write it byte
 * for byte, regenerate with the package version bumped by semver, and prepend the diff to CHANGELOG.md. Nothing is
 * written until everything has been built, and the output folder is swapped in whole.
 */
export async function updateSpec(options: UpdateOptions): Promise<UpdateResult> {
  const entries = updateEntries(options);
  const outDir = options.outDir ?? "generated";
  const refreshed = entries.filter((e): e is UpdateSpecSource & { source: string } => e.source !== undefined);
  const unsafePatterns = checkUnsafePatterns(options.unsafePatterns, refreshed.map((e) => e.source).join(", "));
  // The options that shape the model: the same for the vendored spec, the new one and the package built from it.
  const patterns = {
    ...(unsafePatterns !== undefined ? { unsafePatterns } : {}),
    ...(options.receiver !== undefined ? { receiver: options.receiver } : {}),
    ...(options.eventProperty !== undefined ? { eventProperty: options.eventProperty } : {}),
  };
  const packageName = options.packageName !== undefined ? { packageName: options.packageName } : {};
  const downloads = new Map<string, { bytes: Buffer; text: string; loaded: Awaited<ReturnType<typeof loadSpecText>> }>();
  for (const entry of refreshed) {
    const bytes = await readSource(entry.source, options);
    const text = decodeSpecText(bytes, entry.source);
    downloads.set(entry.file, { bytes, text, loaded: await loadSpecText(text, entry.source) });
  }
  // The lock covers the vendored specs too: the folder and the specs are replaced together, and a run killed between
  // them is finished or undone by the next.
  const output = await openOutput(outDir, {
    specs: refreshed.map((e) => e.file),
    readOnly: options.dryRun === true,
    ...(options.onNote !== undefined ? { onNote: options.onNote } : {}),
  });
  try {
    const previous = await readPreviousOutput(outDir);
    const vendored = await Promise.all(entries.map((e) => loadSpec(e.file)));
    // The old and new specs are normalized and compared before the package is built.
    options.onProgress?.({ stage: "diff" });
    const inputs = (specs: readonly LoadedSpec[]) => specs.map((spec, i) => ({ spec, ...(entries[i]!.name !== undefined ? { name: entries[i]!.name } : {}) }));
    // The names the package exports now (names.json, or as the vendored specs name them for an output from before
    // names.json), kept by the new specs and the regenerated package alike.
    const { model: current, warnings: currentWarnings } = normalizeSpecs(inputs(vendored), {
      ...patterns,
      ...packageName,
      ...(previous.names !== undefined ? { previousNames: previous.names } : {}),
    });
    const previousNames = recordNames(current);
    const next = normalizeSpecs(inputs(entries.map((e, i) => downloads.get(e.file)?.loaded ?? vendored[i]!)), { ...patterns, ...packageName, previousNames }).model;
    const diff = diffSpecs(current, next);
    const specsChanged: string[] = [];
    for (const [file, download] of downloads) if (!(await readFile(file)).equals(download.bytes)) specsChanged.push(file);
    const specChanged = specsChanged.length > 0;
    const previousVersion = previous.version ?? current.packageVersion;
    // With no package version in the output yet, the bump starts from the vendored spec's, which may be 0.0.0 for want
    // of one.
    const versionWarnings = previous.version === undefined ? currentWarnings.filter((w) => w.code === "non-semver-version") : [];
    // A spec whose bytes changed in ways no event shows (formatting, servers, responses, a BOM) still gets a patch
    // release.
    const bump = diff.summary.bump === "none" && specChanged ? "patch" : diff.summary.bump;
    const version = bumpVersion(previousVersion, bump);
    const changelogEntry =
      bump === "none"
        ? ""
        : `## ${version} (${options.date ?? today()})\n\n${formatDiffMarkdown(diff).replace(/^### /, "#### ")}\n`;
    const changelog = changelogEntry === "" ? previous.changelog : prependEntry(previous.changelog, changelogEntry);
    const built = await buildPackage({
      specs: entries.map((e) => ({ file: e.file, ...(e.name !== undefined ? { name: e.name } : {}), ...(downloads.has(e.file) ? { text: downloads.get(e.file)!.text } : {}) })),
      ...packageName,
      outDir,
      packageVersion: version,
      ...(changelog !== undefined ? { changelog } : {}),
      ...patterns,
      previousNames,
      ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
    });
    const files: readonly EmittedFile[] = built.files;
    const warnings = dedupeDiagnostics([...previous.warnings, ...versionWarnings, ...built.warnings]);
    const drift = await checkOutput(outDir, files);
    if (options.dryRun) {
      return { diff, previousVersion, version, changelogEntry, drift, specChanged, specsChanged, written: false, warnings };
    }

    // Reports first: if one cannot be written, nothing else has been either.
    for (const [file, contents] of [
      [options.reports?.markdown, formatDiffMarkdown(diff)],
      [options.reports?.json, formatDiffJson(diff)],
    ] as const) {
      if (file === undefined) continue;
      try {
        await writeFile(file, contents);
      } catch (error) {
        throw new CobrowseGenError({
          code: "write-report",
          message: `Cannot write the report: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
          file,
          hint: "Pass a report path in an existing, writable folder.",
        });
      }
    }

    // The specs' bytes exactly as they came, renamed into place in the same swap as the folder.
    options.onProgress?.({ stage: "write", events: built.model.events.length });
    await output.write(files, { specContents: [...downloads].map(([path, d]) => ({ path, contents: d.bytes })) });
    return { diff, previousVersion, version, changelogEntry, drift, specChanged, specsChanged, written: true, warnings };
  } finally {
    await output.release();
  }
}
