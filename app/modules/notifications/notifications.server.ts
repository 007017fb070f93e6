/**
 * Site-wide notifications (docs/decisions/013): `notify` tells people of an event of a kind;
 * the notifications page lists them; the header counts the unread ones. Every read goes
 * through the kinds' access rules (visibility.server.ts), so a notification about something
 * its recipient can no longer see is neither shown, counted nor mailed.
 */
import { and, count, desc, eq, inArray, isNotNull, isNull, lt, not, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../../db/client";
import { notificationPreferences, notificationUnsubscribeTokens, notifications, users } from "../../../db/schema";
import { t } from "~/i18n";
import "~/i18n/notifications";
import { db } from "~/utils/db.server";
import { defineRecurringJob, prepareJobs, type Transaction } from "../jobs/queue.server";
import { getNotificationKind, sendsMail, showsOnPage, type NotificationKind } from "./kind.server";
import { notificationMailJob, scheduleNotificationMail } from "./notification-mail.server";
import { visibleNotificationSql } from "./visibility.server";

export type Executor = Database | Transaction;

/** A path on this site: what a notification opens. Never another origin. */
export const NotificationLinkSchema = z
  .string()
  .max(2000)
  .regex(/^\/(?![/\\])/, "a notification links to a path on this site");

export interface NotifyInput<Data> {
  recipientIds: readonly string[];
  kind: NotificationKind<Data>;
  data: Data;
  link: string;
  /** What the notification is about, for the kind's access rule. */
  subjectId?: string;
  /** Unread notifications of this kind with the same key (per recipient) become one, counting the events. */
  groupKey?: string;
}

function isTransaction(executor: Executor): executor is Transaction {
  return "rollback" in executor;
}

/**
 * Makes the notification queue ready, so notify() can be called inside a transaction on
 * PGlite (whose one connection the transaction holds). The server's worker does this at
 * start; call it before a transaction that notifies, as sendMail's callers do.
 */
export function prepareNotifications(): Promise<void> {
  return prepareJobs([notificationMailJob]);
}

/**
 * Tells each recipient of an event, as they chose for this kind: on the page, by mail (grouped,
 * through the job queue), both, or not at all. Recipients who may not see the subject get
 * nothing. Pass the caller's transaction to notify only if it commits.
 * Returns the ids of the people notified.
 */
export async function notify<Data>(executor: Executor, input: NotifyInput<Data>): Promise<string[]> {
  const { kind } = input;
  if (getNotificationKind(kind.key) !== kind) {
    throw new Error(`notify: kind "${kind.key}" is not defined (defineNotificationKind)`);
  }
  const data = kind.dataSchema.parse(input.data);
  const link = NotificationLinkSchema.parse(input.link);
  const recipientIds = [...new Set(input.recipientIds)].filter(Boolean);
  if (recipientIds.length === 0) return [];
  const run = async (tx: Transaction): Promise<string[]> => {
    // One query: who exists (an unknown id must not abort the caller's transaction) and their choice.
    const people = await tx
      .select({ id: users.id, delivery: notificationPreferences.delivery })
      .from(users)
      .leftJoin(
        notificationPreferences,
        and(eq(notificationPreferences.userId, users.id), eq(notificationPreferences.kind, kind.key)),
      )
      .where(inArray(users.id, recipientIds));
    const values = people.flatMap(({ id: recipientId, delivery: chosen }) => {
      const delivery = chosen ?? kind.defaultDelivery;
      if (delivery === "off") return [];
      return [
        {
          recipientId,
          kind: kind.key,
          subjectId: input.subjectId ?? null,
          data,
          link,
          // Per kind: two kinds using the same key (a thread, say) never share a row.
          groupKey: input.groupKey ? `${kind.key}:${input.groupKey}` : null,
          onPage: showsOnPage(delivery),
          mailPending: sendsMail(delivery),
        },
      ];
    });
    if (values.length === 0) return [];
    const written = await tx
      .insert(notifications)
      .values(values)
      .onConflictDoUpdate({
        target: [notifications.recipientId, notifications.groupKey],
        targetWhere: sql`${notifications.readAt} is null and ${notifications.groupKey} is not null`,
        set: {
          count: sql`${notifications.count} + 1`,
          data: sql`excluded.data`,
          link: sql`excluded.link`,
          subjectId: sql`excluded.subject_id`,
          onPage: sql`excluded.on_page`,
          mailPending: sql`${notifications.mailPending} or excluded.mail_pending`,
          createdAt: sql`now()`,
        },
      })
      .returning({ id: notifications.id, recipientId: notifications.recipientId, mailPending: notifications.mailPending });
    // The kind's rule, asked of the rows themselves: whoever may not see the subject gets nothing.
    const hidden = await tx
      .delete(notifications)
      .where(
        and(
          inArray(
            notifications.id,
            written.map((row) => row.id),
          ),
          not(visibleNotificationSql()),
        ),
      )
      .returning({ id: notifications.id });
    const hiddenIds = new Set(hidden.map((row) => row.id));
    const delivered = written.filter((row) => !hiddenIds.has(row.id));
    await scheduleNotificationMail(
      tx,
      delivered.filter((row) => row.mailPending).map((row) => row.recipientId),
      kind.key,
    );
    return delivered.map((row) => row.recipientId);
  };
  if (isTransaction(executor)) return run(executor);
  await prepareNotifications();
  return executor.transaction(run);
}

const onThePage = (userId: string) =>
  and(eq(notifications.recipientId, userId), eq(notifications.onPage, true), visibleNotificationSql());

/** The header's number: unread notifications this person may still see. One query. */
export async function countUnreadNotifications(userId: string): Promise<number> {
  const [row] = await db
    .select({ unread: count() })
    .from(notifications)
    .where(and(onThePage(userId), isNull(notifications.readAt)));
  return row?.unread ?? 0;
}

export interface NotificationItem {
  id: number;
  title: string;
  summary: string | null;
  count: number;
  isRead: boolean;
  createdAt: Date;
}

/** One page of this person's notifications, newest first. */
export async function listNotifications(
  userId: string,
  { page, pageSize = 20 }: { page: number; pageSize?: number },
): Promise<{ items: NotificationItem[]; hasMore: boolean }> {
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      data: notifications.data,
      count: notifications.count,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .where(onThePage(userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(pageSize + 1)
    .offset((Math.max(1, page) - 1) * pageSize);
  const items = rows.slice(0, pageSize).map((row): NotificationItem => {
    const kind = getNotificationKind(row.kind);
    const data = kind?.dataSchema.safeParse(row.data);
    const text = kind && data?.success ? kind.describe(data.data, row.count) : { title: t("notifications.unavailable") };
    return {
      id: row.id,
      title: text.title,
      summary: text.summary ?? null,
      count: row.count,
      isRead: row.readAt !== null,
      createdAt: row.createdAt,
    };
  });
  return { items, hasMore: rows.length > pageSize };
}

/**
 * Marks one of this person's notifications read and returns where it leads; null when it is
 * not theirs, or its subject is out of their sight now.
 */
export async function openNotification(userId: string, notificationId: number): Promise<string | null> {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, notificationId), onThePage(userId)))
    .returning({ link: notifications.link });
  return row?.link ?? null;
}

