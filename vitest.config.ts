import { defineConfig } from "vitest/config";

// Two projects: "unit" needs nothing but Node; "db" holds every suite that touches a database
// and runs twice in CI (PGlite, then PostgreSQL via DATABASE_URL; see scripts/test.mjs).
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: "forks",
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["packages/core/src/**/*.test.ts", "packages/web/src/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["packages/web/src/e2e/**", "**/node_modules/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "db",
          include: ["packages/server/src/**/*.test.ts", "packages/cli/src/**/*.test.ts", "packages/web/src/e2e/**/*.test.ts"],
          globalSetup: ["scripts/build-for-tests.mjs", "packages/server/src/test/global-setup.ts"],
        },
      },
    ],
  },
});
