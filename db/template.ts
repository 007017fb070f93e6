/**
 * A migrated, empty PGlite database packed at build time, so a fresh data folder starts from
 * a copy instead of running initdb and every migration (about 3 s of the first start, in WASM).
 *
 * The template's file name carries a fingerprint of db/migrations: after a schema change the
 * old template is simply not found, and the next build makes a new one. Without a template,
 * or with DATABASE_URL, nothing changes: the database is created and migrated as before.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import type { Database, DatabaseHandle } from "./client";
import { migrateDatabase } from "./migrate";
import { projectRoot } from "./paths";
import * as schema from "./schema";
import { databaseTemplatePath } from "./template-path";

export { databaseTemplatePath, migrationsFingerprint } from "./template-path";

/** The template for the current migrations, if a build made one. */
export function readDatabaseTemplate(root = projectRoot): Blob | undefined {
  const file = databaseTemplatePath(root);
  return existsSync(file) ? new Blob([readFileSync(file)]) : undefined;
}

/** A PGlite data folder holds PG_VERSION once initdb has run in it. */
export function isInitialisedDataFolder(folder: string): boolean {
  return existsSync(path.join(folder, "PG_VERSION"));
}

/** Builds the template: an in-memory database, migrated, dumped as a gzipped tarball. */
export async function createDatabaseTemplate(root = projectRoot): Promise<string> {
  const client = new PGlite({ postgresqlconf: ["shared_buffers = 16MB"] });
  const handle: DatabaseHandle = {
    db: drizzle(client, { schema }) as unknown as Database,
    kind: "pglite",
    location: "memory://",
    close: () => client.close(),
  };
  try {
    await migrateDatabase(handle);
    const dump = await client.dumpDataDir("gzip");
    const file = databaseTemplatePath(root);
    mkdirSync(path.dirname(file), { recursive: true });
    // Written whole, then renamed: a server starting meanwhile never reads half a file.
    writeFileSync(`${file}.partial`, Buffer.from(await dump.arrayBuffer()));
    renameSync(`${file}.partial`, file);
    // Templates of earlier migrations are never read again (their fingerprint is gone).
    for (const name of readdirSync(path.dirname(file))) {
      if (/^pglite-template-[0-9a-f]+\.tar\.gz$/.test(name) && name !== path.basename(file))
        rmSync(path.join(path.dirname(file), name), { force: true });
    }
    return file;
  } finally {
    await handle.close();
  }
}
