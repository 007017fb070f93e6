// @ts-check
/**
 * `npm start`. Plain JavaScript because it runs before anything is compiled: it has
 * prepare-start.ts (through tsx, in a child process) validate the configuration and build
 * when needed, then runs the compiled server (build/server/index.mjs) in this process, which
 * migrates, seeds, indexes and listens (index.ts).
 *
 * Why not `tsx app/server/start.ts` as before: tsx compiles on a loader thread that stays
 * for the life of the process, about 50 MB of a server's memory for nothing once everything
 * is loaded, and the Remix build needed it for a JSON import. The server now runs without it.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

process.env.NODE_ENV ??= "production";

const prepare = spawnSync(
  process.execPath,
  ["--import", "tsx", fileURLToPath(new URL("./prepare-start.ts", import.meta.url))],
  { stdio: "inherit", env: process.env },
);
if (prepare.status !== 0) process.exit(prepare.status ?? 1);

const compiledServer = new URL("../../build/server/index.mjs", import.meta.url);
try {
  const { startServer } = await import(compiledServer.href);
  await startServer();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
