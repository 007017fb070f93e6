/**
 * The bench's yardstick: a bare node:http server that answers every request with one fixed
 * HTML page (the Practica home page, captured by run.ts). Reads BARE_HTML_FILE, PORT and HOST.
 */
import { readFileSync } from "node:fs";
import http from "node:http";

const htmlFile = process.env.BARE_HTML_FILE;
const port = Number(process.env.PORT);
const host = process.env.HOST ?? "127.0.0.1";
if (!htmlFile || !Number.isInteger(port) || port <= 0) {
  console.error("bare-server: set BARE_HTML_FILE and PORT");
  process.exit(2);
}

const body = readFileSync(htmlFile);
const headers = {
  "Content-Type": "text/html; charset=utf-8",
  "Content-Length": String(body.length),
  "Cache-Control": "no-cache",
};

const server = http.createServer((_request, response) => {
  response.writeHead(200, headers);
  response.end(body);
});
server.listen(port, host);

const shutdown = () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
};
process.once("SIGTERM", shutdown);
process.once("SIGINT", shutdown);
