import { readFile, writeFile } from "node:fs/promises";
import { diffSpecs, bumpVersion, type SpecDiff } from "../diff/diff-specs.js";
import { CobrowseGenError, dedupeDiagnostics, type Diagnostic } from "../errors.js";
import { formatDiffJson, formatDiffMarkdown } from "../diff/render-diff.js";
import { buildPackage, checkUnsafePatterns } from "./generate.js";
import type { UnsafePatterns } from "../keywords/keyword.js";
import { decodeSpecText, loadSpec, loadSpecText } from "../load/load-spec.js";
import { normalizeSpec } from "../normalize/normalize-spec.js";
import { recordNames } from "../normalize/record-names.js";
import type { EmittedFile } from "../emit/emitted-file.js";
import { checkOutput, openOutput, readPreviousOutput, type OutputDrift } from "../write/write-output.js";

export interface UpdateOptions {
  /** An http(s) URL or a file path. */
  readonly source: string;
  /** The vendored spec to replace; default `specs/webhooks.json`. */
  readonly spec?: string;
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
}

export interface UpdateResult {
  readonly diff: SpecDiff;
  readonly previousVersion: string;
  readonly version: string;
  readonly changelogEntry: string;
  /** How the output folder changes (also in dry-run mode). */
  readonly drift: OutputDrift;
  readonly specChanged: boolean;
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
 * Downloads (or reads) the new spec's exact bytes: bounded in time and size, and refused unless it looks like JSON.
 * Bytes, not text: they are compared with the vendored spec and written as they came (a BOM included).
 */
export async function readSource(source: string, options: { timeoutMs?: number; maxBytes?: number } = {}): Promise<Buffer> {
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
      response = await fetch(source, { signal: controller.signal, redirect: "follow", headers: { accept: "application/json" } });
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
    // JSON's own whitespace, after a BOM; whether the rest is valid UTF-8 (and JSON) the loader says, with a position.
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    if (!/^[ \t\r\n]*[{[]/.test(bytes.subarray(start, start + 4096).toString("latin1"))) {
      throw fetchError(source, "The response is not JSON.", "Use the spec's download URL.");
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

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * `cobrowse-gen update`: fetch the new spec, diff it against the vendored one from the consumer's side, write it byte
 * for byte, regenerate with the package version bumped by semver, and prepend the diff to CHANGELOG.md. Nothing is
 * written until everything has been built, and the output folder is swapped in whole.
 */
export async function updateSpec(options: UpdateOptions): Promise<UpdateResult> {
  const specPath = options.spec ?? "specs/webhooks.json";
  const outDir = options.outDir ?? "generated";
  const unsafePatterns = checkUnsafePatterns(options.unsafePatterns, options.source);
  const patterns = unsafePatterns !== undefined ? { unsafePatterns } : {};
  const bytes = await readSource(options.source, options);
  const text = decodeSpecText(bytes, options.source);
  const loadedNext = await loadSpecText(text, options.source);
  // The lock covers the vendored spec too: the folder and the spec are replaced together, and a run killed between
  // the two is finished or undone by the next.
  const output = await openOutput(outDir, { spec: specPath, readOnly: options.dryRun === true, ...(options.onNote !== undefined ? { onNote: options.onNote } : {}) });
  try {
    const previous = await readPreviousOutput(outDir);
    // The names the package exports now (names.json, or as the vendored spec names them for an output from before
    // names.json), kept by the new spec and the regenerated package alike.
    const { model: current, warnings: currentWarnings } = normalizeSpec(await loadSpec(specPath), {
      ...patterns,
      ...(previous.names !== undefined ? { previousNames: previous.names } : {}),
    });
    const previousNames = recordNames(current);
    const next = normalizeSpec(loadedNext, { ...patterns, previousNames }).model;
    const diff = diffSpecs(current, next);
    const previousVersion = previous.version ?? current.packageVersion;
    // With no package version in the output yet, the bump starts from the vendored spec's, which may be 0.0.0 for want
    // of one.
    const versionWarnings = previous.version === undefined ? currentWarnings.filter((w) => w.code === "non-semver-version") : [];
    const specChanged = !(await readFile(specPath)).equals(bytes);
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
      spec: specPath,
      specText: text,
      outDir,
      packageVersion: version,
      ...(changelog !== undefined ? { changelog } : {}),
      ...patterns,
      previousNames,
    });
    const files: readonly EmittedFile[] = built.files;
    const warnings = dedupeDiagnostics([...previous.warnings, ...versionWarnings, ...built.warnings]);
    const drift = await checkOutput(outDir, files);
    if (options.dryRun) {
      return { diff, previousVersion, version, changelogEntry, drift, specChanged, written: false, warnings };
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

    // The spec's bytes exactly as they came, renamed into place in the same swap as the folder.
    await output.write(files, { specContents: bytes });
    return { diff, previousVersion, version, changelogEntry, drift, specChanged, written: true, warnings };
  } finally {
    await output.release();
  }
}
