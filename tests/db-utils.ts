/**
 * Factories and helpers for tests that use the per-file database (tests/setup/db-setup.ts).
 * They write through the app's own `db`, so they see exactly what the app sees.
 */
import { randomBytes } from "node:crypto";
import { count, eq } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { outbox, userRoles, users } from "../db/schema";
import { hashPassword } from "~/modules/auth/password.server";
import { startSession, type Role } from "~/modules/auth/session.server";
import { MAIL_ACTION_LINK } from "~/modules/mail/mail.server";
import { db } from "~/utils/db.server";

export const TEST_PASSWORD = "a-long-test-passphrase";

// argon2 takes tens of milliseconds; hash the shared password once per file.
let testPasswordHash: Promise<string> | undefined;
function getTestPasswordHash(): Promise<string> {
  testPasswordHash ??= hashPassword(TEST_PASSWORD);
  return testPasswordHash;
}

/** An address no other test uses (lower case, as EmailSchema stores it). */
export function uniqueEmail(prefix = "person"): string {
  return `${prefix}-${randomBytes(4).toString("hex")}@example.test`.toLowerCase();
}

export interface TestUserOptions {
  email?: string;
  displayName?: string;
  password?: string;
  roles?: Role[];
  suspended?: boolean;
  emailVerified?: boolean;
  organisation?: string;
}

export interface TestUser {
  id: string;
  email: string;
  displayName: string;
  password: string;
}

export async function createTestUser(options: TestUserOptions = {}): Promise<TestUser> {
  const id = crypto.randomUUID();
  const email = options.email ?? uniqueEmail();
  const displayName = options.displayName ?? `Test Person ${id.slice(0, 8)}`;
  const password = options.password ?? TEST_PASSWORD;
  await db.insert(users).values({
    id,
    email,
    displayName,
    organisation: options.organisation ?? null,
    passwordHash:
      password === TEST_PASSWORD ? await getTestPasswordHash() : await hashPassword(password),
    emailVerifiedAt: options.emailVerified ? new Date() : null,
    suspendedAt: options.suspended ? new Date() : null,
  });
  for (const role of options.roles ?? []) {
    await db.insert(userRoles).values({ userId: id, role });
  }
  return { id, email, displayName, password };
}

export async function countRows(table: PgTable): Promise<number> {
  const [row] = await db.select({ value: count() }).from(table);
  return row?.value ?? 0;
}

/** A GET request as a browser would send it, with a cookie when given. */
export function makeRequest(url = "http://localhost/", cookie?: string): Request {
  return new Request(url, { headers: cookie ? { Cookie: cookie } : {} });
}

/** The `name=value` part of a Set-Cookie header, ready for a Cookie header. */
export function cookieFrom(headers: Headers): string {
  const setCookie = headers.get("Set-Cookie");
  if (!setCookie) throw new Error("no Set-Cookie header");
  return setCookie.split(";")[0] ?? "";
}

/** Signs `userId` in as the app does and returns the Cookie header of that browser. */
export async function signIn(userId: string, url = "http://localhost/"): Promise<string> {
  return cookieFrom(await startSession(makeRequest(url), userId));
}

/**
 * Mails stored for `recipient`, newest last: the outbox rows as stored, and `text` as the
 * recipient reads it (with the action link, while the outbox still holds it).
 */
export async function getMailsTo(recipient: string) {
  const rows = await db
    .select()
    .from(outbox)
    .where(eq(outbox.recipient, recipient))
    .orderBy(outbox.id);
  return rows.map((row) => ({
    ...row,
    text: row.actionLink ? row.textBody.replaceAll(MAIL_ACTION_LINK, row.actionLink) : row.textBody,
  }));
}

/** The token at the end of the first link to `path` in a mail body, e.g. "/reset-password/". */
export function extractToken(text: string, path: string): string {
  const escaped = path.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  const match = new RegExp(`${escaped}([A-Za-z0-9_-]+)`).exec(text);
  if (!match?.[1]) throw new Error(`no ${path} link in: ${text}`);
  return match[1];
}
