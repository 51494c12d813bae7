import path from "node:path";
import { defineConfig } from "vitest/config";

// Node loads graphql's CommonJS build for every package (graphql 16 has no "exports" map), while
// Vite would pick index.mjs for test code: two copies, and "another module or realm" errors.
// Pin test code to the same file Node uses.
const graphqlEntry = path.resolve(import.meta.dirname, "node_modules/graphql/index.js");

const databaseSuites = ["test/api/**/*.test.ts", "test/server/**/*.test.ts", "test/db/**/*.test.ts"];

export default defineConfig({
  resolve: { alias: { graphql: graphqlEntry } },
  test: {
    // Generous: several suites start real server and worker processes, which a loaded machine slows down.
    testTimeout: 240_000,
    hookTimeout: 180_000,
    pool: "forks",
    globalSetup: ["test/support/global-setup.ts"],
    reporters: ["default", "./test/support/summary-reporter.ts"],
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["test/extract/**/*.test.ts", "test/unit/**/*.test.ts"] },
      },
      {
        extends: true,
        test: { name: "embedded", include: databaseSuites, env: { NEWSGRAPH_TEST_DB: "embedded" } },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [{ extends: true as const, test: { name: "postgres", include: databaseSuites, env: { NEWSGRAPH_TEST_DB: "postgres" } } }]
        : []),
    ],
  },
});
