import { remember } from "@epic-web/remember";
import { createDatabase, type DatabaseHandle } from "../../db/client";
import { getEnv } from "./env.server";

/**
 * One database per process. `remember` keeps it on globalThis, so the Remix build and the
 * HTTP server (which load this module separately) and dev reloads all share one PGlite.
 */
export function getDatabaseHandle(): DatabaseHandle {
  return remember("practica-db", () => {
    const env = getEnv();
    return createDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  });
}

export const db = new Proxy({} as DatabaseHandle["db"], {
  get(_target, property) {
    const database = getDatabaseHandle().db;
    const value = Reflect.get(database, property, database) as unknown;
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(database) : value;
  },
});
