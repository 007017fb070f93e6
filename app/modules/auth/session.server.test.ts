import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sessions, userRoles, users } from "../../../db/schema";
import { cookieFrom, createTestUser, makeRequest, signIn } from "../../../tests/db-utils";
import { db } from "~/utils/db.server";
import { grantRole, revokeRole, setSuspended } from "../admin/admin.server";
import { updateProfile } from "../people/profile.server";
import type { ProfileInput } from "../people/schemas";
import {
  endSession,
  getOptionalUser,
  requireRole,
  requireUser,
  startSession,
} from "./session.server";

/** Runs `action` and returns what it threw. */
async function thrownBy(action: () => Promise<unknown>): Promise<unknown> {
  try {
    await action();
  } catch (thrown) {
    return thrown;
  }
  throw new Error("expected a throw");
}

describe("startSession", () => {
  it("sets an HttpOnly, SameSite=Lax cookie that identifies the person and their roles", async () => {
    const person = await createTestUser({
      roles: ["moderator", "facilitator"],
      emailVerified: true,
    });
    const headers = await startSession(makeRequest("http://localhost/sign-in"), person.id);
    const setCookie = headers.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(/^practica_session=[^;]+/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    expect(setCookie).toContain("Path=/");

    const user = await getOptionalUser(makeRequest("http://localhost/", cookieFrom(headers)));
    expect(user).toMatchObject({
      id: person.id,
      email: person.email,
      displayName: person.displayName,
      emailVerified: true,
      roles: ["facilitator", "moderator"],
    });
    expect(user).not.toHaveProperty("passwordHash");
  });

  it("marks the cookie Secure only over https", async () => {
    const person = await createTestUser();
    const overHttp = await startSession(makeRequest("http://127.0.0.1:3000/sign-in"), person.id);
    const overHttps = await startSession(
      makeRequest("https://practica.example/sign-in"),
      person.id,
    );
    expect(overHttp.get("Set-Cookie")).not.toMatch(/;\s*Secure/);
    expect(overHttps.get("Set-Cookie")).toMatch(/;\s*Secure/);
  });
});

describe("getOptionalUser", () => {
  it("is null without a cookie and with an unknown session", async () => {
    expect(await getOptionalUser(makeRequest())).toBeNull();
    expect(await getOptionalUser(makeRequest(undefined, "practica_session=made-up"))).toBeNull();
  });

  it("is null once the person is suspended, and ends their sessions", async () => {
    const person = await createTestUser();
    const cookie = await signIn(person.id);
    await db.update(users).set({ suspendedAt: new Date() }).where(eq(users.id, person.id));
    expect(await getOptionalUser(makeRequest(undefined, cookie))).toBeNull();
    expect(await db.select().from(sessions).where(eq(sessions.userId, person.id))).toEqual([]);
  });

  it("sees every change at the very next request, whoever made it", async () => {
    const person = await createTestUser({ roles: ["facilitator"] });
    const admin = await createTestUser({ roles: ["admin"] });
    const cookie = await signIn(person.id);
    // A new Request each time, as each page view is.
    const ask = () => getOptionalUser(makeRequest(undefined, cookie));
    expect(await ask()).toMatchObject({ roles: ["facilitator"] });

    // Changed in the database behind the modules' back (a script, another instance).
    await db.update(users).set({ displayName: "Renamed quietly" }).where(eq(users.id, person.id));
    expect((await ask())?.displayName).toBe("Renamed quietly");
    await db.insert(userRoles).values({ userId: person.id, role: "moderator" });
    expect((await ask())?.roles).toEqual(["facilitator", "moderator"]);

    // Changed through the modules.
    await revokeRole(admin.id, person.id, "facilitator");
    expect((await ask())?.roles).toEqual(["moderator"]);
    const refused = await thrownBy(() =>
      requireRole(makeRequest("http://localhost/facilitate", cookie), "facilitator"),
    );
    expect((refused as Response).status).toBe(403);
    await grantRole(admin.id, person.id, "facilitator");
    expect((await ask())?.roles).toEqual(["facilitator", "moderator"]);
    await updateProfile(person.id, { displayName: "Renamed openly" } as ProfileInput);
    expect((await ask())?.displayName).toBe("Renamed openly");
    await setSuspended(admin.id, person.id, true);
    expect(await ask()).toBeNull();
  });

  it("refuses a session ended or an account suspended directly in the database at the next request", async () => {
    const person = await createTestUser();
    const cookie = await signIn(person.id);
    const otherDevice = await signIn(person.id);
    expect(await getOptionalUser(makeRequest(undefined, cookie))).toMatchObject({ id: person.id });
    const sessionId = cookie.split("=")[1] ?? "";
    await db.delete(sessions).where(eq(sessions.id, sessionId));
    expect(await getOptionalUser(makeRequest(undefined, cookie))).toBeNull();

    expect(await getOptionalUser(makeRequest(undefined, otherDevice))).toMatchObject({ id: person.id });
    await db.update(users).set({ suspendedAt: new Date() }).where(eq(users.id, person.id));
    expect(await getOptionalUser(makeRequest(undefined, otherDevice))).toBeNull();
  });

  it("answers the root and the route loaders of one request with one lookup", async () => {
    const person = await createTestUser();
    const request = makeRequest(undefined, await signIn(person.id));
    const first = getOptionalUser(request);
    expect(getOptionalUser(request)).toBe(first);
    expect(await first).toMatchObject({ id: person.id });
  });
});

describe("endSession", () => {
  it("invalidates the session and clears the cookie", async () => {
    const person = await createTestUser();
    const cookie = await signIn(person.id);
    const otherDevice = await signIn(person.id);

    const headers = await endSession(makeRequest("http://localhost/sign-out", cookie));
    expect(headers.get("Set-Cookie")).toMatch(/^practica_session=;.*Max-Age=0/);
    expect(await getOptionalUser(makeRequest(undefined, cookie))).toBeNull();
    // Only this browser signs out.
    expect(await getOptionalUser(makeRequest(undefined, otherDevice))).toMatchObject({
      id: person.id,
    });
  });
});

describe("requireUser", () => {
  it("redirects an anonymous visitor to sign in, remembering where they were", async () => {
    const thrown = await thrownBy(() =>
      requireUser(makeRequest("http://localhost/courses/privacy?tab=2")),
    );
    expect(thrown).toBeInstanceOf(Response);
    const response = thrown as Response;
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("Location") ?? "", "http://localhost");
    expect(location.pathname).toBe("/sign-in");
    expect(location.searchParams.get("redirectTo")).toBe("/courses/privacy?tab=2");
  });

  it("returns the signed-in person", async () => {
    const person = await createTestUser();
    const user = await requireUser(makeRequest(undefined, await signIn(person.id)));
    expect(user.id).toBe(person.id);
  });
});

