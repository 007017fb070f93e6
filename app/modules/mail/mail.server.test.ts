import { eq } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { outbox } from "../../../db/schema";
import { useFakeSmtpAsMailServer } from "../../../tests/fake-smtp-server";
import { getMailsTo, uniqueEmail } from "../../../tests/db-utils";
import { db } from "~/utils/db.server";
import { resetEnvCache } from "~/utils/env.server";
import { prepareJobs, runDueJobs, stopJobQueue } from "../jobs/queue.server";
import { getOutboxPage } from "./outbox-page.server";
import {
  MAIL_ACTION_LINK,
  deliverMailJob,
  listOutbox,
  outboxTextForAdmin,
  sendMail,
} from "./mail.server";

const LINK = "https://practica.example/reset-password/secret-token-123";
const NOTICES = { sent: "[removed: sent]", failed: "[removed: failed]", pending: "[hidden]" };

const useSmtp = useFakeSmtpAsMailServer();
afterAll(() => stopJobQueue());

function deliverDueMail(options: { includeDelayed?: boolean } = {}) {
  return runDueJobs({ jobs: [deliverMailJob], ...options });
}

async function rowOf(to: string) {
  const [mail] = await getMailsTo(to);
  if (!mail) throw new Error(`no mail to ${to}`);
  return mail;
}

describe("sendMail without an SMTP server", () => {
  it("keeps the mail, link included, in the outbox for admins to read", async () => {
    const to = uniqueEmail("reader");
    await sendMail({ to, subject: "Welcome", text: `Open ${MAIL_ACTION_LINK}`, actionLink: LINK });
    const mail = await rowOf(to);
    expect(mail).toMatchObject({
      recipient: to,
      subject: "Welcome",
      status: "stored",
      error: null,
    });
    expect(mail.text).toBe(`Open ${LINK}`);
    expect(outboxTextForAdmin(mail, NOTICES)).toBe(`Open ${LINK}`);
    expect(await deliverDueMail()).toEqual({ completed: 0, failed: 0 });
  });

  it("refuses an action link the text has no place for, rather than lose it", async () => {
    await expect(
      sendMail({ to: uniqueEmail("x"), subject: "Hi", text: "No link here", actionLink: LINK }),
    ).rejects.toThrow(/MAIL_ACTION_LINK/);
  });
});

describe("sendMail with an SMTP server", () => {
  beforeEach(() => prepareJobs([deliverMailJob]));

  it("only queues the mail: the mail server is reached by the job, not by the caller", async () => {
    const server = await useSmtp("accept");
    const to = uniqueEmail("queued");
    await sendMail({ to, subject: "Queued", text: `Open ${MAIL_ACTION_LINK}`, actionLink: LINK });
    expect(server.connections).toBe(0);
    expect(await rowOf(to)).toMatchObject({ status: "queued", attempts: 0 });

    expect(await deliverDueMail()).toEqual({ completed: 1, failed: 0 });
    expect(server.messages).toHaveLength(1);
    expect(server.messages[0]).toContain(`Open ${LINK}`);
    expect(server.messages[0]).toContain(`To: ${to}`);
  });

  it("drops the action link once the mail is delivered", async () => {
    await useSmtp("accept");
    const to = uniqueEmail("delivered");
    await sendMail({ to, subject: "Reset", text: `Open ${MAIL_ACTION_LINK}`, actionLink: LINK });
    await deliverDueMail();
    const mail = await rowOf(to);
    expect(mail).toMatchObject({ status: "sent", attempts: 1, actionLink: null, error: null });
    expect(mail.sentAt).toBeInstanceOf(Date);
    expect(JSON.stringify(mail)).not.toContain("secret-token-123");
    expect(outboxTextForAdmin(mail, NOTICES)).toBe(`Open ${NOTICES.sent}`);
  });

  it("retries a failed delivery with back-off and delivers it in the end", async () => {
    // The first connection is told "try again later", the next ones are accepted.
    const server = await useSmtp((connection) => (connection === 1 ? "reject" : "accept"));
    const to = uniqueEmail("unlucky");
    await sendMail({ to, subject: "Hi", text: `Open ${MAIL_ACTION_LINK}`, actionLink: LINK });

    expect(await deliverDueMail()).toEqual({ completed: 0, failed: 1 });
    const retrying = await rowOf(to);
    expect(retrying).toMatchObject({ status: "retrying", attempts: 1 });
    expect(retrying.error).toMatch(/451/);
    // The link is kept for the retry, but an admin does not see it.
    expect(retrying.actionLink).toBe(LINK);
    expect(outboxTextForAdmin(retrying, NOTICES)).toBe(`Open ${NOTICES.pending}`);
    // The retry waits for its delay.
    expect(await deliverDueMail()).toEqual({ completed: 0, failed: 0 });

    expect(await deliverDueMail({ includeDelayed: true })).toEqual({ completed: 1, failed: 0 });
    expect(await rowOf(to)).toMatchObject({
      status: "sent",
      attempts: 2,
      error: null,
      actionLink: null,
    });
    expect(server.messages).toHaveLength(1);
  });

  it("marks the mail failed for good after the last retry, and keeps it", async () => {
    await useSmtp("reject");
    const to = uniqueEmail("bounced");
    await sendMail({ to, subject: "Hi", text: `Open ${MAIL_ACTION_LINK}`, actionLink: LINK });
    await deliverDueMail({ includeDelayed: true });
    const mail = await rowOf(to);
    expect(mail).toMatchObject({
      status: "failed",
      attempts: deliverMailJob.retryLimit + 1,
      actionLink: null,
      subject: "Hi",
    });
    expect(mail.error).toMatch(/451/);
  });

  it("records a refused connection as a retry, not an error for the caller", async () => {
    // Nothing listens on port 1: a real connection refusal.
    process.env.SMTP_URL = "smtp://127.0.0.1:1";
    resetEnvCache();
    const to = uniqueEmail("refused");
    await expect(sendMail({ to, subject: "Hi", text: "Body" })).resolves.toBeUndefined();
    await deliverDueMail();
    const mail = await rowOf(to);
    expect(mail.status).toBe("retrying");
    expect(mail.error).toBeTruthy();
    expect(mail.sentAt).toBeNull();
  });

  it("stores and queues inside the caller's transaction, or not at all", async () => {
    const server = await useSmtp("accept");
    const kept = uniqueEmail("kept");
    const rolledBack = uniqueEmail("rolled-back");
    await db.transaction(async (tx) => {
      await sendMail({ to: kept, subject: "Kept", text: "Body" }, { tx });
    });
    await db
      .transaction(async (tx) => {
        await sendMail({ to: rolledBack, subject: "Gone", text: "Body" }, { tx });
        tx.rollback();
      })
      .catch(() => undefined);
    expect(await db.select().from(outbox).where(eq(outbox.recipient, rolledBack))).toEqual([]);
    expect(await deliverDueMail()).toEqual({ completed: 1, failed: 0 });
    expect(server.messages).toHaveLength(1);
    expect(server.messages[0]).toContain(`To: ${kept}`);
  });
});

