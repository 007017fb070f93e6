import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { emailTokens, users } from "../../../db/schema";
import { t } from "~/i18n";
import "~/i18n/accounts";
import { db } from "~/utils/db.server";
import { MAIL_ACTION_LINK, sendMail } from "../mail/mail.server";
import { mayUsePassword } from "./demo-accounts.server";
import { lucia } from "./lucia.server";
import { getDummyPasswordHash, hashPassword, verifyPassword } from "./password.server";
import { RATE_LIMITS, hitRateLimit, resetRateLimit } from "./rate-limit.server";
import { generateToken, hashToken } from "./tokens.server";

const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;
const EMAIL_VERIFICATION_TTL_MS = 24 * 60 * 60 * 1000;

export async function isEmailTaken(email: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return Boolean(row);
}

export async function createAccount(input: {
  displayName: string;
  email: string;
  password: string;
}): Promise<{ id: string } | null> {
  const id = crypto.randomUUID();
  // Two sign-ups racing for one address: the unique index decides, the loser gets null.
  const inserted = await db
    .insert(users)
    .values({
      id,
      displayName: input.displayName,
      email: input.email,
      passwordHash: await hashPassword(input.password),
    })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  return inserted[0] ?? null;
}

export type AuthenticationResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "demo-elsewhere" }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

/**
 * Checks an email and password. Unknown email, wrong password and suspended account all give
 * the same "invalid" answer after the same work, so the response reveals nothing.
 */
export async function authenticate(input: {
  email: string;
  password: string;
  clientAddress: string;
  /** From the computer Practica runs on (app/utils/this-machine.server.ts): demo accounts may sign in. */
  fromThisMachine?: boolean;
}): Promise<AuthenticationResult> {
  const addressLimit = await hitRateLimit(
    `sign-in:address:${input.clientAddress}`,
    RATE_LIMITS.signInPerAddress,
  );
  if (!addressLimit.allowed) return { ok: false, reason: "rate-limited", ...addressLimit };

  // Every attempt is counted before the password is checked, in one atomic statement, so a
  // burst of parallel guesses cannot all pass the check; a successful sign-in clears the count.
  const accountKey = `sign-in:account:${input.email}`;
  const accountLimit = await hitRateLimit(accountKey, RATE_LIMITS.signInFailuresPerAccount);
  if (!accountLimit.allowed) return { ok: false, reason: "rate-limited", ...accountLimit };

  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, suspendedAt: users.suspendedAt })
    .from(users)
    .where(eq(users.email, input.email));
  const passwordMatches = await verifyPassword(
    user?.passwordHash ?? (await getDummyPasswordHash()),
    input.password,
  );
  if (!user || !passwordMatches || user.suspendedAt) return { ok: false, reason: "invalid" };
  // The published demo password opens nothing from elsewhere (demo-accounts.server.ts).
  if (!mayUsePassword(input.password, input.fromThisMachine ?? false)) return { ok: false, reason: "demo-elsewhere" };
  await resetRateLimit(accountKey);
  return { ok: true, userId: user.id };
}

export async function changePassword(input: {
  userId: string;
  currentPassword: string;
  newPassword: string;
}): Promise<{ ok: true } | { ok: false; reason: "wrong-current-password" }> {
  const [user] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, input.userId));
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    return { ok: false, reason: "wrong-current-password" };
  }
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(input.newPassword), updatedAt: sql`now()` })
    .where(eq(users.id, input.userId));
  return { ok: true };
}

async function issueEmailToken(input: {
  userId: string;
  email: string;
  purpose: "password-reset" | "email-verification";
  ttlMs: number;
}): Promise<string> {
  const token = generateToken();
  await db.insert(emailTokens).values({
    tokenHash: hashToken(token),
    purpose: input.purpose,
    userId: input.userId,
    email: input.email,
    expiresAt: new Date(Date.now() + input.ttlMs),
  });
  return token;
}

