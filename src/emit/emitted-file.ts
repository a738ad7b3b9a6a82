/** What every emitter returns: a path relative to the output directory, and the file's text. */
export interface EmittedFile {
  readonly path: string;
  readonly contents: string;
}
