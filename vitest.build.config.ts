import { defineConfig } from "vitest/config";

// Build tests: run the real build (offline), then audit what it made. One file at a time, in order.
export default defineConfig({
  test: {
    include: ["test/build/**/*.test.ts"],
    env: { TZ: "UTC" },
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
