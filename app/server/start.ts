/**
 * `npm start`: everything a fresh clone needs, in order. Validates the configuration, builds
 * when the build is missing, stale or lacks its caches (build-app.ts), then starts the server
 * (which applies migrations and seeds before it listens).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildApp } from "./build-app";
import { buildProblem } from "./build-freshness";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
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
    await buildApp(projectRoot);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

const { startServer } = await import("./index");
try {
  await startServer();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
