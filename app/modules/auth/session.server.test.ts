import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sessions, users } from "../../../db/schema";
import { cookieFrom, createTestUser, makeRequest, signIn } from "../../../tests/db-utils";
import { db } from "~/utils/db.server";
import { grantRole, setSuspended } from "../admin/admin.server";
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

  it("is remembered for a moment, but never past a change made through this server", async () => {
    const person = await createTestUser();
    const admin = await createTestUser({ roles: ["admin"] });
    const cookie = await signIn(person.id);
    const ask = () => getOptionalUser(makeRequest(undefined, cookie));
    expect(await ask()).toMatchObject({ roles: [] });

    // A change behind the modules' back is seen once the entry expires (SESSION_CACHE_MS)...
    await db.update(users).set({ displayName: "Renamed quietly" }).where(eq(users.id, person.id));
    expect((await ask())?.displayName).not.toBe("Renamed quietly");
    // ...and any change made through them at once.
    await grantRole(admin.id, person.id, "facilitator");
    expect(await ask()).toMatchObject({
      displayName: "Renamed quietly",
      roles: ["facilitator"],
    });
    await updateProfile(person.id, { displayName: "Renamed openly" } as ProfileInput);
    expect((await ask())?.displayName).toBe("Renamed openly");
    await setSuspended(admin.id, person.id, true);
    expect(await ask()).toBeNull();
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
