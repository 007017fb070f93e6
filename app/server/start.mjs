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
 *
 * With WEB_CONCURRENCY=N (N > 1) and DATABASE_URL, this process becomes a cluster primary
 * (node:cluster): it migrates and seeds once, then starts N server processes sharing the port,
 * starts another when one dies, and passes SIGTERM/SIGINT on to them. The embedded database
 * (PGlite) lives inside one process, so without DATABASE_URL the server stays one process.
 */
import { spawnSync } from "node:child_process";
import cluster from "node:cluster";
import { fileURLToPath } from "node:url";

process.env.NODE_ENV ??= "production";

/** A primary that sees this many processes die within a minute gives up rather than loop. */
const MAX_RESTARTS_PER_MINUTE = 5;
/** Beyond each process's own shutdown grace (index.ts), before the primary stops waiting. */
const STOP_TIMEOUT_MS = 10_000;

if (cluster.isPrimary) {
  const prepare = spawnSync(
    process.execPath,
    ["--import", "tsx", fileURLToPath(new URL("./prepare-start.ts", import.meta.url))],
    { stdio: "inherit", env: process.env },
  );
  if (prepare.status !== 0) process.exit(prepare.status ?? 1);
}

const compiledServer = new URL("../../build/server/index.mjs", import.meta.url);
try {
  const server = await import(compiledServer.href);
  // Validated by prepare-start.ts already: a whole number from 1 up.
  const processes = Number(process.env.WEB_CONCURRENCY || "1");
  const onPostgres = Boolean(process.env.DATABASE_URL);
  if (cluster.isWorker) {
    await server.startServer({ databasePrepared: true });
  } else if (processes > 1 && onPostgres) {
    await server.prepareDatabaseForWorkers();
    runPrimary(processes, server.logger);
  } else {
    if (processes > 1)
      server.logger.warn(
        { WEB_CONCURRENCY: processes },
        "WEB_CONCURRENCY ignored: the embedded database (PGlite) lives in one process, so one process serves; set DATABASE_URL to run several",
      );
    await server.startServer();
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

/**
 * @param {number} count
 * @param {{ info: Function, warn: Function, error: Function }} logger
 */
function runPrimary(count, logger) {
  let stopping = false;
  let exitCode = 0;
  /** @type {number[]} */
  let deaths = [];
  const running = () => Object.keys(cluster.workers ?? {}).length;

  // The kernel hands each connection to a process (SCHED_NONE) rather than this process
  // accepting and passing them on (node's default round robin): measured on 2 cores, round
  // robin served fewer requests with two processes than with one (docs/decisions/014).
  if (!process.env.NODE_CLUSTER_SCHED_POLICY) cluster.schedulingPolicy = cluster.SCHED_NONE;
  logger.info(
    { processes: count, pid: process.pid },
    `starting ${count} server processes (WEB_CONCURRENCY)`,
  );
  for (let index = 0; index < count; index += 1) cluster.fork();

  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (code !== 0) exitCode = 1;
      if (running() === 0) process.exit(exitCode);
      return;
    }
    const now = Date.now();
    deaths = [...deaths.filter((at) => now - at < 60_000), now];
    if (deaths.length > MAX_RESTARTS_PER_MINUTE) {
      logger.error({ deaths: deaths.length }, "server processes keep dying; stopping them all");
      exitCode = 1;
      stop("SIGTERM");
      return;
    }
    logger.error(
      { pid: worker.process.pid, code, signal },
      "a server process stopped; starting another",
    );
    cluster.fork();
  });

  /** @param {NodeJS.Signals} signal */
  function stop(signal) {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, processes: running() }, "stopping the server processes");
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    if (running() === 0) process.exit(exitCode);
    setTimeout(() => {
      logger.error("server processes still running after the grace period; exiting");
      process.exit(1);
    }, STOP_TIMEOUT_MS).unref();
  }
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
