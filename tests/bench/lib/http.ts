/** Small HTTP helpers for the bench: loopback only, no keep-alive, always with a timeout. */
import http from "node:http";
import net from "node:net";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { Credentials } from "../scenarios";
import { describeExit, type ManagedProcess } from "./processes";

export const HOST = "127.0.0.1";

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export function httpRequest(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    timeoutMs?: number;
  } = {},
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: options.method ?? "GET",
        headers: {
          ...options.headers,
          ...(options.body === undefined
            ? {}
            : { "Content-Length": String(Buffer.byteLength(options.body)) }),
        },
        agent: false,
        timeout: options.timeoutMs ?? 5_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        response.on("error", reject);
      },
    );
    request.on("timeout", () =>
      request.destroy(new Error(`timed out: ${options.method ?? "GET"} ${url}`)),
    );
    request.on("error", reject);
    request.end(options.body);
  });
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("could not find a free port"));
      });
    });
  });
}

/**
 * Polls `url` every intervalMs until it answers 200 and returns the time from the process's
 * spawn to that answer, in milliseconds. Fails at once if the process exits or the server
 * answers anything but 200 (once it listens, every answer comes from the real app).
 */
export async function waitForOk(
  proc: ManagedProcess,
  url: string,
  options: { intervalMs: number; timeoutMs: number },
): Promise<number> {
  const deadline = proc.spawnedAt + options.timeoutMs;
  for (;;) {
    if (proc.exitInfo) {
      throw new Error(
        `${proc.name} exited before answering (${describeExit(proc.exitInfo)}). Output:\n${proc.output()}`,
      );
    }
    try {
      const response = await httpRequest(url, { timeoutMs: Math.max(1_000, options.intervalMs) });
      const at = performance.now();
      if (response.status === 200) return at - proc.spawnedAt;
      throw new NotReadyError(
        `${proc.name}: GET ${url} answered ${response.status}, expected 200. ` +
          `Body starts: ${JSON.stringify(response.body.slice(0, 300))}\nServer output:\n${proc.output().slice(-4_000)}`,
      );
    } catch (error) {
      if (error instanceof NotReadyError) throw error;
      // ECONNREFUSED and the like: not listening yet.
    }
    if (performance.now() > deadline) {
      throw new Error(
        `${proc.name} did not answer 200 within ${options.timeoutMs} ms. Output:\n${proc.output()}`,
      );
    }
    await sleep(options.intervalMs);
  }
}

class NotReadyError extends Error {}

function postForm(
  origin: string,
  path: string,
  fields: Record<string, string>,
  cookie?: string,
): Promise<HttpResponse> {
  return httpRequest(`${origin}${path}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: origin,
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams(fields).toString(),
    timeoutMs: 15_000,
  });
}

function expectRedirect(what: string, response: HttpResponse): void {
  if (response.status < 300 || response.status >= 400) {
    throw new Error(
      `${what} answered ${response.status}, expected a redirect. ` +
        `Body starts: ${JSON.stringify(response.body.slice(0, 300))}`,
    );
  }
}

function sessionCookie(what: string, response: HttpResponse): string {
  const cookie = (response.headers["set-cookie"] ?? [])
    .map((header) => header.split(";")[0]?.trim() ?? "")
    .find(
      (pair) => pair.startsWith("practica_session=") && pair.length > "practica_session=".length,
    );
  if (!cookie) throw new Error(`${what} set no practica_session cookie`);
  return cookie;
}

/**
 * Signs in through the real form (POST /sign-in, same-origin Origin header) and returns the
 * `practica_session=…` pair from the redirect's Set-Cookie, ready for a Cookie header.
 */
export async function signIn(origin: string, credentials: Credentials): Promise<string> {
  const what = `signing in as ${credentials.email}`;
  const response = await postForm(origin, "/sign-in", {
    email: credentials.email,
    password: credentials.password,
  });
  expectRedirect(what, response);
  return sessionCookie(what, response);
}

/** Creates an account through the sign-up form and returns its session cookie, as signIn does. */
export async function signUp(
  origin: string,
  member: Credentials & { displayName: string },
): Promise<string> {
  const what = `signing up as ${member.email}`;
  const response = await postForm(origin, "/sign-up", {
    displayName: member.displayName,
    email: member.email,
    password: member.password,
  });
  expectRedirect(what, response);
  return sessionCookie(what, response);
}

/** Enrols the signed-in person in a course through the course page's form. */
export async function enrol(origin: string, courseSlug: string, cookie: string): Promise<void> {
  const response = await postForm(origin, `/courses/${courseSlug}`, { intent: "enrol" }, cookie);
  expectRedirect(`enrolling in ${courseSlug}`, response);
}
