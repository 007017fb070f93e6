/**
 * Runs before every test file: gives the file a database of its own, migrated, and removes
 * it afterwards. Never a mock: the app's real drizzle queries run against
 *  - a private in-memory PGlite (default), restored from the migrated snapshot made by
 *    tests/setup/global-setup.ts and opened only when the file first touches the database, or
 *  - a fresh database created on the PostgreSQL server named by TEST_DATABASE_URL.
 *
 * The app reads its configuration once (getEnv) and keeps one database handle on globalThis
 * (getDatabaseHandle, via `remember`), so both are reset here before any test touches them.
 */
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { afterAll, beforeAll, inject } from "vitest";
import type { Database, DatabaseHandle } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import * as schema from "../../db/schema";
import { closeDatabaseHandle, getDatabaseHandle, setDatabaseHandle } from "~/utils/db.server";
import { resetEnvCache } from "~/utils/env.server";
import {
  createTestDatabase,
  dropTestDatabase,
  newTestDatabaseName,
  withDatabaseName,
} from "./test-database";

const serverUrl = process.env.TEST_DATABASE_URL || undefined;
const databaseName = serverUrl ? newTestDatabaseName() : undefined;

// Set before the test file imports app modules, so whatever reads the env sees these values.
process.env.DATA_DIR = "memory://";
if (serverUrl && databaseName) {
  process.env.DATABASE_URL = withDatabaseName(serverUrl, databaseName);
} else {
  // A developer's own DATABASE_URL must never receive test data.
  delete process.env.DATABASE_URL;
}
// Tests see the documented defaults and never deliver real mail, whatever the shell has.
delete process.env.SMTP_URL;
delete process.env.RATE_LIMIT_FACTOR;
delete process.env.SEED_DEMO;
// Tests that touch the search engine get the embedded one, never a developer's Meilisearch.
delete process.env.MEILI_HOST;
delete process.env.MEILI_API_KEY;
resetEnvCache();
// A handle left by an earlier file in this worker (only possible with isolate: false).
await closeDatabaseHandle();

/**
 * An in-memory PGlite restored from the snapshot, created on first use: files that never
 * touch the database (env, password, schema tests) pay nothing. PGlite queues queries until
 * it is ready, so a synchronous getter is enough.
 */
function lazySnapshotHandle(snapshotPath: string): DatabaseHandle {
  const snapshot = new Blob([readFileSync(snapshotPath)], { type: "application/x-gzip" });
  let client: PGlite | undefined;
  let database: Database | undefined;
  return {
    kind: "pglite",
    location: "memory://",
    get db() {
      if (!database) {
        client = new PGlite({ loadDataDir: snapshot });
        database = drizzle(client, { schema }) as unknown as Database;
      }
      return database;
    },
    close: async () => {
      await client?.close();
    },
  };
}

const snapshotPath = serverUrl ? undefined : inject("pgliteSnapshotPath");

if (snapshotPath) {
  setDatabaseHandle(lazySnapshotHandle(snapshotPath));
} else {
  // PostgreSQL, or a run without the global setup: create and migrate the database here.
  beforeAll(async () => {
    if (serverUrl && databaseName) await createTestDatabase(serverUrl, databaseName);
    await migrateDatabase(getDatabaseHandle());
  });
}

afterAll(async () => {
  await closeDatabaseHandle();
  if (serverUrl && databaseName) await dropTestDatabase(serverUrl, databaseName);
});
