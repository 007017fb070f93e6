/**
 * Makes sure a production build is in place before the cold start is timed, so the timing
 * measures starting the server, not building it. The staleness rule mirrors
 * app/server/start.ts (which would otherwise rebuild inside the measured start).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";

const SOURCE_PATHS = ["app", "db", "search", "remix.config.js", "package.json", "tsconfig.json"];
const BUILD_OUTPUTS = ["build/index.js", "public/build"];
const BUILD_TIMEOUT_MS = 300_000;

function newestModification(target: string): number {
  if (!existsSync(target)) return 0;
  const stats = statSync(target);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    newest = Math.max(newest, newestModification(path.join(target, entry.name)));
  }
  return newest;
}

/** The `mode` baked into build/index.js ("production" or "development"), if it can be read. */
export function buildMode(projectRoot: string): string | undefined {
  const buildFile = path.join(projectRoot, "build/index.js");
  if (!existsSync(buildFile)) return undefined;
  return /\bvar mode = "(\w+)"/.exec(readFileSync(buildFile, "utf8"))?.[1];
}

/** Why the build needs redoing, or undefined when it is fine. */
export function buildProblem(projectRoot: string): string | undefined {
  const outputs = BUILD_OUTPUTS.map((output) => path.join(projectRoot, output));
  if (!outputs.every((output) => existsSync(output))) return "missing";
  const builtAt = statSync(path.join(projectRoot, "build/index.js")).mtimeMs;
  const sourcesAt = Math.max(
    ...SOURCE_PATHS.map((source) => newestModification(path.join(projectRoot, source))),
  );
  if (sourcesAt > builtAt) return "older than the sources";
  const mode = buildMode(projectRoot);
  // `npm start` runs with NODE_ENV=production; a development build fails there (jsxDEV is not a function).
  if (mode !== undefined && mode !== "production") return `a ${mode} build`;
  return undefined;
}

export interface BuildStatus {
  /** What was wrong with the build before the bench ran, if anything. */
  problem: string | undefined;
  /** How long the bench's own `remix build` took, when it ran one. */
  buildMs: number | undefined;
}

export function ensureProductionBuild(projectRoot: string): BuildStatus {
  const problem = buildProblem(projectRoot);
  if (!problem) return { problem: undefined, buildMs: undefined };
  console.log(
    `The build is ${problem}: running remix build (NODE_ENV=production) before timing anything…`,
  );
  const startedAt = performance.now();
  const result = spawnSync(
    process.execPath,
    [path.join(projectRoot, "node_modules/@remix-run/dev/dist/cli.js"), "build"],
    {
      cwd: projectRoot,
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production" },
      timeout: BUILD_TIMEOUT_MS,
      killSignal: "SIGKILL",
    },
  );
  if (result.status !== 0) {
    throw new Error(
      `remix build failed (${result.error?.message ?? `exit code ${String(result.status)}`})`,
    );
  }
  return { problem, buildMs: performance.now() - startedAt };
}
