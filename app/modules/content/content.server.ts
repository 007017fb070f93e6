import os from "node:os";
import path from "node:path";
import { remember } from "@epic-web/remember";
import { getEnv } from "~/utils/env.server";
import { buildCourseCatalog, type CourseCatalog } from "../courses/catalog.server";
import { loadToolkitEntries, type ToolkitEntry } from "../toolkit/entries.server";
import { type ContentError, formatContentError } from "./errors";

export interface SiteContent {
  catalog: CourseCatalog;
  toolkit: ToolkitEntry[];
  toolkitStats: { compiled: number; fromCache: number };
  errors: ContentError[];
  loadMs: number;
}

export function getContentDir(): string {
  return path.resolve(process.cwd(), "content");
}

/** Compiled MDX is cached in the data folder; the in-memory test database gets a temp folder. */
export function getMdxCacheDir(): string {
  const { DATA_DIR } = getEnv();
  const base = DATA_DIR === "memory://" ? path.join(os.tmpdir(), "practica-test-data") : path.resolve(DATA_DIR);
  return path.join(base, "cache", "mdx");
}

/** Filled by the build (app/server/build-app.ts); read-only at run time. */
export function getBuildMdxCacheDir(): string {
  return path.resolve(process.cwd(), "build", "mdx-cache");
}

/**
 * Compiles (or reads from the caches) every course and toolkit file. By default the cache is
 * the data folder's, with the build's as a read-only fallback; a caller naming its own
 * `cacheDir` gets that cache alone.
 */
export async function loadSiteContent(options: { contentDir?: string; cacheDir?: string } = {}): Promise<SiteContent> {
  const started = performance.now();
  const contentDir = options.contentDir ?? getContentDir();
  const cacheDir = options.cacheDir ?? getMdxCacheDir();
  const sharedCacheDirs = options.cacheDir ? [] : [getBuildMdxCacheDir()];
  const toolkit = await loadToolkitEntries(path.join(contentDir, "toolkit"), { cacheDir, sharedCacheDirs });
  const catalog = await buildCourseCatalog({
    coursesDir: path.join(contentDir, "courses"),
    cacheDir,
    sharedCacheDirs,
    toolkitIds: new Set(toolkit.entries.map((entry) => entry.slug)),
  });
  return {
    catalog,
    toolkit: toolkit.entries,
    toolkitStats: toolkit.stats,
    errors: [...toolkit.errors, ...catalog.errors],
    loadMs: Math.round(performance.now() - started),
  };
}

export class InvalidContentError extends Error {
  constructor(readonly errors: ContentError[]) {
    super(`Content has ${errors.length} problem(s):\n${errors.map(formatContentError).join("\n")}`);
  }
}

/**
 * The site's content, compiled once per process (at start, before the server listens),
 * never on a reader's request. Shared through globalThis by the server and the Remix build.
 */
export function getSiteContent(): Promise<SiteContent> {
  return remember("practica-content", async () => {
    const content = await loadSiteContent();
    if (content.errors.length) throw new InvalidContentError(content.errors);
    return content;
  });
}
