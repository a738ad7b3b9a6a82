import { ZOOM_CORPUS, ZOOM_CORPUS_OPTIONAL, ZOOM_CORPUS_PRESENT } from "../support/zoom-corpus.js";

/** globalSetup of vitest.corpus.config.ts: says, before any test runs, that the corpus is absent and what that means. */
export default function reportCorpus(): void {
  if (ZOOM_CORPUS_PRESENT) return;
  process.stderr.write(
    `\nwarning: the Zoom corpus is not at ${ZOOM_CORPUS}: its tests are skipped` +
      (ZOOM_CORPUS_OPTIONAL ? " (ZOOM_CORPUS_OPTIONAL=1).\n\n" : ", and test/corpus/zoom-corpus.test.ts fails (set ZOOM_CORPUS_OPTIONAL=1 to allow it).\n\n"),
  );
}