describe("the outbox page", () => {
  it("shows each mail's state, attempts and last error, and a link only while stored undelivered", async () => {
    const stored = uniqueEmail("page-stored");
    await sendMail({
      to: stored,
      subject: "Stored",
      text: `Open ${MAIL_ACTION_LINK}`,
      actionLink: LINK,
    });

    await prepareJobs([deliverMailJob]);
    await useSmtp((connection) => (connection === 1 ? "reject" : "accept"));
    const retrying = uniqueEmail("page-retrying");
    await sendMail({
      to: retrying,
      subject: "Retrying",
      text: `Open ${MAIL_ACTION_LINK}`,
      actionLink: LINK,
    });
    await deliverDueMail();
    const sent = uniqueEmail("page-sent");
    await sendMail({
      to: sent,
      subject: "Sent",
      text: `Open ${MAIL_ACTION_LINK}`,
      actionLink: LINK,
    });
    await deliverDueMail();
    const queued = uniqueEmail("page-queued");
    await sendMail({
      to: queued,
      subject: "Queued",
      text: `Open ${MAIL_ACTION_LINK}`,
      actionLink: LINK,
    });

    const { mails } = await getOutboxPage({ page: 1, pageSize: 50 });
    const byRecipient = new Map(mails.map((mail) => [mail.recipient, mail]));
    expect(byRecipient.get(stored)).toMatchObject({
      status: "stored",
      statusLabel: "Stored, not sent (no SMTP server configured)",
      text: `Open ${LINK}`,
      attempts: 0,
    });
    expect(byRecipient.get(retrying)).toMatchObject({
      status: "retrying",
      statusLabel: "Sending failed, will retry",
      text: "Open [link hidden: the mail is waiting to be delivered]",
      attempts: 1,
      lastError: expect.stringMatching(/451/),
    });
    expect(byRecipient.get(sent)).toMatchObject({
      status: "sent",
      statusLabel: "Sent",
      text: "Open [link removed after delivery]",
      attempts: 1,
      lastError: null,
      sentAt: expect.stringMatching(/UTC$/),
    });
    expect(byRecipient.get(queued)).toMatchObject({ status: "queued", statusLabel: "Queued" });
    expect(JSON.stringify(mails.filter((mail) => mail.status !== "stored"))).not.toContain(LINK);
  });
});

describe("listOutbox", () => {
  it("pages newest first", async () => {
    const to = uniqueEmail("paged");
    for (const subject of ["one", "two", "three"]) await sendMail({ to, subject, text: subject });
    const first = await listOutbox({ page: 1, pageSize: 2 });
    expect(first.mails.map((mail) => mail.subject)).toEqual(["three", "two"]);
    expect(first.hasMore).toBe(true);
  });
});
