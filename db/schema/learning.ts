import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";

/*
 * Courses and lessons live in content/ as files; these tables refer to them by slug.
 * A renamed slug orphans its rows rather than breaking anything.
 */

export const courseEnrollments = pgTable(
  "course_enrollments",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseSlug: text("course_slug").notNull(),
    enrolledAt: timestamp("enrolled_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** The lesson to resume at. */
    lastLessonSlug: text("last_lesson_slug"),
    lastVisitedAt: timestamp("last_visited_at", { withTimezone: true, mode: "date" }),
    completedAt: timestamp("completed_at", { withTimezone: true, mode: "date" }),
  },
  (table) => [primaryKey({ columns: [table.userId, table.courseSlug] }), index("course_enrollments_course_idx").on(table.courseSlug)],
);

export const lessonCompletions = pgTable(
  "lesson_completions",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseSlug: text("course_slug").notNull(),
    lessonSlug: text("lesson_slug").notNull(),
    completedAt: timestamp("completed_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.courseSlug, table.lessonSlug] })],
);

/**
 * One row per learner and knowledge check: the latest answer, and the first one (which
 * the analytics use, so retrying after feedback does not hide a hard question).
 */
export const checkAnswers = pgTable(
  "check_answers",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseSlug: text("course_slug").notNull(),
    lessonSlug: text("lesson_slug").notNull(),
    checkId: text("check_id").notNull(),
    optionIndex: integer("option_index").notNull(),
    isCorrect: boolean("is_correct").notNull(),
    firstOptionIndex: integer("first_option_index").notNull(),
    firstIsCorrect: boolean("first_is_correct").notNull(),
    attempts: integer("attempts").notNull().default(1),
    answeredAt: timestamp("answered_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.courseSlug, table.checkId] }),
    index("check_answers_course_idx").on(table.courseSlug, table.checkId),
  ],
);

/** A learner's private notebook: answers to reflection prompts. */
export const notebookEntries = pgTable(
  "notebook_entries",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseSlug: text("course_slug").notNull(),
    lessonSlug: text("lesson_slug").notNull(),
    reflectionId: text("reflection_id").notNull(),
    body: text("body").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.courseSlug, table.reflectionId] })],
);

export const certificates = pgTable(
  "certificates",
  {
    /** A random UUID: the verification URL is /certificates/<id>. */
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseSlug: text("course_slug").notNull(),
    /** As the learner's name read when the certificate was issued. */
    recipientName: text("recipient_name").notNull(),
    courseTitle: text("course_title").notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** Set when the learner hides their certificate; the verification page then says so. */
    hiddenAt: timestamp("hidden_at", { withTimezone: true, mode: "date" }),
  },
  (table) => [uniqueIndex("certificates_user_course_unique").on(table.userId, table.courseSlug)],
);
