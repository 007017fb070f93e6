import { DrizzlePostgreSQLAdapter } from "@lucia-auth/adapter-drizzle";
import { eq, sql } from "drizzle-orm";
import { Lucia, TimeSpan, type DatabaseSession, type DatabaseUser } from "lucia";
import { sessions, users } from "../../../db/schema";
import { db } from "~/utils/db.server";
import { ROLES, type Role } from "./roles";
import { SESSION_COOKIE_NAME } from "./session-cookie";

/*
 * lucia v3 is deprecated upstream (docs/decisions/004-lucia-sessions.md): everything that
 * touches it stays in app/modules/auth so it can be replaced here alone.
 */

function isRole(value: unknown): value is Role {
  return (ROLES as readonly unknown[]).includes(value);
}

/**
 * lucia's drizzle adapter, except that who a session belongs to is one statement: the
 * session, the user's columns pages use (never the password hash) and their roles. Every
 * signed-in request asks, and with the embedded database each statement blocks the only
 * thread (docs/decisions/010).
 */
class SessionAdapter extends DrizzlePostgreSQLAdapter {
  override async getSessionAndUser(
    sessionId: string,
  ): Promise<[session: DatabaseSession | null, user: DatabaseUser | null]> {
    const [row] = await db
      .select({
        sessionId: sessions.id,
        userId: sessions.userId,
        expiresAt: sessions.expiresAt,
        email: users.email,
        displayName: users.displayName,
        emailVerifiedAt: users.emailVerifiedAt,
        suspendedAt: users.suspendedAt,
        timeZone: users.timeZone,
        organisationRole: users.organisationRole,
        sector: users.sector,
        // JSON, which both drivers parse, rather than an array of the enum, which they do not;
        // written out with table names, as drizzle leaves columns unqualified in a subquery.
        roles: sql<unknown>`coalesce((select json_agg(granted.role) from user_roles granted where granted.user_id = users.id), '[]'::json)`,
      })
      .from(sessions)
      .innerJoin(users, eq(sessions.userId, users.id))
      .where(eq(sessions.id, sessionId));
    if (!row) return [null, null];
    const roles = Array.isArray(row.roles) ? row.roles.filter(isRole) : [];
    return [
      { id: row.sessionId, userId: row.userId, expiresAt: row.expiresAt, attributes: {} },
      {
        id: row.userId,
        attributes: {
          email: row.email,
          displayName: row.displayName,
          emailVerifiedAt: row.emailVerifiedAt,
          suspendedAt: row.suspendedAt,
          timeZone: row.timeZone,
          organisationRole: row.organisationRole,
          sector: row.sector,
          roles: roles.sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b)),
        },
      },
    ];
  }
}

export const lucia = new Lucia(new SessionAdapter(db as never, sessions, users), {
  sessionExpiresIn: new TimeSpan(30, "d"),
  sessionCookie: {
    name: SESSION_COOKIE_NAME,
    // `Secure` is decided per request (see session.server.ts): HTTPS gets it, plain
    // http://127.0.0.1 must still be able to sign in.
    attributes: { sameSite: "lax", secure: false },
  },
  // Only what pages need; the password hash never leaves the database layer.
  getUserAttributes: (attributes) => ({
    email: attributes.email,
    displayName: attributes.displayName,
    emailVerified: attributes.emailVerifiedAt !== null,
    suspended: attributes.suspendedAt !== null,
    timeZone: attributes.timeZone,
    organisationRole: attributes.organisationRole,
    sector: attributes.sector,
    roles: attributes.roles,
  }),
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    DatabaseUserAttributes: {
      email: string;
      displayName: string;
      emailVerifiedAt: Date | null;
      suspendedAt: Date | null;
      timeZone: string | null;
      organisationRole: string | null;
      sector: string | null;
      /** Sorted as ROLES lists them. */
      roles: Role[];
    };
  }
}
