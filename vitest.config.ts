import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// Five projects: unit (domain rules, no server), contract (the app against Shopify's published
// schema, payloads and CLI), integration (the built server over HTTP, run once per database by
// scripts/test-all.mjs), deploy (the production Dockerfile) and browser (Chromium through
// playwright-core).
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    setupFiles: ["tests/support/setupEnv.ts"],
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts", "app/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        // The app against what Shopify publishes: Admin schema and scopes, webhook payloads, its CLI.
        test: { name: "contract", include: ["tests/contract/**/*.test.ts"], environment: "node", testTimeout: 120_000, hookTimeout: 120_000 },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        // The production Dockerfile carried out step by step (npm ci, build, the image's CMD).
        test: { name: "deploy", include: ["tests/deploy/**/*.test.ts"], environment: "node", testTimeout: 180_000, hookTimeout: 900_000 },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["tests/browser/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
