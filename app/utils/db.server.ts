import { forget, remember } from "@epic-web/remember";
import { createDatabase, type DatabaseHandle } from "../../db/client";
import { getEnv } from "./env.server";
import { logger } from "./logger.server";

const HANDLE_KEY = "practica-db";

/**
 * One database per process. `remember` keeps it on globalThis, so the Remix build and the
 * HTTP server (which load this module separately) and dev reloads all share one PGlite.
 */
export function getDatabaseHandle(): DatabaseHandle {
  return remember(HANDLE_KEY, () => {
    const env = getEnv();
    return createDatabase({
      databaseUrl: env.DATABASE_URL,
      dataDir: env.DATA_DIR,
      onConnectionError: (error) => logger.warn({ err: error.message }, "database connection dropped"),
    });
  });
}

/**
 * Closes the shared database, if one is open, and forgets it: the next getDatabaseHandle()
 * opens a new one from the environment as it is then. Added for tests, which give every test
 * file its own database; the remembered handle lives on globalThis and would otherwise leak
 * from one file into the next whenever a worker runs several files.
 */
export async function closeDatabaseHandle(): Promise<void> {
  // `remember` has no "peek": asking with a factory that yields undefined reads without opening.
  const handle = remember<DatabaseHandle | undefined>(HANDLE_KEY, () => undefined);
  forget(HANDLE_KEY);
  await handle?.close();
}

/** For tests: makes `handle` the shared database, e.g. one restored from a migrated snapshot. */
export function setDatabaseHandle(handle: DatabaseHandle): void {
  forget(HANDLE_KEY);
  remember(HANDLE_KEY, () => handle);
}

export const db = new Proxy({} as DatabaseHandle["db"], {
  get(_target, property) {
    const database = getDatabaseHandle().db;
    const value = Reflect.get(database, property, database) as unknown;
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(database) : value;
  },
});
