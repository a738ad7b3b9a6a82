import { defineConfig } from "vitest/config";

/** `npm run test:hostile`: the hostile-spec corpus, one CLI run per spec (too slow for `npm test` on two cores). */
export default defineConfig({
  test: {
    include: ["test/hostile/**/*.test.ts"],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
