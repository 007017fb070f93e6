/**
 * `npm run content:check`: validates and compiles every course and toolkit file, and lists
 * every problem with its file and field. Exits 1 when there is any. Run by `npm run build`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { formatContentError } from "./errors";
import { loadSiteContent } from "./content.server";

const cacheDir = await mkdtemp(path.join(os.tmpdir(), "practica-content-check-"));
try {
  const content = await loadSiteContent({ cacheDir });
  if (content.errors.length) {
    console.error(`Content check failed: ${content.errors.length} problem(s).`);
    for (const error of content.errors) console.error(`  ${formatContentError(error)}`);
    process.exitCode = 1;
  } else {
    const lessons = content.catalog.courses.reduce((total, course) => total + course.lessons.length, 0);
    console.log(
      `Content OK: ${content.catalog.courses.length} courses, ${lessons} lessons, ${content.catalog.glossary.length} glossary terms, ${content.toolkit.length} toolkit entries (${content.loadMs} ms).`,
    );
  }
} finally {
  await rm(cacheDir, { recursive: true, force: true });
}
