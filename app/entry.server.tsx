import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { redactErrorForLog, redactPathForLog } from "./utils/log-redaction.server";
import { logger } from "./utils/logger.server";
import { NonceProvider } from "./utils/nonce";

const ABORT_DELAY_MS = 5_000;

/**
 * Pages are rendered to one string. Streaming only pays when a loader defers data (the shell
 * goes out before the slow part); no route does today, and the stream costs every request a
 * Node stream piped into a web stream piped back into the Node response, plus a timer: about a
 * fifth of a signed-in page's render time. A route that returns `defer(...)` gets the stream.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  const app = (
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY_MS} nonce={nonce} />
    </NonceProvider>
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  const deferred = remixContext.staticHandlerContext.activeDeferreds;
  if (!deferred || Object.keys(deferred).length === 0) {
    return new Response(`<!DOCTYPE html>${renderToString(app)}`, {
      headers: responseHeaders,
      status: responseStatusCode,
    });
  }
  return streamDocument(app, responseStatusCode, responseHeaders, nonce);
}

/**
 * Errors thrown in loaders and actions go to the JSON log, never with the token of a reset or
 * verification link (the page's own path, or a message quoting it).
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  logger.error(
    { err: redactErrorForLog(error), path: redactPathForLog(new URL(request.url).pathname) },
    "loader or action failed",
  );
};

function streamDocument(app: JSX.Element, status: number, headers: Headers, nonce: string) {
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(app, {
      nonce,
      onShellReady() {
        shellRendered = true;
        const body = new PassThrough();
        resolve(new Response(createReadableStreamFromReadable(body), { headers, status }));
        pipe(body);
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        status = 500;
        if (shellRendered) logger.error({ err: redactErrorForLog(error) }, "rendering failed");
      },
    });
    setTimeout(abort, ABORT_DELAY_MS).unref();
  });
}
