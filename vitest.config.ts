import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/corpus/**", "test/hostile/**", "test/redis/**", "test/products/**", "test/pack/**", "test/runtimes/**", "**/node_modules/**"],
    // Contract tests run the TypeScript compiler and spawn the CLI: slow on 2 cores, not stuck.
    testTimeout: 120_000,
    // Vitest leaves one of two cores idle by default; most of these tests wait on child processes, so use both.
    maxWorkers: 2,
    hookTimeout: 120_000,
  },
});
