/** Runs tests/bench/content-compile.ts in a process of its own and reads what it reports. */
import { z } from "zod";
import { spawnManaged } from "./processes";

export const RESULT_PREFIX = "BENCH_CONTENT ";

const count = z.number().int().nonnegative();

export const ContentLoadResultSchema = z.object({
  cacheDir: z.string(),
  /** loadSiteContent's own timing: reading, validating and compiling (or reading the cache). */
  loadMs: z.number().nonnegative(),
  /** The same plus importing the content modules (mdx-bundler is imported only to compile). */
  withImportsMs: z.number().nonnegative(),
  files: count,
  compiled: count,
  fromCache: count,
  errors: count,
});
export type ContentLoadResult = z.infer<typeof ContentLoadResultSchema>;

/** Loads the site's content in a new process with its MDX cache in `cacheDir`. */
export async function loadContent(
  projectRoot: string,
  cacheDir: string,
  label: string,
): Promise<ContentLoadResult> {
  const proc = spawnManaged(
    `content load (${label})`,
    process.execPath,
    ["--import", "tsx", "tests/bench/content-compile.ts", cacheDir],
    { cwd: projectRoot, env: { ...process.env, NODE_ENV: "production" } },
  );
  const exit = await proc.exited;
  const line = proc
    .output()
    .split("\n")
    .find((candidate) => candidate.startsWith(RESULT_PREFIX));
  if (exit.code !== 0 || !line) {
    throw new Error(
      `${proc.name} failed (exit ${String(exit.code)}${exit.signal ? `, ${exit.signal}` : ""}). Output:\n${proc.output()}`,
    );
  }
  return ContentLoadResultSchema.parse(JSON.parse(line.slice(RESULT_PREFIX.length)));
}
