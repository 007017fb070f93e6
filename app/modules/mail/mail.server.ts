import { desc, eq, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { outbox } from "../../../db/schema";
import { db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

let transporter: Transporter | undefined;
function getTransporter(smtpUrl: string): Transporter {
  transporter ??= nodemailer.createTransport(smtpUrl);
  return transporter;
}

/**
 * Records the mail in the outbox, then delivers it when SMTP_URL is set. Without SMTP the
 * mail stays in the outbox for admins to read, so the demo works offline. Delivery failures
 * are recorded, never thrown: a slow or broken mail server must not break sign-up.
 */
export async function sendMail(mail: OutgoingMail): Promise<void> {
  const env = getEnv();
  const [row] = await db
    .insert(outbox)
    .values({ recipient: mail.to, subject: mail.subject, textBody: mail.text, status: "stored" })
    .returning({ id: outbox.id });
  if (!env.SMTP_URL || !row) return;
  try {
    await getTransporter(env.SMTP_URL).sendMail({ from: env.MAIL_FROM, ...mail });
    await db.update(outbox).set({ status: "sent", sentAt: sql`now()` }).where(eq(outbox.id, row.id));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.warn({ outboxId: row.id, err: message }, "mail delivery failed");
    await db.update(outbox).set({ status: "failed", error: message }).where(eq(outbox.id, row.id));
  }
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
