import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";

/*
 * Toolkit entries live in content/toolkit as files; approved member suggestions live in
 * `toolkit_suggestions`. Both share one slug space (/toolkit/<slug>), and votes and saves
 * refer to an entry by that slug, so they work the same for either.
 */

/** "Was this useful?": one answer per member and entry, which they can change. */
export const toolkitVotes = pgTable(
  "toolkit_votes",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    entrySlug: text("entry_slug").notNull(),
    useful: boolean("useful").notNull(),
    votedAt: timestamp("voted_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.entrySlug] }), index("toolkit_votes_entry_idx").on(table.entrySlug)],
);

/** A member's "my toolkit". */
export const toolkitSaves = pgTable(
  "toolkit_saves",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    entrySlug: text("entry_slug").notNull(),
    savedAt: timestamp("saved_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.entrySlug] }), index("toolkit_saves_entry_idx").on(table.entrySlug)],
);

/**
 * A resource a member suggests. Moderators approve (it then gets a slug and is published
 * beside the file entries, and indexed), edit, or reject it with a reason the member sees.
 */
export const toolkitSuggestions = pgTable(
  "toolkit_suggestions",
  {
    id: text("id").primaryKey(),
    status: text("status", { enum: ["pending", "approved", "rejected"] })
      .notNull()
      .default("pending"),
    /** Set on approval; never reused by a file entry (the content check refuses a clash). */
    slug: text("slug"),
    title: text("title").notNull(),
    publisher: text("publisher").notNull(),
    year: integer("year").notNull(),
    sourceUrl: text("source_url").notNull(),
    type: text("type").notNull(),
    topics: text("topics").array().notNull().default(sql`'{}'::text[]`),
    audiences: text("audiences").array().notNull().default(sql`'{}'::text[]`),
    regions: text("regions").array().notNull().default(sql`'{}'::text[]`),
    languages: text("languages").array().notNull().default(sql`'{}'::text[]`),
    licence: text("licence").notNull(),
    summary: text("summary").notNull(),
    /** Plain text: what it helps with and how to use it. Rendered as text, never as markup. */
    howToUse: text("how_to_use").notNull().default(""),
    suggestedBy: text("suggested_by").references(() => users.id, { onDelete: "set null" }),
    reviewedBy: text("reviewed_by").references(() => users.id, { onDelete: "set null" }),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true, mode: "date" }),
    /** Why it was rejected, shown to the member who suggested it. */
    moderatorNote: text("moderator_note"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("toolkit_suggestions_slug_unique").on(table.slug),
    index("toolkit_suggestions_status_idx").on(table.status, table.createdAt),
    index("toolkit_suggestions_suggested_by_idx").on(table.suggestedBy),
  ],
);
