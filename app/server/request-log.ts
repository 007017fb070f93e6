/**
 * One JSON line per finished request: id, method, path (never the query string, and never the
 * token of a reset or verification link: app/utils/log-redaction.server.ts), status and duration. pino-http did this before, but it builds a child logger and
 * serialises the request for every request, even when the level drops the line: a tenth of the
 * CPU a cached page costs. This checks the level first and logs only what it needs.
 */
import type { NextFunction, Request, Response } from "express";
import type { Logger } from "pino";
import { redactPathForLog } from "../utils/log-redaction.server";

export function requestLogging(
  logger: Logger,
  { ignore }: { ignore?: (path: string) => boolean } = {},
) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!logger.isLevelEnabled("info") || ignore?.(req.path)) return next();
    const startedAt = process.hrtime.bigint();
    res.once("finish", () => {
      const durationMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
      const line = {
        reqId: String(res.locals.requestId),
        req: { method: req.method, path: redactPathForLog(req.originalUrl) },
        res: { statusCode: res.statusCode },
        responseTime: Math.round(durationMs * 10) / 10,
      };
      if (res.statusCode >= 500) logger.error(line, "request failed");
      else logger.info(line, "request completed");
    });
    next();
  };
}
