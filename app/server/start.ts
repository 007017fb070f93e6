/**
 * `npm start`: everything a fresh clone needs, in order. Validates the configuration, builds
 * when the build is missing or older than the sources (and packs the embedded database
 * template when it is missing), then starts the server (which applies migrations and seeds
 * before it listens).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
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
  const result = spawnSync(process.execPath, [path.join(projectRoot, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    cwd: projectRoot,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// Part of the build: the migrated database a fresh data folder is copied from (db/template.ts).
if (!getEnv().DATABASE_URL) {
  const { databaseTemplatePath, createDatabaseTemplate } = await import("../../db/template");
  if (!existsSync(databaseTemplatePath())) {
    console.log("Preparing the embedded database template…");
    await createDatabaseTemplate();
  }
}

const { startServer } = await import("./index");
try {
  await startServer();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
