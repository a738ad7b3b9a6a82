import { displayPointer } from "./model/json-pointer.js";

/** A finding about the input spec: where it is (file + JSON pointer or line:column), what is wrong, and how to fix it. */
export interface Diagnostic {
  /** Stable machine-readable id, e.g. `openapi-schema`, `invalid-example`. */
  readonly code: string;
  readonly message: string;
  /** The spec file as the user named it. */
  readonly file: string;
  /** RFC 6901 pointer into the spec, when the finding has one. */
  readonly pointer?: string;
  /** `line:column` in the file, for syntax errors. */
  readonly position?: { readonly line: number; readonly column: number };
  readonly hint?: string;
}

export function formatLocation(d: Pick<Diagnostic, "file" | "pointer" | "position">): string {
  if (d.position) return `${d.file}:${d.position.line}:${d.position.column}`;
  if (d.pointer !== undefined) return `${d.file}#${displayPointer(d.pointer)}`;
  return d.file;
}

export function formatDiagnostic(severity: "warning" | "error", d: Diagnostic): string {
  let text = `${severity}: ${d.message}\n  at ${formatLocation(d)}`;
  if (d.hint) text += `\n  fix: ${d.hint}`;
  return text;
}

/** The first of each diagnostic said twice (a shared schema is normalized at each use; it is written once). */
export function dedupeDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}\u0000${d.pointer ?? ""}\u0000${d.code}\u0000${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Every failure the library reports on purpose is one of these; anything else is a bug in cobrowse-gen. */
export class CobrowseGenError extends Error {
  override readonly name: string = "CobrowseGenError";
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: Diagnostic | readonly Diagnostic[]) {
    const list = Array.isArray(diagnostics) ? (diagnostics as readonly Diagnostic[]) : [diagnostics as Diagnostic];
    super(list.map((d) => formatDiagnostic("error", d)).join("\n"));
    this.diagnostics = list;
  }
}

/** Raised by `--strict` when the spec has vendor defects that would otherwise be warnings. */
export class StrictModeError extends CobrowseGenError {
  override readonly name = "StrictModeError";
}
