import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const fromRoot = (folder: string) => fileURLToPath(new URL(folder, import.meta.url));

export default defineConfig({
  resolve: {
    // The same aliases as tsconfig.json "paths".
    alias: {
      "~": fromRoot("./app"),
      "#db": fromRoot("./db"),
      "#search": fromRoot("./search"),
    },
  },
  test: {
    environment: "node",
    include: ["**/*.test.{ts,tsx}"],
    exclude: [
      "**/node_modules/**",
      "tests/e2e/**", // Playwright
      "build/**",
      "public/build/**",
      ".cache/**",
      "data/**",
    ],
    // Every test file gets its own freshly migrated database (tests/setup/db-setup.ts).
    globalSetup: ["./tests/setup/global-setup.ts"],
    setupFiles: ["./tests/setup/db-setup.ts"],
    env: { NODE_ENV: "test" },
    // Each file runs in its own process, so module state (the cached env) starts clean too.
    pool: "forks",
    // Migrating a fresh database, or creating one on PostgreSQL, takes a moment.
    hookTimeout: 30_000,
    testTimeout: 30_000,
  },
});
