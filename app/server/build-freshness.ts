import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { databaseTemplatePath, isInitialisedDataFolder } from "../../db/template-path";

/** What a build is made from: a change to any of these makes the build stale. */
const SOURCE_PATHS = ["app", "db", "search", "remix.config.js", "package.json", "tsconfig.json"];
const BUILD_OUTPUTS = ["build/index.js", "build/server/index.mjs", "public/build"];

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

/**
 * Why the build must be redone before `npm start` serves it, or undefined when it is fine.
 * A development build (left by `npm run dev`) counts as stale: production mode cannot run it.
 */
export function buildProblem(projectRoot: string): string | undefined {
  const outputs = BUILD_OUTPUTS.map((output) => path.join(projectRoot, output));
  if (!outputs.every((output) => existsSync(output))) return "missing";
  const builtAt = statSync(path.join(projectRoot, "build/index.js")).mtimeMs;
  const sourcesAt = Math.max(...SOURCE_PATHS.map((source) => newestModification(path.join(projectRoot, source))));
  if (sourcesAt > builtAt) return "older than the sources";
  const mode = buildMode(projectRoot);
  if (mode !== undefined && mode !== "production") return `a ${mode} build`;
  if (!existsSync(path.join(projectRoot, "build/mdx-cache")) || !isInitialisedDataFolder(databaseTemplatePath(projectRoot))) {
    return "missing its content cache or database template";
  }
  return undefined;
}
