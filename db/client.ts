import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzleNodePostgres } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "./schema";
import { copyDatabaseTemplate, isInitialisedDataFolder } from "./template";

export type Schema = typeof schema;
/** What the app sees: drizzle over Postgres, whichever driver is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export interface DatabaseHandle {
  db: Database;
  kind: "pglite" | "postgres";
  /** Where the data lives, for logs: a folder or a server (without password). */
  location: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A postgres:// URL; when absent, the embedded PGlite is used. */
  databaseUrl?: string;
  /** Folder for the embedded database; "memory://" keeps it in memory (tests). */
  dataDir: string;
  /** Told when the server drops an idle connection (restart, failover); the pool reconnects. */
  onConnectionError?: (error: Error) => void;
}

export function createDatabase({ databaseUrl, dataDir, onConnectionError }: DatabaseOptions): DatabaseHandle {
  if (databaseUrl) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
    // Without a listener, an idle connection closed by the server would crash the process.
    pool.on("error", (error) => {
      if (onConnectionError) onConnectionError(error);
      else console.warn(`PostgreSQL dropped an idle connection: ${error.message}`);
    });
    const url = new URL(databaseUrl);
    url.password = "";
    return {
      db: drizzleNodePostgres(pool, { schema }) as unknown as Database,
      kind: "postgres",
      location: url.toString(),
      close: () => pool.end(),
    };
  }
  const folder = dataDir === "memory://" ? dataDir : path.resolve(dataDir, "pglite");
  if (folder !== "memory://") mkdirSync(folder, { recursive: true });
  // PGlite's default shared_buffers (128 MB) doubles the server's memory; a learning site's
  // working set is far smaller, and the OS page cache still holds the data files.
  // A fresh folder starts from the build's migrated template when there is one (db/template.ts).
  if (folder !== "memory://" && !isInitialisedDataFolder(folder)) copyDatabaseTemplate(folder);
  const client = new PGlite(folder, { postgresqlconf: ["shared_buffers = 16MB"] });
  return {
    db: drizzlePglite(client, { schema }) as unknown as Database,
    kind: "pglite",
    location: folder,
    close: () => client.close(),
  };
}
