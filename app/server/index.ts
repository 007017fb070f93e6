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
import { prepareSearchAtStart } from "../modules/search/reindex.server";
import { startSearchWorker } from "../modules/search/worker.server";
import { forgetCachedSessions, sessionCacheGeneration } from "../modules/auth/session-cache";
import { SESSION_COOKIE_NAME } from "../modules/auth/session-cookie";
import { getDatabaseHandle } from "../utils/db.server";
import { getEnv, shouldSeedDemoAccounts } from "../utils/env.server";
import { logger } from "../utils/logger.server";
import { createPageCache } from "./page-cache";
import { requestLogging } from "./request-log";
import {
  assignCspNonce,
  limitBodySize,
  refuseCrossOriginWrites,
  securityHeaders,
} from "./security";

const BUILD_PATH = path.join(projectRoot, "build/index.js");
const MAX_BODY_BYTES = 256 * 1024;
const SHUTDOWN_GRACE_MS = 10_000;

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce: string;
    clientAddress: string;
    requestId: string;
  }
}

export async function startServer() {
  const env = getEnv();
  const isDevelopment = env.NODE_ENV === "development";

  const database = getDatabaseHandle();
  await migrateDatabase(database);
  await seedDatabase(database.db, { demoAccounts: shouldSeedDemoAccounts(env) });
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
  await prepareSearchAtStart();
  // Applies queued changes to the index, with retries (app/modules/search/worker.server.ts).
  const stopSearchWorker = startSearchWorker();

  const build = (await import(pathToFileURL(BUILD_PATH).href)) as ServerBuild;

  const app = express();
  app.disable("x-powered-by");
  if (env.TRUST_PROXY === "1") app.set("trust proxy", true);

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
  // Sessions are remembered for a moment (app/modules/auth/session-cache.ts); any write may
  // change who is signed in or what they may do, so it forgets them before and after. That
  // also drops every signed-in person's cached page (the page cache's personal generation).
  app.use((req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      forgetCachedSessions();
      res.once("close", forgetCachedSessions);
    }
    next();
  });
  app.use(assignCspNonce);
  app.use(securityHeaders({ isDevelopment }));
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

  // Pages that opt in are rendered at most once every few seconds: anonymous ones per URL,
  // a signed-in person's per cookie header and URL, until the next write (page-cache.ts).
  const pageCache = createPageCache({
    sessionCookieName: SESSION_COOKIE_NAME,
    personalGeneration: sessionCacheGeneration,
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
        clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
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
        logger.error({ err: error, requestId: res.locals.requestId }, "unhandled error");
      if (!res.headersSent)
        res
          .status(status)
          .type("text/plain")
          .send(status >= 500 ? "Internal error" : "Bad request");
    },
  );

  const server = app.listen(env.PORT, env.HOST, () => {
    logger.info(
      { port: env.PORT, database: database.kind, location: database.location, mode: build.mode },
      `Practica listening on http://localhost:${env.PORT}`,
    );
    if (isDevelopment) void broadcastDevReady(build);
  });

  let shuttingDown = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, "shutting down: finishing requests in flight");
    const force = setTimeout(() => {
      logger.warn("requests still open after the grace period; closing them");
      server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    // A search run in progress finishes first (it uses the database), unless it hangs on an
    // unreachable engine: its claimed rows are then retried after their lease.
    const searchWorkerStopped = Promise.race([
      stopSearchWorker(),
      new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref()),
    ]);
    server.close(() => {
      void searchWorkerStopped
        .then(() => Promise.all([flushSearchLog(), flushLessonVisits()]))
        .then(() => database.close())
        .catch((error: unknown) => logger.error({ err: error }, "closing the database failed"))
        .finally(() => {
          logger.info("stopped");
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