/** Marks every unread notification of this person read; returns how many. */
export async function markAllNotificationsRead(userId: string): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.recipientId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

/** Read notifications are kept this long; mail-only ones, once mailed, this long too. */
export const NOTIFICATION_RETENTION_DAYS = 90;

/**
 * Deletes read notifications past retention, mail-only ones already mailed past retention,
 * and unsubscribe links that are spent or expired. Returns how many notifications went.
 */
export async function pruneNotifications({ now = new Date() }: { now?: Date } = {}): Promise<number> {
  const cutoff = new Date(now.getTime() - NOTIFICATION_RETENTION_DAYS * 24 * 60 * 60 * 1000);
  const removed = await db
    .delete(notifications)
    .where(
      or(
        and(isNotNull(notifications.readAt), lt(notifications.readAt, cutoff)),
        and(
          eq(notifications.onPage, false),
          eq(notifications.mailPending, false),
          lt(notifications.createdAt, cutoff),
        ),
      ),
    )
    .returning({ id: notifications.id });
  await db
    .delete(notificationUnsubscribeTokens)
    .where(
      or(
        lt(notificationUnsubscribeTokens.expiresAt, now),
        and(isNotNull(notificationUnsubscribeTokens.usedAt), lt(notificationUnsubscribeTokens.usedAt, cutoff)),
      ),
    );
  return removed.length;
}

export const pruneNotificationsJob = defineRecurringJob({
  name: "maintenance.prune-notifications",
  cron: "37 3 * * *",
  handler: async () => {
    await pruneNotifications();
  },
});
