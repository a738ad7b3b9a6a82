import { existsSync } from "node:fs";
import path from "node:path";
import { SHARED_SPECS } from "./helpers.js";

/**
 * The real Zoom webhook specs `npm run test:corpus` generates: ZOOM_CORPUS_DIR, else shared/specs/zoom beside the
 * repo. Without them the corpus tests skip, and test/corpus/zoom-corpus.test.ts fails the run unless
 * ZOOM_CORPUS_OPTIONAL=1 says that a run without them is meant (CI must not pass on a corpus it never read).
 */
export const ZOOM_CORPUS = process.env.ZOOM_CORPUS_DIR ? path.resolve(process.env.ZOOM_CORPUS_DIR) : path.join(SHARED_SPECS, "zoom");
export const ZOOM_CORPUS_PRESENT = existsSync(ZOOM_CORPUS);
export const ZOOM_CORPUS_OPTIONAL = process.env.ZOOM_CORPUS_OPTIONAL === "1";