/** Marks a token used and returns it, if it is valid; a token works once. */
async function consumeEmailToken(token: string, purpose: "password-reset" | "email-verification") {
  const [row] = await db
    .update(emailTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(emailTokens.tokenHash, hashToken(token)),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, sql`now()`),
      ),
    )
    .returning({ userId: emailTokens.userId, email: emailTokens.email });
  return row;
}

export async function isPasswordResetTokenUsable(token: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: emailTokens.userId })
    .from(emailTokens)
    .where(
      and(
        eq(emailTokens.tokenHash, hashToken(token)),
        eq(emailTokens.purpose, "password-reset"),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, sql`now()`),
      ),
    );
  return Boolean(row);
}

export type PasswordResetRequestResult =
  | { ok: true }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

/**
 * Mails a reset link when the address belongs to an account. The answer is the same
 * whether or not it does, so the form cannot be used to find out who has an account.
 */
export async function requestPasswordReset(input: {
  email: string;
  origin: string;
  clientAddress: string;
}): Promise<PasswordResetRequestResult> {
  const addressLimit = await hitRateLimit(
    `reset:address:${input.clientAddress}`,
    RATE_LIMITS.passwordResetPerAddress,
  );
  if (!addressLimit.allowed) return { ok: false, reason: "rate-limited", ...addressLimit };
  const accountLimit = await hitRateLimit(
    `reset:account:${input.email}`,
    RATE_LIMITS.passwordResetPerAccount,
  );
  if (!accountLimit.allowed) return { ok: false, reason: "rate-limited", ...accountLimit };

  const [user] = await db
    .select({ id: users.id, displayName: users.displayName, suspendedAt: users.suspendedAt })
    .from(users)
    .where(eq(users.email, input.email));
  if (!user || user.suspendedAt) return { ok: true };

  const token = await issueEmailToken({
    userId: user.id,
    email: input.email,
    purpose: "password-reset",
    ttlMs: PASSWORD_RESET_TTL_MS,
  });
  await sendMail({
    to: input.email,
    subject: t("auth.forgot.mailSubject"),
    text: t("auth.forgot.mailText", { name: user.displayName, link: MAIL_ACTION_LINK }),
    actionLink: `${input.origin}/reset-password/${token}`,
  });
  return { ok: true };
}

/** Sets a new password from a reset link and signs the account out everywhere. */
export async function resetPasswordWithToken(token: string, newPassword: string): Promise<boolean> {
  const row = await consumeEmailToken(token, "password-reset");
  if (!row) return false;
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(newPassword), updatedAt: sql`now()` })
    .where(eq(users.id, row.userId));
  await lucia.invalidateUserSessions(row.userId);
  await resetRateLimit(`sign-in:account:${row.email}`);
  return true;
}

export async function sendEmailVerification(input: { userId: string; origin: string }) {
  const [user] = await db
    .select({ email: users.email, displayName: users.displayName })
    .from(users)
    .where(eq(users.id, input.userId));
  if (!user) return;
  const token = await issueEmailToken({
    userId: input.userId,
    email: user.email,
    purpose: "email-verification",
    ttlMs: EMAIL_VERIFICATION_TTL_MS,
  });
  await sendMail({
    to: user.email,
    subject: t("auth.verify.mailSubject"),
    text: t("auth.verify.mailText", { name: user.displayName, link: MAIL_ACTION_LINK }),
    actionLink: `${input.origin}/verify-email/${token}`,
  });
}

/** Verifies the address the link was sent to, if the account still has that address. */
export async function verifyEmailWithToken(token: string): Promise<boolean> {
  const row = await consumeEmailToken(token, "email-verification");
  if (!row) return false;
  const updated = await db
    .update(users)
    .set({ emailVerifiedAt: sql`now()` })
    .where(and(eq(users.id, row.userId), eq(users.email, row.email)))
    .returning({ id: users.id });
  return updated.length > 0;
}

/** Counts a sign-up attempt from this address; false when the address is over its limit. */
export function hitSignUpRateLimit(clientAddress: string) {
  return hitRateLimit(`sign-up:address:${clientAddress}`, RATE_LIMITS.signUpPerAddress);
}
