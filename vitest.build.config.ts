import { defineConfig } from "vitest/config";

// Build tests: the global setup runs the real build (offline, from clean); the tests audit what it made.
export default defineConfig({
  test: {
    include: ["test/build/**/*.test.ts"],
    env: { TZ: "UTC" },
    globalSetup: ["test/build/setup.ts"],
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
