import { DrizzlePostgreSQLAdapter } from "@lucia-auth/adapter-drizzle";
import { Lucia, TimeSpan } from "lucia";
import { sessions, users } from "../../../db/schema";
import { db } from "~/utils/db.server";
import { SESSION_COOKIE_NAME } from "./session-cookie";

/*
 * lucia v3 is deprecated upstream (docs/decisions/004-lucia-sessions.md): everything that
 * touches it stays in app/modules/auth so it can be replaced here alone.
 */
export const lucia = new Lucia(new DrizzlePostgreSQLAdapter(db as never, sessions, users), {
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
  }),
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    DatabaseUserAttributes: {
      // The adapter hands over the drizzle row, so these are the schema's property names.
      email: string;
      displayName: string;
      emailVerifiedAt: Date | null;
      suspendedAt: Date | null;
      timeZone: string | null;
    };
  }
}
