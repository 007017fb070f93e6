import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { notificationPreferences } from "../../../db/schema";
import { db } from "~/utils/db.server";
import type { Transaction } from "../jobs/queue.server";
import { ALL_NOTIFICATION_KINDS } from "./all-kinds.server";
import { getNotificationKind, type AnyNotificationKind, type NotificationDelivery } from "./kind.server";

type Executor = Database | Transaction;

/** Each recipient's delivery for one kind: their choice, or the kind's default. */
export async function effectiveDeliveries(
  executor: Executor,
  userIds: readonly string[],
  kind: AnyNotificationKind,
): Promise<Map<string, NotificationDelivery>> {
  const deliveries = new Map<string, NotificationDelivery>(userIds.map((id) => [id, kind.defaultDelivery]));
  if (userIds.length === 0) return deliveries;
  const rows = await executor
    .select({ userId: notificationPreferences.userId, delivery: notificationPreferences.delivery })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.kind, kind.key), inArray(notificationPreferences.userId, [...userIds])));
  for (const row of rows) deliveries.set(row.userId, row.delivery);
  return deliveries;
}

export interface NotificationPreference {
  kind: string;
  label: string;
  description: string;
  delivery: NotificationDelivery;
  defaultDelivery: NotificationDelivery;
}

/** The settings page: every kind the site sends, with this person's choice. */
export async function getNotificationPreferences(userId: string): Promise<NotificationPreference[]> {
  const rows = await db
    .select({ kind: notificationPreferences.kind, delivery: notificationPreferences.delivery })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  const chosen = new Map(rows.map((row) => [row.kind, row.delivery]));
  return ALL_NOTIFICATION_KINDS.map((kind) => ({
    kind: kind.key,
    label: kind.label(),
    description: kind.description(),
    delivery: chosen.get(kind.key) ?? kind.defaultDelivery,
    defaultDelivery: kind.defaultDelivery,
  }));
}

/** Saves this person's choices; keys that name no defined kind are ignored. */
export async function setNotificationPreferences(
  userId: string,
  choices: Readonly<Record<string, NotificationDelivery>>,
  executor: Executor = db,
): Promise<void> {
  const values = Object.entries(choices)
    .filter(([kind]) => getNotificationKind(kind))
    .map(([kind, delivery]) => ({ userId, kind, delivery, updatedAt: new Date() }));
  if (values.length === 0) return;
  await executor
    .insert(notificationPreferences)
    .values(values)
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.kind],
      set: { delivery: sql`excluded.delivery`, updatedAt: sql`excluded.updated_at` },
    });
}
