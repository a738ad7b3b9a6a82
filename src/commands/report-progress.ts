/**
 * What a long run tells its caller as it goes (GenerateOptions.onProgress, UpdateOptions.onProgress). The library
 * only reports; the CLI decides whether and how to show it (src/cli/show-progress.ts).
 */
export type ProgressEvent =
  /**
   * A stage begins: of generation, or `diff` (update comparing the vendored specs with the new ones). `events` is the
   * package's event count once the specs are normalized.
   */
  | { readonly stage: "diff" | "load" | "normalize" | "synthesize" | "emit" | "type-check" | "write" | "check"; readonly events?: number }
  /** `update` downloading a spec: bytes so far, and the total when the server declares it. */
  | { readonly stage: "download"; readonly source: string; readonly received: number; readonly total?: number };

export type OnProgress = (event: ProgressEvent) => void;
