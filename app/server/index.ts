import { randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { migrateDatabase } from "../../db/migrate";
import { projectRoot } from "../../db/paths";
import { seedDatabase } from "../../db/seed";
import { getSiteContent } from "../modules/content/content.server";
import { flushLessonVisits } from "../modules/courses/lesson-visits.server";
import {
  SEARCH_LOG_REPLAY,
  flushSearchLog,
  replaySearchLog,
} from "../modules/search/query-log.server";
import { ALL_JOBS } from "../modules/jobs/all-jobs.server";
import { startJobWorker } from "../modules/jobs/queue.server";
import { prepareSearchAtStart } from "../modules/search/reindex.server";
import { startSearchWorker } from "../modules/search/worker.server";
import {
  latestSearchChangeId,
  mustFollowSearchChanges,
  startFollowingSearchChanges,
} from "../modules/search/change-follower.server";
import { describeDemoAccountsForLog } from "../modules/auth/demo-accounts.server";
import { SESSION_COOKIE_NAME } from "../modules/auth/session-cookie";
import { closeDatabaseHandle, getDatabaseHandle } from "../utils/db.server";
import { getEnv, shouldSeedDemoAccounts } from "../utils/env.server";
import { describeMailLinkOrigin } from "../utils/http.server";
import { redactErrorForLog } from "../utils/log-redaction.server";
import { logger } from "../utils/logger.server";
import { createPageCache } from "./page-cache";
import { requestLogging } from "./request-log";
import {
  assignCspNonce,
  clientAddressOf,
  limitBodySize,
  refuseCrossOriginWrites,
  securityHeaders,
  sendRenewedSessionCookies,
  trustProxies,
} from "./security";

const BUILD_PATH = path.join(projectRoot, "build/index.js");
const MAX_BODY_BYTES = 256 * 1024;
/**
 * On SIGTERM the process is gone within this, before a process manager's SIGKILL (usually 10 s
 * later). Requests in flight get REQUEST_DRAIN_MS of it; the rest is for closing the database.
 */
const SHUTDOWN_GRACE_MS = 8_000;
const REQUEST_DRAIN_MS = 5_000;

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce: string;
    clientAddress: string;
    requestId: string;
  }
}

/** Applies migrations and seeds. Run once per start: by the server, or a cluster's primary. */
export async function prepareDatabase(): Promise<void> {
  const env = getEnv();
  const database = getDatabaseHandle();
  await migrateDatabase(database);
  await seedDatabase(database.db, { demoAccounts: shouldSeedDemoAccounts(env) });
  const demoAccounts = await describeDemoAccountsForLog(env);
  if (demoAccounts) logger.warn(demoAccounts);
}

/** For a cluster's primary (start.mjs): prepares the database, then closes it (it serves nothing). */
export async function prepareDatabaseForWorkers(): Promise<void> {
  await prepareDatabase();
  await closeDatabaseHandle();
}

export { logger };

export interface StartServerOptions {
  /** The database was migrated and seeded already (by a cluster's primary). */
  databasePrepared?: boolean;
}

