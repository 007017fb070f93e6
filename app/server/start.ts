/**
 * `npm start`: everything a fresh clone needs, in order. Validates the configuration, builds
 * when the build is missing or older than the sources, then starts the server (which applies
 * migrations and seeds before it listens).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SOURCE_PATHS = ["app", "db", "search", "remix.config.js", "package.json", "tsconfig.json"];
const BUILD_OUTPUTS = ["build/index.js", "public/build"];

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

/** A development build (from `npm run dev`) must never be served by `npm start`. */
function isProductionBuild(serverBuild: string): boolean {
  return readFileSync(serverBuild, "utf8").includes('mode = "production"');
}

function isBuildStale(): boolean {
  const outputs = BUILD_OUTPUTS.map((output) => path.join(projectRoot, output));
  if (!outputs.every((output) => existsSync(output))) return true;
  const serverBuild = path.join(projectRoot, "build/index.js");
  if (!isProductionBuild(serverBuild)) return true;
  const builtAt = statSync(serverBuild).mtimeMs;
  const sourcesAt = Math.max(...SOURCE_PATHS.map((source) => newestModification(path.join(projectRoot, source))));
  return sourcesAt > builtAt;
}

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

if (isBuildStale()) {
  console.log("Building Practica (the build is missing, older than the sources, or a development build)…");
  const result = spawnSync(process.execPath, [path.join(projectRoot, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    cwd: projectRoot,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const { startServer } = await import("./index");
try {
  await startServer();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
