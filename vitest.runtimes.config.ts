import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/runtimes/**/*.test.ts"],
    // One file: the runtimes start one after another (each a cold start on a busy machine).
    testTimeout: 30_000,
    hookTimeout: 90_000,
  },
});
