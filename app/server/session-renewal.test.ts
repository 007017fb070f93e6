import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions } from "../../db/schema";
import { createTestUser, signIn } from "../../tests/db-utils";
import { getOptionalUser } from "~/modules/auth/session.server";
import { db } from "~/utils/db.server";
import { sendRenewedSessionCookies, trustProxies } from "./security";

const DAY_MS = 24 * 60 * 60 * 1000;

/** A server whose only page asks who is signed in, as every loader does. */
function startApp() {
  const app = express();
  trustProxies(app, 1);
  app.use(sendRenewedSessionCookies);
  app.get("*", (req, res, next) => {
    const request = new Request(`${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`, {
      headers: { Cookie: req.get("cookie") ?? "" },
    });
    getOptionalUser(request)
      .then((user) => res.type("text/plain").send(user?.id ?? "anonymous"))
      .catch(next);
  });
  const server = app.listen(0, "127.0.0.1");
  return new Promise<{ close: () => void; origin: string }>((resolve) => {
    server.once("listening", () =>
      resolve({
        close: () => server.close(),
        origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      }),
    );
  });
}

async function sessionWithDaysLeft(days: number) {
  const person = await createTestUser();
  const cookie = await signIn(person.id);
  const sessionId = cookie.split("=")[1] ?? "";
  await db
    .update(sessions)
    .set({ expiresAt: sql`now() + make_interval(days => ${days})` })
    .where(eq(sessions.id, sessionId));
  return { person, cookie, sessionId };
}

describe("renewing sessions", () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  it("a session past half its life is extended, and the response carries the renewed cookie", async () => {
    const { person, cookie, sessionId } = await sessionWithDaysLeft(10);
    const response = await fetch(app.origin, { headers: { Cookie: cookie } });
    expect(await response.text()).toBe(person.id);
    const setCookie = response.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(new RegExp(`^practica_session=${sessionId};`));
    expect(setCookie).toContain("HttpOnly");
    const maxAgeSeconds = Number(/Max-Age=(\d+)/i.exec(setCookie)?.[1]);
    expect(maxAgeSeconds * 1000).toBeGreaterThan(29 * DAY_MS);
    expect(setCookie).not.toContain("Secure");

    const [row] = await db.select().from(sessions).where(eq(sessions.id, sessionId));
    expect(row?.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * DAY_MS);

    // Renewed once: the next request has nothing to renew.
    const next = await fetch(app.origin, { headers: { Cookie: cookie } });
    expect(next.headers.get("set-cookie")).toBeNull();
  });

  it("over HTTPS the renewed cookie is Secure", async () => {
    const { cookie } = await sessionWithDaysLeft(10);
    const response = await fetch(app.origin, { headers: { Cookie: cookie, "X-Forwarded-Proto": "https" } });
    expect(response.headers.get("set-cookie")).toContain("Secure");
  });

  it("a session in the first half of its life is left alone", async () => {
    const { cookie } = await sessionWithDaysLeft(20);
    const response = await fetch(app.origin, { headers: { Cookie: cookie } });
    expect(response.headers.get("set-cookie")).toBeNull();
  });
});
