import { redirect } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { Cookie } from "lucia";
import { userRoles } from "../../../db/schema";
import { db } from "~/utils/db.server";
import { lucia } from "./lucia.server";
import { renewSessionCookie } from "./session-renewal.server";

import { ROLES, type Role } from "./roles";

export { ROLES, type Role };

export interface CurrentUser {
  id: string;
  email: string;
  displayName: string;
  emailVerified: boolean;
  timeZone: string | null;
  /** Profile fields the search log keeps as coarse labels (query-log.server.ts). */
  organisationRole: string | null;
  sector: string | null;
  roles: Role[];
  sessionId: string;
}

// Root and route loaders of one request each ask who is signed in; answer once per request.
const usersByRequest = new WeakMap<Request, Promise<CurrentUser | null>>();

export function getOptionalUser(request: Request): Promise<CurrentUser | null> {
  let pending = usersByRequest.get(request);
  if (!pending) {
    pending = loadUser(request);
    usersByRequest.set(request, pending);
  }
  return pending;
}

/**
 * Asked of the database at every request, never remembered across requests: a sign-out, a
 * role revoked or an account suspended (by this process, another one sharing PostgreSQL, or
 * a script) holds from the next request. It is one statement (lucia.server.ts).
 */
function loadUser(request: Request): Promise<CurrentUser | null> {
  const sessionId = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (!sessionId) return Promise.resolve(null);
  return loadSessionUser(sessionId, isHttps(request));
}

async function loadSessionUser(sessionId: string, isSecure: boolean): Promise<CurrentUser | null> {
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session) return null;
  // lucia has just pushed the session's expiry 30 days on: the cookie follows.
  if (session.fresh) renewSessionCookie(withSecureFlag(lucia.createSessionCookie(session.id), isSecure));
  if (user.suspended) {
    await lucia.invalidateUserSessions(user.id);
    return null;
  }
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    emailVerified: user.emailVerified,
    timeZone: user.timeZone,
    organisationRole: user.organisationRole,
    sector: user.sector,
    // Read with the session, in the same statement (lucia.server.ts).
    roles: user.roles,
    sessionId: session.id,
  };
}

export async function getRoles(userId: string): Promise<Role[]> {
  const rows = await db
    .select({ role: userRoles.role })
    .from(userRoles)
    .where(eq(userRoles.userId, userId));
  return rows.map((row) => row.role).sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b));
}

/** The signed-in person, or a redirect to sign in that brings them back here. */
export async function requireUser(request: Request): Promise<CurrentUser> {
  const user = await getOptionalUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const redirectTo = `${url.pathname}${url.search}`;
  throw redirect(`/sign-in?${new URLSearchParams({ redirectTo })}`);
}

export function hasRole(user: Pick<CurrentUser, "roles"> | null, role: Role): boolean {
  return Boolean(user?.roles.includes(role));
}

/**
 * The signed-in person holding `role`, or any one of the roles given (`requireRole(request,
 * "facilitator", "admin")`); anyone else gets 403 (or sign-in when anonymous).
 */
export async function requireRole(
  request: Request,
  role: Role,
  ...otherRoles: Role[]
): Promise<CurrentUser> {
  const user = await requireUser(request);
  if (![role, ...otherRoles].some((accepted) => hasRole(user, accepted))) {
    throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  }
  return user;
}

/** Pages for signed-out visitors (sign in, sign up) send signed-in people home. */
export async function requireAnonymous(request: Request): Promise<void> {
  if (await getOptionalUser(request)) throw redirect("/");
}

function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}

/** `Secure` whenever the site is served over HTTPS, so plain http://127.0.0.1 still works. */
function withSecureFlag(cookie: Cookie, requestOrIsSecure: Request | boolean): string {
  const secure = typeof requestOrIsSecure === "boolean" ? requestOrIsSecure : isHttps(requestOrIsSecure);
  return new Cookie(cookie.name, cookie.value, { ...cookie.attributes, secure }).serialize();
}

export async function startSession(request: Request, userId: string): Promise<Headers> {
  const session = await lucia.createSession(userId, {});
  return new Headers({
    "Set-Cookie": withSecureFlag(lucia.createSessionCookie(session.id), request),
  });
}

export async function endSession(request: Request): Promise<Headers> {
  const sessionId = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (sessionId) await lucia.invalidateSession(sessionId);
  return new Headers({ "Set-Cookie": withSecureFlag(lucia.createBlankSessionCookie(), request) });
}

export async function endAllSessions(request: Request, userId: string): Promise<Headers> {
  await lucia.invalidateUserSessions(userId);
  return new Headers({ "Set-Cookie": withSecureFlag(lucia.createBlankSessionCookie(), request) });
}

/** Ends every other session of the person, keeping the one making this request. */
export async function endOtherSessions(userId: string, keepSessionId: string): Promise<void> {
  const all = await lucia.getUserSessions(userId);
  await Promise.all(
    all.filter((session) => session.id !== keepSessionId).map((s) => lucia.invalidateSession(s.id)),
  );
}
