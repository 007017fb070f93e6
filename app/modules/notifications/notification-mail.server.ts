/**
 * Notification mail: grouped per person and kind, written by a job on the shared queue, each
 * with a single-purpose unsubscribe link that works without signing in.
 */
import { and, asc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import {
  notificationMailSchedule,
  notificationUnsubscribeTokens,
  notifications,
  users,
} from "../../../db/schema";
import { t } from "~/i18n";
import "~/i18n/notifications";
import { db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { defaultPublicOrigin } from "~/utils/http.server";
import { generateToken, hashToken } from "../auth/tokens.server";
import { defineJob, enqueue, prepareJobs, type Transaction } from "../jobs/queue.server";
import { MAIL_ACTION_LINK, deliverMailJob, sendMail } from "../mail/mail.server";
import { getNotificationKind, sendsMail, type AnyNotificationKind } from "./kind.server";
import { effectiveDeliveries, setNotificationPreferences } from "./preferences.server";
import { visibleNotificationSql } from "./visibility.server";

/** Events of one kind for one person within this window arrive in one mail. */
export const NOTIFICATION_MAIL_DELAY_SECONDS = 15 * 60;
/** A grouped mail lists this many events, then points to the notifications page. */
const MAIL_ITEMS_LIMIT = 10;
/** Long enough for a mail read late; a used link is spent at once. */
const UNSUBSCRIBE_TOKEN_DAYS = 180;

/**
 * Where mail links point: PUBLIC_URL, else this machine. A job has no request, and a request's
 * Host header is never trusted for mail anyway.
 */
export function mailOrigin(): string {
  const env = getEnv();
  return env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, "") : defaultPublicOrigin(env);
}

/** Writes the grouped mail of one kind for one person: everything pending that they may still see. */
export const notificationMailJob = defineJob({
  name: "notification-mail.send",
  schema: z.object({ userId: z.string().min(1), kind: z.string().min(1) }),
  retryLimit: 5,
  async handler({ userId, kind: kindKey }) {
    // Delivery is enqueued inside the transaction below: on PGlite its queue must exist first.
    if (getEnv().SMTP_URL) await prepareJobs([deliverMailJob]);
    await db.transaction(async (tx) => {
      // Events from now on open a new window (and a new job).
      await tx
        .delete(notificationMailSchedule)
        .where(and(eq(notificationMailSchedule.userId, userId), eq(notificationMailSchedule.kind, kindKey)));
      const pending = await tx
        .update(notifications)
        .set({ mailPending: false })
        .where(
          and(
            eq(notifications.recipientId, userId),
            eq(notifications.kind, kindKey),
            eq(notifications.mailPending, true),
          ),
        )
        .returning({ id: notifications.id });
      const kind = getNotificationKind(kindKey);
      if (!kind || pending.length === 0) return;
      // The person may have turned mail off, or lost access, since the events.
      const delivery = (await effectiveDeliveries(tx, [userId], kind)).get(userId);
      if (!delivery || !sendsMail(delivery)) return;
      const rows = await tx
        .select({
          data: notifications.data,
          link: notifications.link,
          count: notifications.count,
        })
        .from(notifications)
        .where(
          and(
            inArray(
              notifications.id,
              pending.map((row) => row.id),
            ),
            visibleNotificationSql(),
          ),
        )
        .orderBy(asc(notifications.createdAt), asc(notifications.id));
      if (rows.length === 0) return;
      const [person] = await tx
        .select({ email: users.email, displayName: users.displayName, suspendedAt: users.suspendedAt })
        .from(users)
        .where(eq(users.id, userId));
      if (!person || person.suspendedAt) return;
      const token = await createUnsubscribeToken(tx, userId, kind.key);
      const origin = mailOrigin();
      await sendMail(
        {
          to: person.email,
          ...notificationMailContent(kind, rows, { name: person.displayName, origin }),
          actionLink: `${origin}/notifications/unsubscribe/${token}`,
          actionLinkUnsubscribes: true,
        },
        { tx },
      );
    });
  },
});

/** Subject and text of a grouped mail; MAIL_ACTION_LINK stands where the unsubscribe link goes. */
export function notificationMailContent(
  kind: AnyNotificationKind,
  rows: ReadonlyArray<{ data: unknown; link: string; count: number }>,
  { name, origin }: { name: string; origin: string },
): { subject: string; text: string } {
  const described = rows.map((row) => {
    const data = kind.dataSchema.safeParse(row.data);
    const text = data.success ? kind.describe(data.data, row.count) : { title: t("notifications.unavailable") };
    return { ...text, url: `${origin}${row.link}`, count: row.count };
  });
  const total = described.reduce((sum, item) => sum + item.count, 0);
  const first = described[0];
  const subject =
    total === 1 && first
      ? t("notifications.mail.subjectOne", { title: first.title })
      : t("notifications.mail.subjectMany", { count: total, kind: kind.label() });
  const items = described.slice(0, MAIL_ITEMS_LIMIT).map((item) =>
    [
      `- ${item.title}`,
      ...(item.summary ? [`  ${item.summary}`] : []),
      ...(item.count > 1 ? [`  (${t("notifications.more", { count: item.count - 1 })})`] : []),
      `  ${item.url}`,
    ].join("\n"),
  );
  const text = [
    t("notifications.mail.greeting", { name }),
    "",
    ...items,
    "",
    t("notifications.mail.seeAll", { url: `${origin}/notifications` }),
    t("notifications.mail.settings", { url: `${origin}/account/notifications` }),
    t("notifications.mail.unsubscribe", { kind: kind.label(), link: MAIL_ACTION_LINK }),
    "",
  ].join("\n");
  return { subject, text };
}

/**
 * Opens (or joins) the mail window of each person for this kind. Only the person's first
 * event in a window enqueues a job; the schedule row, not the queue, is what groups them.
 */
export async function scheduleNotificationMail(tx: Transaction, userIds: readonly string[], kind: string) {
  if (userIds.length === 0) return;
  const dueAt = new Date(Date.now() + NOTIFICATION_MAIL_DELAY_SECONDS * 1000);
  // An existing row is updated to itself rather than skipped: that locks it, so a job about to
  // delete it waits for this transaction and then sees its events (none is left pending alone).
  const rows = await tx
    .insert(notificationMailSchedule)
    .values(userIds.map((userId) => ({ userId, kind, dueAt })))
    .onConflictDoUpdate({
      target: [notificationMailSchedule.userId, notificationMailSchedule.kind],
      set: { dueAt: sql`${notificationMailSchedule.dueAt}` },
    })
    .returning({ userId: notificationMailSchedule.userId, opened: sql<boolean>`xmax = 0` });
  for (const { userId } of rows.filter((row) => row.opened)) {
    await enqueue(notificationMailJob, { userId, kind }, { tx, startAfterSeconds: NOTIFICATION_MAIL_DELAY_SECONDS });
  }
}

export async function createUnsubscribeToken(
  executor: Transaction,
  userId: string,
  kind: string,
): Promise<string> {
  const token = generateToken();
  await executor.insert(notificationUnsubscribeTokens).values({
    tokenHash: hashToken(token),
    userId,
    kind,
    expiresAt: new Date(Date.now() + UNSUBSCRIBE_TOKEN_DAYS * 24 * 60 * 60 * 1000),
  });
  return token;
}

const usableToken = (token: string) =>
  and(
    eq(notificationUnsubscribeTokens.tokenHash, hashToken(token)),
    isNull(notificationUnsubscribeTokens.usedAt),
    gt(notificationUnsubscribeTokens.expiresAt, sql`now()`),
  );

/** What an unused, unexpired unsubscribe link would turn off (its kind's name), or null. */
export async function findUnsubscribeLink(token: string): Promise<{ kindLabel: string } | null> {
  if (!token || token.length > 200) return null;
  const [row] = await db
    .select({ kind: notificationUnsubscribeTokens.kind })
    .from(notificationUnsubscribeTokens)
    .where(usableToken(token));
  const kind = row && getNotificationKind(row.kind);
  return kind ? { kindLabel: kind.label() } : null;
}

/**
 * Spends an unsubscribe link: mail of its one kind stops for its one person (the page keeps
 * showing that kind if it did). Null when the link is unknown, used or expired.
 */
export async function unsubscribeWithToken(token: string): Promise<{ kindLabel: string } | null> {
  if (!token || token.length > 200) return null;
  return db.transaction(async (tx) => {
    const [spent] = await tx
      .update(notificationUnsubscribeTokens)
      .set({ usedAt: new Date() })
      .where(usableToken(token))
      .returning({ userId: notificationUnsubscribeTokens.userId, kind: notificationUnsubscribeTokens.kind });
    const kind = spent && getNotificationKind(spent.kind);
    if (!spent || !kind) return null;
    const current = (await effectiveDeliveries(tx, [spent.userId], kind)).get(spent.userId);
    if (current === "both" || current === "email") {
      await setNotificationPreferences(spent.userId, { [kind.key]: current === "both" ? "page" : "off" }, tx);
    }
    return { kindLabel: kind.label() };
  });
}
