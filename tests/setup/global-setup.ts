/**
 * Runs once per `vitest run`, before any worker starts. Creating an in-memory PGlite runs
 * initdb inside WebAssembly, which takes seconds (far more on a busy machine); restoring a
 * data directory takes well under one. So on PGlite we migrate one database with
 * migrateDatabase, save its data directory as a tarball, and every test file restores a
 * private copy of it (tests/setup/db-setup.ts).
 *
 * The tarball is cached in node_modules/.cache under a hash of everything that shapes it
 * (migrations, the migrator, the PGlite version), so a new migration makes a new one.
 * Against PostgreSQL (TEST_DATABASE_URL) there is nothing to prepare: each file creates its own.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import { createDatabase } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    /** A gzipped data directory of a freshly migrated PGlite; absent on PostgreSQL. */
    pgliteSnapshotPath: string | undefined;
  }
}

const root = fileURLToPath(new URL("../../", import.meta.url));
const cacheFolder = path.join(root, "node_modules/.cache/practica-tests");

async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

async function snapshotKey(): Promise<string> {
  const hash = createHash("sha256");
  const inputs = [
    ...(await listFiles(path.join(root, "db/migrations"))),
    path.join(root, "db/migrate.ts"),
    path.join(root, "node_modules/@electric-sql/pglite/package.json"),
    // migrateDatabase also installs the job queue's schema, which comes with pg-boss.
    path.join(root, "node_modules/pg-boss/package.json"),
  ];
  for (const file of inputs) {
    hash
      .update(path.relative(root, file))
      .update("\0")
      .update(await readFile(file))
      .update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

async function buildSnapshot(target: string): Promise<void> {
  const handle = createDatabase({ dataDir: "memory://" });
  try {
    await migrateDatabase(handle);
    const client = (handle.db as unknown as { $client: PGlite }).$client;
    const snapshot = await client.dumpDataDir("gzip");
    await mkdir(path.dirname(target), { recursive: true });
    // Write then rename, so a run happening at the same time never reads half a file.
    const partial = `${target}.${process.pid}.partial`;
    await writeFile(partial, Buffer.from(await snapshot.arrayBuffer()));
    await rename(partial, target);
  } finally {
    await handle.close();
  }
}

export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) {
    project.provide("pgliteSnapshotPath", undefined);
    return;
  }
  const name = `pglite-${await snapshotKey()}.tar.gz`;
  const snapshotPath = path.join(cacheFolder, name);
  if (!existsSync(snapshotPath)) {
    await buildSnapshot(snapshotPath);
    // Snapshots of older migrations are of no further use.
    for (const file of await readdir(cacheFolder)) {
      if (file.startsWith("pglite-") && file.endsWith(".tar.gz") && file !== name) {
        await rm(path.join(cacheFolder, file), { force: true });
      }
    }
  }
  project.provide("pgliteSnapshotPath", snapshotPath);
}
