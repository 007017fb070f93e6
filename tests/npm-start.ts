/**
 * `npm start`'s command line, read from package.json, for tests and the bench that start the
 * server themselves: they run the same node options (heap and thread settings, ADR 008)
 * without npm's wrapper, so the process they spawn is the server itself.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "../db/paths";

/** The arguments `npm start` gives node: its options, then app/server/start.mjs. */
export function npmStartNodeArguments(): string[] {
  const packageJson = JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  const [command, ...args] = (packageJson.scripts.start ?? "").trim().split(/\s+/);
  if (command !== "node" || !args.at(-1)?.endsWith("start.mjs"))
    throw new Error(`package.json's start script is not "node [options] …/start.mjs"`);
  return args;
}
