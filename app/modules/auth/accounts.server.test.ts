import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { emailTokens, outbox, sessions, users } from "../../../db/schema";
import {
  countRows,
  createTestUser,
  extractToken,
  getMailsTo,
  makeRequest,
  signIn,
  uniqueEmail,
} from "../../../tests/db-utils";
import { db } from "~/utils/db.server";
import { resetEnvCache } from "~/utils/env.server";
import {
  authenticate,
  changePassword,
  createAccount,
  hitSignUpRateLimit,
  isEmailTaken,
  isPasswordResetTokenUsable,
  requestPasswordReset,
  resetPasswordWithToken,
  sendEmailVerification,
  verifyEmailWithToken,
} from "./accounts.server";
import { getOptionalUser } from "./session.server";
import { hashToken } from "./tokens.server";

const ORIGIN = "https://practica.example";
const PASSWORD = "river stone lantern nine";

/** Each test signs in from its own address, so address limits of one test never touch another. */
function newClientAddress() {
  return `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
}

async function newAccount(password = PASSWORD) {
  const email = uniqueEmail("account");
  const created = await createAccount({ displayName: "Ada Example", email, password });
  if (!created) throw new Error(`${email} already taken`);
  return { id: created.id, email, password };
}

describe("createAccount and authenticate", () => {
  it("signs in with the password chosen at sign-up", async () => {
    const account = await newAccount();
    expect(await isEmailTaken(account.email)).toBe(true);
    const [row] = await db.select().from(users).where(eq(users.id, account.id));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row?.passwordHash).not.toContain(account.password);

    const result = await authenticate({
      email: account.email,
      password: account.password,
      clientAddress: newClientAddress(),
    });
    expect(result).toEqual({ ok: true, userId: account.id });
  });

  it("refuses a second account with the same email", async () => {
    const account = await newAccount();
    const second = await createAccount({
      displayName: "Copy",
      email: account.email,
      password: "another passphrase",
    });
    expect(second).toBeNull();
    const rows = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, account.email));
    expect(rows).toEqual([{ id: account.id }]);
  });

  it("answers a wrong password and an unknown email the same way", async () => {
    const account = await newAccount();
    const clientAddress = newClientAddress();
    const wrongPassword = await authenticate({
      email: account.email,
      password: "not it at all",
      clientAddress,
    });
    const unknownEmail = await authenticate({
      email: uniqueEmail("nobody"),
      password: account.password,
      clientAddress,
    });
    expect(wrongPassword).toEqual({ ok: false, reason: "invalid" });
    expect(unknownEmail).toEqual(wrongPassword);
  });

  it("does not let a suspended person sign in, even with the right password", async () => {
    const person = await createTestUser({ suspended: true });
    const result = await authenticate({
      email: person.email,
      password: person.password,
      clientAddress: newClientAddress(),
    });
    expect(result).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("per-account failure limit", () => {
  it("after 10 wrong passwords even the right one is refused", async () => {
    const account = await newAccount();
    const clientAddress = newClientAddress();
    for (let attempt = 1; attempt <= 10; attempt++) {
      const result = await authenticate({
        email: account.email,
        password: `wrong-${attempt}`,
        clientAddress,
      });
      expect(result).toEqual({ ok: false, reason: "invalid" });
    }
    const result = await authenticate({
      email: account.email,
      password: account.password,
      clientAddress,
    });
    expect(result).toMatchObject({ ok: false, reason: "rate-limited" });
    if (!result.ok && result.reason === "rate-limited") {
      expect(result.retryAfterSeconds).toBeGreaterThan(0);
      expect(result.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    }
  });

  it("a parallel burst of guesses gets no more than 10 passwords checked", async () => {
    const account = await newAccount();
    const clientAddress = newClientAddress();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, attempt) =>
        authenticate({ email: account.email, password: `guess-${attempt}`, clientAddress }),
      ),
    );
    expect(results.filter((result) => !result.ok && result.reason === "invalid")).toHaveLength(10);
    expect(results.filter((result) => !result.ok && result.reason === "rate-limited")).toHaveLength(20);
    expect(
      await authenticate({ email: account.email, password: account.password, clientAddress }),
    ).toMatchObject({ ok: false, reason: "rate-limited" });
  });

  it("a success below the limit clears the failures", async () => {
    const account = await newAccount();
    const clientAddress = newClientAddress();
    const signIn = (password: string) =>
      authenticate({ email: account.email, password, clientAddress });
    for (let attempt = 1; attempt <= 9; attempt++) await signIn("wrong");
    expect(await signIn(account.password)).toEqual({ ok: true, userId: account.id });
    // The count started again: nine more failures still leave the account usable.
    for (let attempt = 1; attempt <= 9; attempt++) await signIn("wrong");
    expect(await signIn(account.password)).toEqual({ ok: true, userId: account.id });
  });

  describe("with RATE_LIMIT_FACTOR", () => {
    afterEach(() => {
      delete process.env.RATE_LIMIT_FACTOR;
      resetEnvCache();
    });

    it("scales the limit: 0.3 allows 3 failures instead of 10", async () => {
      process.env.RATE_LIMIT_FACTOR = "0.3";
      resetEnvCache();
      const account = await newAccount();
      const clientAddress = newClientAddress();
      for (let attempt = 1; attempt <= 3; attempt++) {
        await authenticate({ email: account.email, password: "wrong", clientAddress });
      }
      const result = await authenticate({
        email: account.email,
        password: account.password,
        clientAddress,
      });
      expect(result).toMatchObject({ ok: false, reason: "rate-limited" });
    });
  });
});

describe("a workshop behind one office address", () => {
  it("lets 40 people sign up and sign in at once, with a typo each", async () => {
    const officeAddress = newClientAddress();
    const people = Array.from({ length: 40 }, (_, index) => ({
      displayName: `Participant ${index + 1}`,
      email: uniqueEmail(`participant-${index + 1}`),
      password: `workshop passphrase number ${index + 1}`,
    }));

    const outcomes = await Promise.all(
      people.map(async (person) => {
        const signUp = await hitSignUpRateLimit(officeAddress);
        if (!signUp.allowed) return { signUp };
        const created = await createAccount(person);
        const typo = await authenticate({
          email: person.email,
          password: `${person.password}x`,
          clientAddress: officeAddress,
        });
        const signIn = await authenticate({
          email: person.email,
          password: person.password,
          clientAddress: officeAddress,
        });
        return { signUp, createdId: created?.id, typo, signIn };
      }),
    );

    expect(outcomes).toHaveLength(40);
    for (const outcome of outcomes) {
      expect(outcome.signUp.allowed).toBe(true);
      expect(outcome.createdId).toEqual(expect.any(String));
      expect(outcome.typo).toEqual({ ok: false, reason: "invalid" });
      expect(outcome.signIn).toEqual({ ok: true, userId: outcome.createdId });
    }
  });
});

describe("password reset", () => {
  async function requestReset(email: string) {
    return requestPasswordReset({ email, origin: ORIGIN, clientAddress: newClientAddress() });
  }

  async function resetTokenFor(email: string) {
    expect(await requestReset(email)).toEqual({ ok: true });
    const mails = await getMailsTo(email);
    const mail = mails.at(-1);
    if (!mail) throw new Error("no reset mail");
    return { mail, token: extractToken(mail.text, `${ORIGIN}/reset-password/`) };
  }

  it("mails a link and stores only a hash of its token", async () => {
    const account = await newAccount();
    const { mail, token } = await resetTokenFor(account.email);
    expect(mail).toMatchObject({ recipient: account.email, status: "stored" });
    expect(mail.text).toContain(`${ORIGIN}/reset-password/${token}`);

    const rows = await db.select().from(emailTokens).where(eq(emailTokens.userId, account.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ tokenHash: hashToken(token), purpose: "password-reset" });
    for (const row of await db.select().from(emailTokens)) {
      expect(JSON.stringify(row)).not.toContain(token);
    }
  });

  it("sets the new password once; the link then stops working", async () => {
    const account = await newAccount();
    const { token } = await resetTokenFor(account.email);
    expect(await isPasswordResetTokenUsable(token)).toBe(true);

    expect(await resetPasswordWithToken(token, "a brand new passphrase")).toBe(true);
    expect(await isPasswordResetTokenUsable(token)).toBe(false);
    expect(await resetPasswordWithToken(token, "yet another passphrase")).toBe(false);

    const clientAddress = newClientAddress();
    expect(
      await authenticate({ email: account.email, password: account.password, clientAddress }),
    ).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(
      await authenticate({
        email: account.email,
        password: "a brand new passphrase",
        clientAddress,
      }),
    ).toEqual({ ok: true, userId: account.id });
  });

  it("refuses an expired link", async () => {
    const account = await newAccount();
    const { token } = await resetTokenFor(account.email);
    await db
      .update(emailTokens)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(emailTokens.tokenHash, hashToken(token)));
    expect(await isPasswordResetTokenUsable(token)).toBe(false);
    expect(await resetPasswordWithToken(token, "a brand new passphrase")).toBe(false);
  });

  it("refuses a made-up token", async () => {
    expect(await resetPasswordWithToken("not-a-real-token", "a brand new passphrase")).toBe(false);
  });

  it("signs the account out everywhere", async () => {
    const account = await newAccount();
    const cookies = [await signIn(account.id), await signIn(account.id)];
    expect(await getOptionalUser(makeRequest(undefined, cookies[0]))).not.toBeNull();

    const { token } = await resetTokenFor(account.email);
    expect(await resetPasswordWithToken(token, "a brand new passphrase")).toBe(true);

    for (const cookie of cookies) {
      expect(await getOptionalUser(makeRequest(undefined, cookie))).toBeNull();
    }
    expect(await db.select().from(sessions).where(eq(sessions.userId, account.id))).toEqual([]);
  });

  it("gives an unknown address the same answer and sends nothing", async () => {
    const mailsBefore = await countRows(outbox);
    const tokensBefore = await countRows(emailTokens);
    expect(await requestReset(uniqueEmail("stranger"))).toEqual({ ok: true });
    expect(await countRows(outbox)).toBe(mailsBefore);
    expect(await countRows(emailTokens)).toBe(tokensBefore);
  });
});

describe("email verification", () => {
  async function verificationTokenFor(userId: string, email: string) {
    await sendEmailVerification({ userId, origin: ORIGIN });
    const mail = (await getMailsTo(email)).at(-1);
    if (!mail) throw new Error("no verification mail");
    return extractToken(mail.text, `${ORIGIN}/verify-email/`);
  }

  async function verifiedAt(userId: string) {
    const [row] = await db
      .select({ at: users.emailVerifiedAt })
      .from(users)
      .where(eq(users.id, userId));
    return row?.at ?? null;
  }

  it("verifies the address once", async () => {
    const account = await newAccount();
    const token = await verificationTokenFor(account.id, account.email);
    expect(await verifiedAt(account.id)).toBeNull();

    expect(await verifyEmailWithToken(token)).toBe(true);
    expect(await verifiedAt(account.id)).toBeInstanceOf(Date);
    expect(await verifyEmailWithToken(token)).toBe(false);
  });

  it("does not verify an address the link was not sent to", async () => {
    const account = await newAccount();
    const token = await verificationTokenFor(account.id, account.email);
    const newEmail = uniqueEmail("changed");
    await db.update(users).set({ email: newEmail }).where(eq(users.id, account.id));

    expect(await verifyEmailWithToken(token)).toBe(false);
    expect(await verifiedAt(account.id)).toBeNull();
  });

  it("does not accept a password-reset token as a verification token", async () => {
    const account = await newAccount();
    await requestPasswordReset({
      email: account.email,
      origin: ORIGIN,
      clientAddress: newClientAddress(),
    });
    const mail = (await getMailsTo(account.email)).at(-1);
    const token = extractToken(mail?.text ?? "", `${ORIGIN}/reset-password/`);
    expect(await verifyEmailWithToken(token)).toBe(false);
    expect(await verifiedAt(account.id)).toBeNull();
  });
});

describe("changePassword", () => {
  it("refuses a wrong current password and keeps the old one", async () => {
    const account = await newAccount();
    const result = await changePassword({
      userId: account.id,
      currentPassword: "not my password",
      newPassword: "a brand new passphrase",
    });
    expect(result).toEqual({ ok: false, reason: "wrong-current-password" });
    expect(
      await authenticate({
        email: account.email,
        password: account.password,
        clientAddress: newClientAddress(),
      }),
    ).toEqual({ ok: true, userId: account.id });
  });

  it("changes it with the right current password", async () => {
    const account = await newAccount();
    expect(
      await changePassword({
        userId: account.id,
        currentPassword: account.password,
        newPassword: "a brand new passphrase",
      }),
    ).toEqual({ ok: true });
    const clientAddress = newClientAddress();
    expect(
      await authenticate({ email: account.email, password: account.password, clientAddress }),
    ).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(
      await authenticate({
        email: account.email,
        password: "a brand new passphrase",
        clientAddress,
      }),
    ).toEqual({ ok: true, userId: account.id });
  });
});
