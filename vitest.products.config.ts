import { defineConfig } from "vitest/config";

/** `npm run test:products`: packages of several specs end to end (generation, strict tsc, HTTP, bundling, CLI runs). */
export default defineConfig({
  test: {
    include: ["test/products/**/*.test.ts"],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
