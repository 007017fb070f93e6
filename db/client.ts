import { fsyncSync, mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { NodeFS } from "@electric-sql/pglite/nodefs";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzleNodePostgres } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "./schema";
import { lockDataFolder } from "./data-lock";
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
  if (dataDir === "memory://") {
    const client = new PGlite(dataDir, { postgresqlconf: ["shared_buffers = 16MB"] });
    return {
      db: drizzlePglite(client, { schema }) as unknown as Database,
      kind: "pglite",
      location: dataDir,
      close: () => client.close(),
    };
  }
  mkdirSync(dataDir, { recursive: true });
  // Before anything in the folder is read or written: one process at a time (db/data-lock.ts).
  const lock = lockDataFolder(dataDir);
  const folder = path.resolve(dataDir, "pglite");
  try {
    // A fresh folder starts from the build's migrated template when there is one (db/template.ts).
    if (!isInitialisedDataFolder(folder)) copyDatabaseTemplate(folder);
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    lock.release();
    throw error;
  }
  const client = openDurablePglite(folder);
  return {
    db: drizzlePglite(client, { schema }) as unknown as Database,
    kind: "pglite",
    location: folder,
    close: async () => {
      try {
        await client.close();
      } finally {
        lock.release();
      }
    },
  };
}

type EmscriptenOptions = Parameters<NodeFS["init"]>[1];
type PostgresModule = Parameters<NonNullable<EmscriptenOptions["preRun"]>[number]>[0];

/** Emscripten's errno for EIO: what fsync() returns to PostgreSQL when the disk refuses. */
const EMSCRIPTEN_EIO = 29;

/**
 * PGlite's node filesystem (Emscripten's NODEFS) writes through to the real files but has no
 * fsync, and PGlite starts PostgreSQL with fsync off (-F): a commit reaches the kernel's page
 * cache, which survives the process being killed but not the machine losing power. This one
 * gives NODEFS a real fsync, so a commit returns once its WAL is on disk.
 */
class DurableNodeFS extends NodeFS {
  override async init(pg: PGlite, options: EmscriptenOptions) {
    const { emscriptenOpts } = await super.init(pg, options);
    const giveNodefsAnFsync = (mod: PostgresModule) => {
      const streamOps = (mod.NODEFS as unknown as { stream_ops: Record<string, unknown> }).stream_ops;
      streamOps.fsync = (stream: { nfd?: number }) => {
        if (stream.nfd === undefined) return 0;
        try {
          fsyncSync(stream.nfd);
          return 0;
        } catch {
          return EMSCRIPTEN_EIO;
        }
      };
    };
    return { emscriptenOpts: { ...emscriptenOpts, preRun: [...(emscriptenOpts.preRun ?? []), giveNodefsAnFsync] } };
  }
}

/** PGlite's own start parameters, without "-F" (fsync off). */
export function durableStartParams(): string[] {
  const defaults = (PGlite as unknown as { defaultStartParams?: unknown }).defaultStartParams;
  if (!Array.isArray(defaults) || !defaults.includes("-F"))
    throw new Error("PGlite's start parameters have changed: check that commits are still synced (db/client.ts)");
  return [
    ...defaults.filter((parameter): parameter is string => typeof parameter === "string" && parameter !== "-F"),
    // fdatasync is a no-op in Emscripten; fsync reaches DurableNodeFS.
    "-c",
    "wal_sync_method=fsync",
  ];
}

/**
 * PGlite on a folder, with commits synced to disk; `loadDataDir` fills an empty folder from a
 * backup (db/backup.ts). PGlite's default shared_buffers (128 MB)
 * doubles the server's memory; a learning site's working set is far smaller, and the OS page
 * cache still holds the data files.
 */
export function openDurablePglite(folder: string, options: { loadDataDir?: Blob } = {}): PGlite {
  return new PGlite({
    ...options,
    fs: new DurableNodeFS(folder),
    startParams: durableStartParams(),
    postgresqlconf: ["shared_buffers = 16MB"],
  });
}
