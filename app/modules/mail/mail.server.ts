import { desc, eq, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { z } from "zod";
import { outbox } from "../../../db/schema";
import { db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";
import { defineJob, enqueue, prepareJobs, type Transaction } from "../jobs/queue.server";

/**
 * Where a mail's action link goes in its text. The link itself (a password-reset or
 * verification URL carrying a token) is stored apart, so the outbox can drop it once the mail
 * is delivered: nobody reading the outbox or the database afterwards holds a live link.
 */
export const MAIL_ACTION_LINK = "[[action-link]]";

export interface OutgoingMail {
  to: string;
  subject: string;
  /** The text; when `actionLink` is given, it holds MAIL_ACTION_LINK where the link goes. */
  text: string;
  actionLink?: string;
  /**
   * The action link turns these mails off (notifications): delivery also sends it as a
   * List-Unsubscribe header, with one-click unsubscribe (RFC 8058).
   */
  actionLinkUnsubscribes?: boolean;
}

export type OutboxStatus = (typeof outbox.status.enumValues)[number];

/** How long one SMTP delivery may take, connecting included. */
const SMTP_TIMEOUT_SECONDS = 30;

const transporters = new Map<string, Transporter>();
function getTransporter(smtpUrl: string): Transporter {
  let transporter = transporters.get(smtpUrl);
  if (!transporter) {
    const timeoutMs = SMTP_TIMEOUT_SECONDS * 1000;
    transporter = nodemailer.createTransport({
      url: smtpUrl,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
    transporters.set(smtpUrl, transporter);
  }
  return transporter;
}

function withActionLink(text: string, link: string): string {
  return text.replaceAll(MAIL_ACTION_LINK, link);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Delivers one outbox mail by SMTP. A failure is recorded on the row ("retrying", or "failed"
 * after the last attempt) and thrown, so the queue retries it with back-off; success marks
 * it "sent" and drops its action link.
 */
export const deliverMailJob = defineJob({
  name: "mail.deliver",
  schema: z.object({ outboxId: z.number().int() }),
  retryLimit: 8,
  retryDelaySeconds: 30,
  retryBackoff: true,
  retryDelayMaxSeconds: 60 * 60,
  timeoutSeconds: SMTP_TIMEOUT_SECONDS + 10,
  async handler({ outboxId }, { attempt, isLastAttempt, signal }) {
    const [mail] = await db.select().from(outbox).where(eq(outbox.id, outboxId));
    // Sent already (a retry after a crash that followed delivery), or stored by design.
    if (!mail || mail.status === "sent" || mail.status === "stored") return;
    const env = getEnv();
    if (!env.SMTP_URL) {
      // SMTP was turned off since the mail was queued: keep it for admins to read.
      await db.update(outbox).set({ status: "stored" }).where(eq(outbox.id, outboxId));
      return;
    }
    await db
      .update(outbox)
      .set({ status: "sending", attempts: attempt })
      .where(eq(outbox.id, outboxId));
    try {
      const sending = getTransporter(env.SMTP_URL).sendMail({
        from: env.MAIL_FROM,
        to: mail.recipient,
        subject: mail.subject,
        text: mail.actionLink ? withActionLink(mail.textBody, mail.actionLink) : mail.textBody,
        ...(mail.actionLink && mail.actionLinkUnsubscribes
          ? {
              headers: {
                "List-Unsubscribe": `<${mail.actionLink}>`,
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
              },
            }
          : {}),
      });
      await new Promise<void>((resolve, reject) => {
        signal.addEventListener("abort", () => reject(signal.reason), { once: true });
        sending.then(() => resolve(), reject);
      });
    } catch (error) {
      const message = messageOf(error);
      logger.warn({ outboxId, attempt, err: message }, "mail delivery failed");
      await db
        .update(outbox)
        .set({
          status: isLastAttempt ? "failed" : "retrying",
          error: message,
          // Given up: nobody will deliver this link any more, so nobody keeps it.
          ...(isLastAttempt ? { actionLink: null } : {}),
        })
        .where(eq(outbox.id, outboxId));
      throw error;
    }
    await db
      .update(outbox)
      .set({ status: "sent", sentAt: sql`now()`, error: null, actionLink: null })
      .where(eq(outbox.id, outboxId));
  },
});

/**
 * Stores the mail in the outbox and, when SMTP_URL is set, enqueues its delivery; never waits
 * for the mail server, so a slow or broken one cannot slow or break the request. Pass `tx` to
 * store and enqueue inside the caller's transaction. Without SMTP the mail stays "stored" for
 * admins to read, so the demo works offline.
 */
export async function sendMail(
  mail: OutgoingMail,
  { tx }: { tx?: Transaction } = {},
): Promise<void> {
  if (mail.actionLink !== undefined && !mail.text.includes(MAIL_ACTION_LINK)) {
    throw new Error("sendMail: the text has no MAIL_ACTION_LINK for its action link");
  }
  const hasSmtp = Boolean(getEnv().SMTP_URL);
  const store = async (database: Transaction) => {
    const [row] = await database
      .insert(outbox)
      .values({
        recipient: mail.to,
        subject: mail.subject,
        textBody: mail.text,
        actionLink: mail.actionLink ?? null,
        actionLinkUnsubscribes: Boolean(mail.actionLink && mail.actionLinkUnsubscribes),
        status: hasSmtp ? "queued" : "stored",
      })
      .returning({ id: outbox.id });
    if (hasSmtp && row) await enqueue(deliverMailJob, { outboxId: row.id }, { tx: database });
  };
  if (tx) return store(tx);
  // The queue is made ready first: inside the transaction, PGlite's one connection is taken.
  if (hasSmtp) await prepareJobs([deliverMailJob]);
  await db.transaction(store);
}

export async function listOutbox({ page, pageSize }: { page: number; pageSize: number }) {
  const rows = await db
    .select()
    .from(outbox)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize);
  return { mails: rows.slice(0, pageSize), hasMore: rows.length > pageSize };
}

/**
 * A mail's text as an admin may read it at /admin/outbox: with its action link only while the
 * mail is stored undelivered (no SMTP configured). Otherwise the link is gone (delivered, or
 * given up) or is kept only for the delivery job, and a notice stands in its place.
 */
export function outboxTextForAdmin(
  mail: { textBody: string; actionLink: string | null; status: OutboxStatus },
  notices: { sent: string; failed: string; pending: string },
): string {
  if (!mail.textBody.includes(MAIL_ACTION_LINK)) return mail.textBody;
  if (mail.status === "stored" && mail.actionLink)
    return withActionLink(mail.textBody, mail.actionLink);
  const notice =
    mail.status === "sent"
      ? notices.sent
      : mail.status === "failed"
        ? notices.failed
        : notices.pending;
  return withActionLink(mail.textBody, notice);
}
