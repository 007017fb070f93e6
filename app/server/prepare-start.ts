/**
 * The first half of `npm start` (start.mjs runs it in a process of its own): validates the
 * configuration, and builds when the build is missing, stale or lacks its caches
 * (build-app.ts). Exits 0 when the compiled server can be started.
 */
import { projectRoot } from "../../db/paths";
import { buildProblem } from "./build-freshness";

process.env.NODE_ENV ??= "production";

const { getEnv, InvalidEnvError } = await import("../utils/env.server");
try {
  getEnv();
} catch (error) {
  if (error instanceof InvalidEnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const buildIssue = buildProblem(projectRoot);
if (buildIssue) {
  console.log(`Building Practica (the build is ${buildIssue})…`);
  try {
    // Loaded only when needed: the compiler takes longer to load than a warm start's checks.
    const { buildApp } = await import("./build-app");
    await buildApp(projectRoot);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
