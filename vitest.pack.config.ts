import { defineConfig } from "vitest/config";

/**
 * `npm run test:pack`: packs the generator (prepack builds it) and the generated package, installs each tarball into
 * an empty project outside this checkout and runs it from there. npm installs take long on two cores.
 */
export default defineConfig({
  test: {
    include: ["test/pack/**/*.test.ts"],
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
