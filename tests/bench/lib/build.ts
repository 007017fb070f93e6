/**
 * Makes sure a production build is in place before the cold start is timed, so the timing
 * measures starting the server, not building it. The staleness rule is the one
 * `npm start` uses (app/server/prepare-start.ts) (which would otherwise rebuild inside the measured start).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { buildMode, buildProblem } from "../../../app/server/build-freshness";

export { buildMode, buildProblem };

const BUILD_TIMEOUT_MS = 300_000;

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
    `The build is ${problem}: running npm run build (NODE_ENV=production) before timing anything…`,
  );
  const startedAt = performance.now();
  // The same build `npm start` makes (app/server/build-app.ts): Remix, content cache, database template.
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", path.join(projectRoot, "app/server/build-app.ts")],
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
      `npm run build failed (${result.error?.message ?? `exit code ${String(result.status)}`})`,
    );
  }
  return { problem, buildMs: performance.now() - startedAt };
}
