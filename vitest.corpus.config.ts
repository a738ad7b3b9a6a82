import { defineConfig } from "vitest/config";

/** `npm run test:corpus`: the real Zoom specs and test/specs/other, whose packages are type-checked: too slow for `npm test` on two cores. */
export default defineConfig({
  test: {
    include: ["test/corpus/**/*.test.ts"],
    // A missing corpus is said up front, and fails the run unless ZOOM_CORPUS_OPTIONAL=1 (test/support/zoom-corpus.ts).
    globalSetup: ["test/corpus/report-corpus.ts"],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
