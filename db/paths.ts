/**
 * Where the project is on disk, found by walking up from this file to the folder holding
 * remix.config.js. Modules that read files of the project (migrations, the build) use it
 * instead of a path relative to themselves, because the same code also runs bundled into
 * build/server/index.mjs (the compiled server `npm start` runs), where "../.." means elsewhere.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

function findProjectRoot(from: string): string {
  for (let folder = from; ; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, "remix.config.js"))) return folder;
    if (path.dirname(folder) === folder)
      throw new Error(`no remix.config.js above ${from}: cannot tell where the project is`);
  }
}

export const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));
export const migrationsFolder = path.join(projectRoot, "db", "migrations");
