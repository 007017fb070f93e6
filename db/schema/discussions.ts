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

/*
 * Discussions (docs/decisions/012-discussions.md). A thread lives in a place: a community
 * category, a lesson, a toolkit entry, or a space that something with its own members owns (a
 * cohort). Who may read, post and moderate in a place is asked of the place's owner
 * (app/modules/discussions/access.server.ts), never decided by these tables.
 */

export const DISCUSSION_PLACE_KINDS = ["category", "lesson", "toolkit-entry", "space"] as const;
export const REACTION_KINDS = ["thanks", "helpful", "agree", "insightful"] as const;
export const APPROVAL_STATES = ["approved", "pending", "rejected"] as const;

export const discussionCategories = pgTable(
  "discussion_categories",
  {
    id: serial("id").primaryKey(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    /** Order on the categories page, smallest first. */
    position: integer("position").notNull().default(0),
    /** When on, a member's first posts wait for a moderator before anyone else sees them. */
    requiresApprovalForNewMembers: boolean("requires_approval_for_new_members").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("discussion_categories_slug_unique").on(table.slug)],
);

export const discussionThreads = pgTable(
  "discussion_threads",
  {
    id: serial("id").primaryKey(),
    placeKind: text("place_kind", { enum: DISCUSSION_PLACE_KINDS }).notNull(),
    /**
     * A category's slug, "<courseSlug>/<lessonSlug>" for a lesson, a toolkit entry's slug, or
     * "<ownerKind>:<ownerId>" for a space (e.g. "cohort:42").
     */
    placeId: text("place_id").notNull(),
    title: text("title").notNull(),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** The newest visible post's time: the "latest activity" sort. */
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** Visible replies (the opening post excluded). */
    replyCount: integer("reply_count").notNull().default(0),
    /** The highest sequence number given to a post in this thread. */
    lastSeq: integer("last_seq").notNull().default(0),
    /** The newest approved post's sequence number: a reader who has read up to it has no unread post. */
    lastPostSeq: integer("last_post_seq").notNull().default(0),
    locked: boolean("locked").notNull().default(false),
    pinned: boolean("pinned").notNull().default(false),
    /** The opening post waits for approval: only its author and moderators see the thread. */
    pendingApproval: boolean("pending_approval").notNull().default(false),
    removedAt: timestamp("removed_at", { withTimezone: true, mode: "date" }),
    removedBy: text("removed_by").references(() => users.id, { onDelete: "set null" }),
    acceptedPostId: integer("accepted_post_id"),
  },
  (table) => [
    index("discussion_threads_place_activity_idx").on(table.placeKind, table.placeId, table.lastActivityAt),
    index("discussion_threads_author_idx").on(table.authorId),
  ],
);

export const discussionPosts = pgTable(
  "discussion_posts",
  {
    id: serial("id").primaryKey(),
    threadId: integer("thread_id")
      .notNull()
      .references(() => discussionThreads.id, { onDelete: "cascade" }),
    /** 1 for the opening post, then 2, 3...: stable within the thread, for permalinks. */
    seq: integer("seq").notNull(),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    /** Markdown as written. */
    body: text("body").notNull(),
    /** The body rendered and sanitized (markdown.server.ts); what pages show. */
    bodyHtml: text("body_html").notNull(),
    quotedPostId: integer("quoted_post_id"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    editedAt: timestamp("edited_at", { withTimezone: true, mode: "date" }),
    removedByAuthorAt: timestamp("removed_by_author_at", { withTimezone: true, mode: "date" }),
    hiddenAt: timestamp("hidden_at", { withTimezone: true, mode: "date" }),
    hiddenBy: text("hidden_by").references(() => users.id, { onDelete: "set null" }),
    hiddenReason: text("hidden_reason"),
    approvalState: text("approval_state", { enum: APPROVAL_STATES }).notNull().default("approved"),
    /** Sent by the form, so the same submission twice makes one post. */
    idempotencyKey: text("idempotency_key"),
  },
  (table) => [
    uniqueIndex("discussion_posts_thread_seq_unique").on(table.threadId, table.seq),
    uniqueIndex("discussion_posts_idempotency_unique").on(table.authorId, table.idempotencyKey),
    index("discussion_posts_author_created_idx").on(table.authorId, table.createdAt),
    index("discussion_posts_pending_idx")
      .on(table.createdAt)
      .where(sql`${table.approvalState} = 'pending'`),
  ],
);

/** Each earlier body of an edited post, newest last. */
export const discussionPostRevisions = pgTable(
  "discussion_post_revisions",
  {
    id: serial("id").primaryKey(),
    postId: integer("post_id")
      .notNull()
      .references(() => discussionPosts.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    bodyHtml: text("body_html").notNull(),
    /** When this body was written (the post's creation or its previous edit). */
    writtenAt: timestamp("written_at", { withTimezone: true, mode: "date" }).notNull(),
    replacedAt: timestamp("replaced_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    replacedBy: text("replaced_by").references(() => users.id, { onDelete: "set null" }),
  },
  (table) => [index("discussion_post_revisions_post_idx").on(table.postId)],
);

export const discussionReactions = pgTable(
  "discussion_reactions",
  {
    postId: integer("post_id")
      .notNull()
      .references(() => discussionPosts.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: REACTION_KINDS }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.postId, table.userId, table.kind] })],
);

export const discussionThreadSubscriptions = pgTable(
  "discussion_thread_subscriptions",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    threadId: integer("thread_id")
      .notNull()
      .references(() => discussionThreads.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.threadId] }),
    index("discussion_thread_subscriptions_thread_idx").on(table.threadId),
  ],
);

export const discussionCategorySubscriptions = pgTable(
  "discussion_category_subscriptions",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    categoryId: integer("category_id")
      .notNull()
      .references(() => discussionCategories.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.categoryId] }),
    index("discussion_category_subscriptions_category_idx").on(table.categoryId),
  ],
);

/** How far a member has read a thread: posts with a higher sequence number are unread. */
export const discussionThreadReads = pgTable(
  "discussion_thread_reads",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    threadId: integer("thread_id")
      .notNull()
      .references(() => discussionThreads.id, { onDelete: "cascade" }),
    lastReadSeq: integer("last_read_seq").notNull(),
    readAt: timestamp("read_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.threadId] })],
);

/** A member's report of a post, until a moderator resolves it. */
export const discussionReports = pgTable(
  "discussion_reports",
  {
    id: serial("id").primaryKey(),
    postId: integer("post_id")
      .notNull()
      .references(() => discussionPosts.id, { onDelete: "cascade" }),
    reporterId: text("reporter_id").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true, mode: "date" }),
    resolvedBy: text("resolved_by").references(() => users.id, { onDelete: "set null" }),
    resolution: text("resolution"),
  },
  (table) => [
    index("discussion_reports_open_idx")
      .on(table.createdAt)
      .where(sql`${table.resolvedAt} is null`),
    // One open report per member and post: reporting twice is the same report.
    uniqueIndex("discussion_reports_open_unique")
      .on(table.postId, table.reporterId)
      .where(sql`${table.resolvedAt} is null`),
  ],
);

/** Every moderation action: who did what to which thread or post, when and why. */
export const discussionModerationLog = pgTable(
  "discussion_moderation_log",
  {
    id: serial("id").primaryKey(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    threadId: integer("thread_id"),
    postId: integer("post_id"),
    reason: text("reason"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [
    index("discussion_moderation_log_created_idx").on(table.createdAt),
    index("discussion_moderation_log_thread_idx").on(table.threadId),
  ],
);