describe("requireRole", () => {
  it("answers 403 to a learner", async () => {
    const learner = await createTestUser();
    const request = makeRequest("http://localhost/admin", await signIn(learner.id));
    const thrown = await thrownBy(() => requireRole(request, "admin"));
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(403);
  });

  it("answers 403 to someone holding a different role", async () => {
    const moderator = await createTestUser({ roles: ["moderator"] });
    const request = makeRequest("http://localhost/admin", await signIn(moderator.id));
    const thrown = await thrownBy(() => requireRole(request, "admin"));
    expect((thrown as Response).status).toBe(403);
  });

  it("returns an admin", async () => {
    const admin = await createTestUser({ roles: ["admin"] });
    const request = makeRequest("http://localhost/admin", await signIn(admin.id));
    expect(await requireRole(request, "admin")).toMatchObject({ id: admin.id, roles: ["admin"] });
  });

  it("accepts any one of several roles, and still refuses the others", async () => {
    const facilitator = await createTestUser({ roles: ["facilitator"] });
    const expert = await createTestUser({ roles: ["expert"] });
    const asFacilitator = makeRequest("http://localhost/", await signIn(facilitator.id));
    const asExpert = makeRequest("http://localhost/", await signIn(expert.id));
    expect(await requireRole(asFacilitator, "admin", "facilitator")).toMatchObject({
      id: facilitator.id,
    });
    const thrown = await thrownBy(() => requireRole(asExpert, "admin", "facilitator"));
    expect((thrown as Response).status).toBe(403);
  });

  it("sends an anonymous visitor to sign in rather than 403", async () => {
    const thrown = await thrownBy(() =>
      requireRole(makeRequest("http://localhost/admin"), "admin"),
    );
    expect((thrown as Response).status).toBe(302);
  });
});
