import { describe, expect, it } from "vitest";
import { ZOOM_CORPUS, ZOOM_CORPUS_OPTIONAL, ZOOM_CORPUS_PRESENT } from "../support/zoom-corpus.js";

/**
 * The other corpus files skip their tests when the corpus is absent; this one makes the absence a failure, so that a
 * run that read no spec of the corpus (CI with a missing checkout of shared/, a mistyped ZOOM_CORPUS_DIR) does not pass.
 * ZOOM_CORPUS_OPTIONAL=1 is the explicit "I know": then this test is skipped too, and the setup prints a warning.
 */
describe("the Zoom corpus", () => {
  it.skipIf(!ZOOM_CORPUS_PRESENT && ZOOM_CORPUS_OPTIONAL)(`is at ${ZOOM_CORPUS} (ZOOM_CORPUS_DIR; ZOOM_CORPUS_OPTIONAL=1 allows a run without it)`, () => {
    expect(
      ZOOM_CORPUS_PRESENT,
      `The Zoom corpus is not at ${ZOOM_CORPUS}, so its tests were skipped. Check out the shared specs beside the repo, point ZOOM_CORPUS_DIR at them, or set ZOOM_CORPUS_OPTIONAL=1 to run without them knowingly.`,
    ).toBe(true);
  });
});
