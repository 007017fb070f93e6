/**
 * Account mail through the queue: what the outbox keeps of a reset or verification link, and
 * that asking for a reset never waits for the mail server. The SMTP server is a fake on a
 * local port (tests/fake-smtp-server.ts); everything else is the real app and database.
 */
import { afterAll, describe, expect, it } from "vitest";
import { useFakeSmtpAsMailServer } from "../../../tests/fake-smtp-server";
import { createTestUser, extractToken, getMailsTo, uniqueEmail } from "../../../tests/db-utils";
import { runDueJobs, stopJobQueue } from "../jobs/queue.server";
import { deliverMailJob } from "../mail/mail.server";
import {
  requestPasswordReset,
  resetPasswordWithToken,
  sendEmailVerification,
} from "./accounts.server";

const ORIGIN = "https://practica.example";

const useSmtp = useFakeSmtpAsMailServer();
afterAll(() => stopJobQueue());

function newClientAddress() {
  return `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
}

async function lastMailTo(email: string) {
  const mail = (await getMailsTo(email)).at(-1);
  if (!mail) throw new Error(`no mail to ${email}`);
  return mail;
}

describe("the outbox keeps no live link once a mail is delivered", () => {
  it("a delivered reset mail's row no longer holds the token, which still works for its reader", async () => {
    const server = await useSmtp("accept");
    const user = await createTestUser();
    await requestPasswordReset({
      email: user.email,
      origin: ORIGIN,
      clientAddress: newClientAddress(),
    });
    const queued = await lastMailTo(user.email);
    const token = extractToken(queued.text, `${ORIGIN}/reset-password/`);

    await runDueJobs({ jobs: [deliverMailJob] });
    const delivered = await lastMailTo(user.email);
    expect(delivered.status).toBe("sent");
    expect(JSON.stringify(delivered)).not.toContain(token);
    // The recipient got the working link.
    expect(server.messages[0]).toContain(`${ORIGIN}/reset-password/${token}`);
    expect(await resetPasswordWithToken(token, "a brand new passphrase")).toBe(true);
  });

  it("a delivered verification mail's row no longer holds the token", async () => {
    await useSmtp("accept");
    const user = await createTestUser();
    await sendEmailVerification({ userId: user.id, origin: ORIGIN });
    const token = extractToken((await lastMailTo(user.email)).text, `${ORIGIN}/verify-email/`);
    await runDueJobs({ jobs: [deliverMailJob] });
    expect(JSON.stringify(await lastMailTo(user.email))).not.toContain(token);
  });

  it("an undelivered reset mail (no SMTP server) keeps its link for admins to read", async () => {
    const user = await createTestUser();
    await requestPasswordReset({
      email: user.email,
      origin: ORIGIN,
      clientAddress: newClientAddress(),
    });
    const mail = await lastMailTo(user.email);
    expect(mail.status).toBe("stored");
    const token = extractToken(mail.text, `${ORIGIN}/reset-password/`);
    expect(mail.actionLink).toBe(`${ORIGIN}/reset-password/${token}`);
  });
});

describe("forgotten password with a mail server that never answers", () => {
  it("answers a known address at once: the request only queues the mail", async () => {
    const server = await useSmtp("hang");
    const user = await createTestUser();
    const timings: Record<string, number> = {};
    for (const [label, email] of [
      ["known", user.email],
      ["unknown", uniqueEmail("stranger")],
    ] as const) {
      const startedAt = performance.now();
      expect(
        await requestPasswordReset({ email, origin: ORIGIN, clientAddress: newClientAddress() }),
      ).toEqual({ ok: true });
      timings[label] = performance.now() - startedAt;
    }
    // Nobody talked to the mail server during either request.
    expect(server.connections).toBe(0);
    expect(timings.known).toBeLessThan(2_000);
    expect(timings.unknown).toBeLessThan(2_000);
    expect((await lastMailTo(user.email)).status).toBe("queued");
  });
});
