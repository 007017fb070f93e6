/**
 * Where the build keeps the database template (db/template.ts) for the current migrations,
 * and how to tell a PGlite data folder that holds a database.
 * Apart from db/template.ts because `npm start` checks for the template before anything else,
 * and loading PGlite and drizzle only to name a file costs most of a second.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { migrationsFolder, projectRoot } from "./paths";

/** Changes whenever a migration is added or edited. */
export function migrationsFingerprint(): string {
  const hash = createHash("sha256");
  const files = readdirSync(migrationsFolder)
    .filter((name) => name.endsWith(".sql"))
    .sort();
  for (const name of files) {
    hash.update(name);
    hash.update(readFileSync(path.join(migrationsFolder, name)));
  }
  hash.update(readFileSync(path.join(migrationsFolder, "meta/_journal.json")));
  return hash.digest("hex").slice(0, 16);
}

/** The folder holding the migrated template database (db/template.ts). */
export function databaseTemplatePath(root = projectRoot): string {
  return path.join(root, "build", `pglite-template-${migrationsFingerprint()}`);
}

/** A PGlite data folder holds PG_VERSION once initdb has run in it. */
export function isInitialisedDataFolder(folder: string): boolean {
  return existsSync(path.join(folder, "PG_VERSION"));
}
