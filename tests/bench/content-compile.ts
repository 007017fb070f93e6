/**
 * One load of the site's content, the way the server loads it at start (validate and compile
 * every course, lesson and toolkit file through the on-disk MDX cache), in a process of its own:
 *
 *   node --import tsx tests/bench/content-compile.ts <cacheDir>
 *
 * run.ts runs it twice on the same, initially empty, cacheDir: the first run compiles every
 * file (cold), the second must find them all in the cache (warm). Prints one line,
 * `BENCH_CONTENT {json}`, and exits 1 when the content has errors.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { RESULT_PREFIX, type ContentLoadResult } from "./lib/content-load";

async function main(): Promise<void> {
  const cacheDir = process.argv[2] ?? mkdtempSync(path.join(os.tmpdir(), "practica-bench-mdx-"));
  const started = performance.now();
  const { loadSiteContent } = await import("../../app/modules/content/content.server");
  const content = await loadSiteContent({ cacheDir });
  const withImportsMs = performance.now() - started;
  const { catalog, toolkitStats } = content;
  const result: ContentLoadResult = {
    cacheDir,
    loadMs: content.loadMs,
    withImportsMs,
    files: catalog.stats.files + toolkitStats.compiled + toolkitStats.fromCache,
    compiled: catalog.stats.compiled + toolkitStats.compiled,
    fromCache: catalog.stats.fromCache + toolkitStats.fromCache,
    errors: content.errors.length,
  };
  console.log(`${RESULT_PREFIX}${JSON.stringify(result)}`);
  if (result.errors > 0) process.exitCode = 1;
}

await main();
