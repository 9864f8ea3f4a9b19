import { defineConfig } from "vitest/config";

// Browser tests: headless Chromium against the built dist/ (run `npm run build` first; `npm test` does).
export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts"],
    env: { TZ: "UTC" },
    globalSetup: ["test/support/browser-setup.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
