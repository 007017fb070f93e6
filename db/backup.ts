/**
 * Backup and restore of the embedded database: one gzipped tarball of its data folder, made by
 * PGlite itself (`dumpDataDir`), and loaded back into a fresh folder (`loadDataDir`). Both take
 * the data folder's lock (db/data-lock.ts), so they refuse to run beside a server using it.
 * PostgreSQL has its own tools (pg_dump, pg_restore); these are for the embedded default.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import type { PGlite } from "@electric-sql/pglite";
import { createDatabase, openDurablePglite } from "./client";
import { lockDataFolder } from "./data-lock";
import { isInitialisedDataFolder } from "./template-path";

export class BackupError extends Error {}

/** The first bytes of every gzip stream. */
const GZIP_MAGIC = [0x1f, 0x8b];

/** Writes the database in `dataDir` to `file` (a .tar.gz); returns its size in bytes. */
export async function backupDatabase(dataDir: string, file: string, options: { overwrite?: boolean } = {}): Promise<number> {
  if (!isInitialisedDataFolder(path.resolve(dataDir, "pglite")))
    throw new BackupError(`there is no database in ${dataDir} to back up`);
  if (existsSync(file) && !options.overwrite)
    throw new BackupError(`${file} exists already; choose another name, or add --force to replace it`);
  const handle = createDatabase({ dataDir });
  try {
    const client = (handle.db as unknown as { $client: PGlite }).$client;
    // Everything written so far goes into the data files, so the copy needs no WAL replay.
    await client.exec("checkpoint");
    const tarball = Buffer.from(await (await client.dumpDataDir("gzip")).arrayBuffer());
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    // Written beside the target and renamed: an interrupted backup never looks like a whole one.
    const partial = `${file}.partial`;
    writeFileSync(partial, tarball);
    renameSync(partial, file);
    return tarball.length;
  } finally {
    await handle.close();
  }
}

/**
 * Replaces the database in `dataDir` with the backup in `file`. A database already there is
 * replaced only with `replace`, and then moved aside (returned as `previous`), not deleted.
 */
export async function restoreDatabase(
  dataDir: string,
  file: string,
  options: { replace?: boolean } = {},
): Promise<{ previous: string | null }> {
  if (!existsSync(file)) throw new BackupError(`${file} does not exist`);
  const tarball = readFileSync(file);
  if (tarball[0] !== GZIP_MAGIC[0] || tarball[1] !== GZIP_MAGIC[1])
    throw new BackupError(`${file} is not a backup made by npm run db:backup (not a .tar.gz)`);
  mkdirSync(dataDir, { recursive: true });
  const lock = lockDataFolder(dataDir);
  try {
    const folder = path.resolve(dataDir, "pglite");
    const exists = isInitialisedDataFolder(folder);
    if (exists && !options.replace)
      throw new BackupError(
        `the database in ${dataDir} would be replaced by ${file}; add --force to do so (the current one is kept beside it)`,
      );
    // Loaded into a folder of its own, started once to check it opens, then put in place.
    const restoring = `${folder}.restoring`;
    rmSync(restoring, { recursive: true, force: true });
    mkdirSync(restoring, { recursive: true });
    const client = openDurablePglite(restoring, { loadDataDir: new Blob([tarball]) });
    try {
      await client.query("select 1");
    } catch (error) {
      rmSync(restoring, { recursive: true, force: true });
      throw new BackupError(`${file} could not be opened as a database: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      if (!client.closed) await client.close().catch(() => {});
    }
    let previous: string | null = null;
    if (existsSync(folder)) {
      previous = exists ? `${folder}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}` : null;
      if (previous) renameSync(folder, previous);
      else rmSync(folder, { recursive: true, force: true });
    }
    renameSync(restoring, folder);
    return { previous };
  } finally {
    lock.release();
  }
}

/** `npm run db:backup -- <file> [--force]` and `npm run db:restore -- <file> [--force]`. */
export async function runBackupCommand(command: "backup" | "restore", args: string[]): Promise<void> {
  const { getEnv } = await import("../app/utils/env.server");
  const env = getEnv();
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { force: { type: "boolean", default: false } },
  });
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new BackupError(`usage: npm run db:${command} -- <file.tar.gz> [--force]`);
  if (env.DATABASE_URL)
    throw new BackupError(
      `DATABASE_URL is set: use PostgreSQL's own ${command === "backup" ? "pg_dump" : "pg_restore"}; npm run db:${command} is for the embedded database`,
    );
  if (command === "backup") {
    const bytes = await backupDatabase(env.DATA_DIR, file, { overwrite: values.force });
    console.log(`Backed up the database in ${env.DATA_DIR} to ${file} (${Math.round(bytes / 1024)} KiB).`);
    return;
  }
  const { previous } = await restoreDatabase(env.DATA_DIR, file, { replace: values.force });
  console.log(`Restored ${file} into ${env.DATA_DIR}.`);
  if (previous) console.log(`The database it replaced is in ${previous}; delete it once you no longer need it.`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  runBackupCommand("backup", process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
