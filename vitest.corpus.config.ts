import { defineConfig } from "vitest/config";

/** `npm run test:corpus`: the real Zoom specs, too slow for `npm test` on two cores. */
export default defineConfig({
  test: {
    include: ["test/corpus/**/*.test.ts"],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
