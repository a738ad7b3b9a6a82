import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/corpus/**", "test/hostile/**", "**/node_modules/**"],
    // Contract tests run the TypeScript compiler and spawn the CLI: slow on 2 cores, not stuck.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
