import { defineConfig } from "vitest/config";

/**
 * `npm run test:redis`: redisStore and the delivery scenarios against a real redis-server (started per file by
 * test/support/redis-server.ts); several receiver processes per scenario, so the files run one at a time.
 */
export default defineConfig({
  test: {
    include: ["test/redis/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
