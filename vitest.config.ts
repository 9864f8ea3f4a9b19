import { defineConfig } from "vitest/config";

// Unit tests: fast, no build, no browser.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/build/**", "test/browser/**", "node_modules/**"],
    env: { TZ: "UTC" },
    testTimeout: 30_000,
  },
});
