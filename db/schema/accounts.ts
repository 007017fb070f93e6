import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/** Roles beyond "learner", which everyone is. One person may hold several. */
export const roleEnum = pgEnum("role", ["facilitator", "expert", "moderator", "admin"]);

export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    /** Stored lower-cased; unique. */
    email: text("email").notNull(),
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true, mode: "date" }),
    passwordHash: text("password_hash").notNull(),
    displayName: text("display_name").notNull(),
    organisation: text("organisation"),
    sector: text("sector"),
    country: text("country"),
    organisationRole: text("organisation_role"),
    languages: text("languages")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    timeZone: text("time_zone"),
    bio: text("bio"),
    suspendedAt: timestamp("suspended_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("users_email_unique").on(table.email)],
);

export const userRoles = pgTable(
  "user_roles",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum("role").notNull(),
    grantedAt: timestamp("granted_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    grantedBy: text("granted_by").references(() => users.id, { onDelete: "set null" }),
  },
  (table) => [primaryKey({ columns: [table.userId, table.role] })],
);

/** Lucia's session table: the columns and names its drizzle adapter expects. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (table) => [index("sessions_user_id_idx").on(table.userId)],
);

/**
 * Single-use tokens sent by mail (password reset, email verification).
 * Only a SHA-256 hash of the token is stored, so a database leak gives no usable link.
 */
export const emailTokens = pgTable(
  "email_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    purpose: text("purpose", { enum: ["password-reset", "email-verification"] }).notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The address the token was sent to: a verification is only valid for that address. */
    email: text("email").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [index("email_tokens_user_idx").on(table.userId, table.purpose)],
);

/** Fixed-window counters, kept in the database so every app instance shares them. */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true, mode: "date" }).notNull(),
  count: integer("count").notNull(),
});

/** Every admin action, for accountability. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: serial("id").primaryKey(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    targetUserId: text("target_user_id").references(() => users.id, { onDelete: "set null" }),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [index("audit_log_created_idx").on(table.createdAt)],
);

/**
 * Every mail Practica sends. With SMTP_URL a job delivers it (queued, sending, retrying,
 * then sent or failed); without it, it stays "stored" here for admins to read at
 * /admin/outbox. A mail's action link (a reset or verification URL with its token) is kept
 * apart from its text, in `action_link`, and dropped once the mail is delivered or given up.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: serial("id").primaryKey(),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    /** The text, with MAIL_ACTION_LINK where the action link goes. */
    textBody: text("text_body").notNull(),
    actionLink: text("action_link"),
    /** The action link is an unsubscribe link: delivery also sends it as List-Unsubscribe. */
    actionLinkUnsubscribes: boolean("action_link_unsubscribes").notNull().default(false),
    status: text("status", {
      enum: ["stored", "queued", "sending", "retrying", "sent", "failed"],
    }).notNull(),
    /** Delivery attempts so far. */
    attempts: integer("attempts").notNull().default(0),
    /** The last delivery error. */
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }),
  },
  (table) => [index("outbox_created_idx").on(table.createdAt)],
);
