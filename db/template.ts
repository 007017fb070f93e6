/**
 * A migrated, empty PGlite data folder made at build time, so a fresh data folder starts as a
 * copy of it instead of running initdb and every migration (about 3 s of the first start, in
 * WASM). A plain folder, not PGlite's gzipped dump: copying 40 MB of files takes a tenth of a
 * second, unpacking the dump inside PGlite took almost two.
 *
 * The template's name carries a fingerprint of db/migrations: after a schema change the old
 * template is simply not found, and the next build makes a new one. Without a template, or
 * with DATABASE_URL, nothing changes: the database is created and migrated as before.
 */
import { cpSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import type { Database, DatabaseHandle } from "./client";
import { migrateDatabase } from "./migrate";
import { projectRoot } from "./paths";
import * as schema from "./schema";
import { databaseTemplatePath, isInitialisedDataFolder } from "./template-path";

export { databaseTemplatePath, isInitialisedDataFolder, migrationsFingerprint } from "./template-path";

/**
 * Fills an empty data folder with a copy of the template for the current migrations, if a
 * build made one; returns whether it did. The copy is made beside the folder and renamed into
 * place, so an interrupted copy never looks like a database.
 */
export function copyDatabaseTemplate(folder: string, root = projectRoot): boolean {
  const template = databaseTemplatePath(root);
  if (!isInitialisedDataFolder(template)) return false;
  const copying = `${folder}.copying`;
  rmSync(copying, { recursive: true, force: true });
  cpSync(template, copying, { recursive: true });
  // The template's own lock file says nothing about the copy's server.
  rmSync(path.join(copying, "postmaster.pid"), { force: true });
  rmSync(folder, { recursive: true, force: true });
  renameSync(copying, folder);
  return true;
}

/** Builds the template: a data folder, migrated and closed, under build/. */
export async function createDatabaseTemplate(root = projectRoot): Promise<string> {
  const folder = databaseTemplatePath(root);
  const partial = `${folder}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const client = new PGlite(partial, { postgresqlconf: ["shared_buffers = 16MB"] });
  const handle: DatabaseHandle = {
    db: drizzle(client, { schema }) as unknown as Database,
    kind: "pglite",
    location: partial,
    close: () => client.close(),
  };
  try {
    await migrateDatabase(handle);
  } finally {
    await handle.close();
  }
  rmSync(path.join(partial, "postmaster.pid"), { force: true });
  // Made whole, then renamed: a server starting meanwhile never copies half a template.
  rmSync(folder, { recursive: true, force: true });
  renameSync(partial, folder);
  // Templates of earlier migrations are never read again (their fingerprint is gone), nor are
  // the gzipped dumps earlier builds made.
  for (const name of readdirSync(path.dirname(folder))) {
    if (/^pglite-template-[0-9a-f]+(\.tar\.gz)?$/.test(name) && name !== path.basename(folder))
      rmSync(path.join(path.dirname(folder), name), { recursive: true, force: true });
  }
  return folder;
}
