import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";

/** How a person wants to hear of one kind of notification. */
export const NOTIFICATION_DELIVERIES = ["page", "email", "both", "off"] as const;
export type NotificationDelivery = (typeof NOTIFICATION_DELIVERIES)[number];

/**
 * One event told to one person (app/modules/notifications). `kind` names a kind defined with
 * defineNotificationKind, which validates `data` and says whether the recipient may still see
 * the subject (`subject_id`) whenever the row is shown, counted or mailed.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: serial("id").primaryKey(),
    recipientId: text("recipient_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    /** What the notification is about (a suggestion, a thread...), as its kind understands it. */
    subjectId: text("subject_id"),
    /** The kind's own data (titles, names), checked by the kind's zod schema. */
    data: jsonb("data").$type<unknown>().notNull(),
    /** A path on this site, opened when the person opens the notification. */
    link: text("link").notNull(),
    /** Unread notifications with the same key are one row whose `count` grows. */
    groupKey: text("group_key"),
    count: integer("count").notNull().default(1),
    /** False when the person asked for this kind by email only. */
    onPage: boolean("on_page").notNull().default(true),
    /** True until the grouped mail that tells of it has been written (or is no longer wanted). */
    mailPending: boolean("mail_pending").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true, mode: "date" }),
  },
  (table) => [
    index("notifications_recipient_idx").on(table.recipientId, table.createdAt),
    index("notifications_unread_idx")
      .on(table.recipientId)
      .where(sql`${table.readAt} is null`),
    uniqueIndex("notifications_group_unread_unique")
      .on(table.recipientId, table.groupKey)
      .where(sql`${table.readAt} is null and ${table.groupKey} is not null`),
    index("notifications_read_idx").on(table.readAt),
  ],
);

/** A person's choice for one kind; without a row, the kind's default applies. */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    delivery: text("delivery", { enum: NOTIFICATION_DELIVERIES }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.kind] })],
);

/**
 * A grouped mail waiting to be written for one person and kind: the first notification of a
 * window creates the row and enqueues one job; later ones in the window find the row and add
 * nothing, so twenty replies make one mail.
 */
export const notificationMailSchedule = pgTable(
  "notification_mail_schedule",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    dueAt: timestamp("due_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.kind] })],
);

/**
 * Unsubscribe links in notification mail: each turns off mail of one kind for one person,
 * once, without signing in. Only a SHA-256 hash of the token is stored, as for email_tokens.
 */
export const notificationUnsubscribeTokens = pgTable(
  "notification_unsubscribe_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [index("notification_unsubscribe_tokens_expires_idx").on(table.expiresAt)],
);