export async function startServer({ databasePrepared = false }: StartServerOptions = {}) {
  const env = getEnv();
  const isDevelopment = env.NODE_ENV === "development";

  const database = getDatabaseHandle();
  if (!databasePrepared) await prepareDatabase();
  // Content is compiled (or read from its cache) before the first request, never during one.
  const content = await getSiteContent();
  logger.info(
    {
      ms: content.loadMs,
      courses: content.catalog.courses.length,
      toolkit: content.toolkit.length,
      compiled: content.catalog.stats.compiled + content.toolkitStats.compiled,
      fromCache: content.catalog.stats.fromCache + content.toolkitStats.fromCache,
    },
    "content ready",
  );
  // The embedded engine's index is built now, before the first request; a Meilisearch index
  // is prepared in the background, so a search server that is down never blocks the start.
  // On PostgreSQL an embedded index also follows what other processes change, from the last
  // change logged before it was built (change-follower.server.ts).
  const followSearchChangesAfter = mustFollowSearchChanges() ? await latestSearchChangeId() : null;
  await prepareSearchAtStart();
  const stopFollowingSearchChanges =
    followSearchChangesAfter === null
      ? () => Promise.resolve()
      : startFollowingSearchChanges(followSearchChangesAfter);
  // Applies queued changes to the index, with retries (app/modules/search/worker.server.ts).
  const stopSearchWorker = startSearchWorker();
  // Delivers mail and runs the other jobs, shared with any server on the same database.
  const stopJobWorker = await startJobWorker(ALL_JOBS);

  const build = (await import(pathToFileURL(BUILD_PATH).href)) as ServerBuild;

  let shuttingDown = false;
  const app = express();
  app.disable("x-powered-by");
  // While shutting down, a kept-alive connection is closed after its response.
  app.use((_req, res, next) => {
    if (shuttingDown) res.setHeader("Connection", "close");
    next();
  });
  trustProxies(app, env.TRUST_PROXY);

  app.use((req, res, next) => {
    const incoming = req.get("x-request-id");
    const requestId = incoming && /^[\w-]{1,100}$/.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader("X-Request-Id", requestId);
    next();
  });
  app.use(requestLogging(logger, { ignore: (requestPath) => requestPath.startsWith("/build/") }));
  // Only a client that accepts a compressed body pays for the middleware that compresses it.
  const compress = compression();
  app.use((req, res, next) => (req.headers["accept-encoding"] ? compress(req, res, next) : next()));
  app.use(assignCspNonce);
  app.use(securityHeaders({ isDevelopment }));
  app.use(sendRenewedSessionCookies);
  app.use(refuseCrossOriginWrites);
  app.use(limitBodySize(MAX_BODY_BYTES));

  // Fingerprinted by Remix, so they can be cached for ever.
  app.use(
    "/build",
    express.static(path.join(projectRoot, "public/build"), { immutable: true, maxAge: "1y" }),
  );
  // Only paths that name a file (favicon.svg, robots.txt): a page URL would cost a stat() each.
  const publicFiles = express.static(path.join(projectRoot, "public"), {
    maxAge: "1h",
    index: false,
  });
  app.use((req, res, next) =>
    /\.[a-z0-9]+$/i.test(req.path) ? publicFiles(req, res, next) : next(),
  );

  // Anonymous pages that opt in are rendered at most once every few seconds per URL; a
  // signed-in person's page is rendered for every request (page-cache.ts).
  const pageCache = createPageCache({
    sessionCookieName: SESSION_COOKIE_NAME,
    // A results page served from the cache still logs its search, with an id of its own.
    replayers: { [SEARCH_LOG_REPLAY]: replaySearchLog },
  });
  app.use(pageCache.middleware);

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: build.mode,
      getLoadContext: (req, res) => ({
        cspNonce: String(res.locals.cspNonce),
        clientAddress: clientAddressOf(req),
        requestId: String(res.locals.requestId),
      }),
    }),
  );

  // A malformed URL or body reaching express itself is the client's fault, not ours.
  app.use(
    (error: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
      const status =
        error instanceof URIError ? 400 : ((error as { status?: number }).status ?? 500);
      if (status >= 500)
        logger.error({ err: redactErrorForLog(error), requestId: res.locals.requestId }, "unhandled error");
      if (!res.headersSent)
        res
          .status(status)
          .type("text/plain")
          .send(status >= 500 ? "Internal error" : "Bad request");
    },
  );

  const server = app.listen(env.PORT, env.HOST, () => {
    logger.info(
      // The pid tells apart the processes of a cluster (WEB_CONCURRENCY).
      { port: env.PORT, database: database.kind, location: database.location, mode: build.mode, pid: process.pid },
      `Practica listening on http://localhost:${env.PORT}`,
    );
    const mailLinkWarning = describeMailLinkOrigin(env);
    if (mailLinkWarning) logger.warn(mailLinkWarning);
    if (isDevelopment) void broadcastDevReady(build);
  });

  const shutdown = (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    const started = Date.now();
    logger.info({ signal, graceMs: SHUTDOWN_GRACE_MS }, "shutting down: finishing requests in flight");
    // Every commit is on disk when it returns (db/client.ts), so even this exit loses no write
    // a user saw succeed.
    setTimeout(() => {
      logger.error("shutdown took longer than the grace period; exiting now");
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    const drain = setTimeout(() => {
      logger.warn("requests still open after the grace period; closing them");
      server.closeAllConnections();
    }, REQUEST_DRAIN_MS);
    drain.unref();
    // A connection whose response just finished is idle: close it rather than wait for its client.
    const closeIdle = setInterval(() => server.closeIdleConnections(), 100);
    closeIdle.unref();
    // A search run in progress finishes first (it uses the database), unless it hangs on an
    // unreachable engine: its claimed rows are then retried after their lease.
    const searchWorkerStopped = Promise.race([
      Promise.all([stopSearchWorker(), stopFollowingSearchChanges()]),
      new Promise<void>((resolve) => setTimeout(resolve, REQUEST_DRAIN_MS).unref()),
    ]);
    // Running jobs get as long as requests to finish; one still running is retried after its
    // expiry by whichever server is up.
    const jobWorkerStopped = stopJobWorker(REQUEST_DRAIN_MS).catch((error: unknown) =>
      logger.error({ err: error }, "stopping the job worker failed"),
    );
    server.close(() => {
      clearTimeout(drain);
      clearInterval(closeIdle);
      void Promise.all([searchWorkerStopped, jobWorkerStopped])
        .then(() => Promise.all([flushSearchLog(), flushLessonVisits()]))
        .then(() => database.close())
        .catch((error: unknown) => logger.error({ err: error }, "closing the database failed"))
        .finally(() => {
          logger.info({ ms: Date.now() - started }, "stopped");
          process.exit(0);
        });
    });
    server.closeIdleConnections();
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
  return server;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  startServer().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
