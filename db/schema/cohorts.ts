import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";

const createdAt = () =>
  timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();
const updatedAt = () =>
  timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

/** A learning series: facilitators, members and a run of sessions. */
export const cohorts = pgTable(
  "cohorts",
  {
    id: text("id").primaryKey(),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    /** Audiences from the content vocabulary. */
    audiences: text("audiences")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    learningGoals: text("learning_goals").notNull().default(""),
    courseSlugs: text("course_slugs")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    toolkitSlugs: text("toolkit_slugs")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    capacity: integer("capacity").notNull(),
    enrolmentMode: text("enrolment_mode", {
      enum: ["open", "application", "invitation"],
    }).notNull(),
    /** Questions an applicant answers (application mode). */
    applicationQuestions: jsonb("application_questions").$type<string[]>().notNull().default([]),
    enrolmentOpensAt: timestamp("enrolment_opens_at", { withTimezone: true, mode: "date" }),
    enrolmentClosesAt: timestamp("enrolment_closes_at", { withTimezone: true, mode: "date" }),
    status: text("status", { enum: ["draft", "open", "running", "finished"] }).notNull(),
    /** ISO 639-1 code of the language the series is held in. */
    language: text("language").notNull(),
    /** The facilitators' zone, in which session times are entered. */
    timeZone: text("time_zone").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("cohorts_slug_unique").on(table.slug),
    index("cohorts_status_idx").on(table.status),
  ],
);

export const cohortFacilitators = pgTable(
  "cohort_facilitators",
  {
    cohortId: text("cohort_id")
      .notNull()
      .references(() => cohorts.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.cohortId, table.userId] }),
    index("cohort_facilitators_user_idx").on(table.userId),
  ],
);

export const COHORT_MEMBER_STATUSES = [
  "invited",
  "applied",
  "waitlisted",
  "enrolled",
  "declined",
  "withdrawn",
] as const;

/** A person's place in a cohort, from invitation or application to enrolment or withdrawal. */
export const cohortMembers = pgTable(
  "cohort_members",
  {
    cohortId: text("cohort_id")
      .notNull()
      .references(() => cohorts.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status", { enum: COHORT_MEMBER_STATUSES }).notNull(),
    /** One answer per application question, in order. */
    applicationAnswers: jsonb("application_answers").$type<string[]>().notNull().default([]),
    /** The facilitator's message with a decision. */
    decisionMessage: text("decision_message"),
    decidedBy: text("decided_by").references(() => users.id, { onDelete: "set null" }),
    /** When the person joined the waitlist: the earliest is promoted first. */
    waitlistedAt: timestamp("waitlisted_at", { withTimezone: true, mode: "date" }),
    enrolledAt: timestamp("enrolled_at", { withTimezone: true, mode: "date" }),
    /** What other members may see on the roster besides the name. */
    showsOrganisation: boolean("shows_organisation").notNull().default(true),
    showsSector: boolean("shows_sector").notNull().default(true),
    showsCountry: boolean("shows_country").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    primaryKey({ columns: [table.cohortId, table.userId] }),
    index("cohort_members_user_idx").on(table.userId),
    index("cohort_members_status_idx").on(table.cohortId, table.status),
  ],
);

export const cohortSessions = pgTable(
  "cohort_sessions",
  {
    id: text("id").primaryKey(),
    cohortId: text("cohort_id")
      .notNull()
      .references(() => cohorts.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    /** Markdown. */
    agenda: text("agenda").notNull().default(""),
    startsAt: timestamp("starts_at", { withTimezone: true, mode: "date" }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true, mode: "date" }).notNull(),
    /** The zone the times were entered in. */
    timeZone: text("time_zone").notNull(),
    /** Members and facilitators only. */
    meetingLink: text("meeting_link"),
    /** Markdown, members and facilitators only. */
    materials: text("materials").notNull().default(""),
    recordingLink: text("recording_link"),
    /** Lessons ("course-slug/lesson-slug") and toolkit entries to read first. */
    preWork: jsonb("pre_work")
      .$type<Array<{ kind: "lesson" | "toolkit-entry"; slug: string }>>()
      .notNull()
      .default([]),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true, mode: "date" }),
    /** Raised at each change calendars must pick up (iCalendar SEQUENCE). */
    revision: integer("revision").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index("cohort_sessions_cohort_idx").on(table.cohortId, table.startsAt)],
);

/** "I cannot attend": told once per session, instead of answering for every session. */
export const sessionAbsences = pgTable(
  "session_absences",
  {
    sessionId: text("session_id")
      .notNull()
      .references(() => cohortSessions.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    note: text("note").notNull().default(""),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.sessionId, table.userId] })],
);

export const sessionAttendance = pgTable(
  "session_attendance",
  {
    sessionId: text("session_id")
      .notNull()
      .references(() => cohortSessions.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    present: boolean("present").notNull(),
    /** The member themselves (check-in) or a facilitator. */
    recordedBy: text("recorded_by").references(() => users.id, { onDelete: "set null" }),
    recordedAt: timestamp("recorded_at", { withTimezone: true, mode: "date" })
      .notNull()
      .defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.sessionId, table.userId] })],
);

export const sessionFeedback = pgTable(
  "session_feedback",
  {
    sessionId: text("session_id")
      .notNull()
      .references(() => cohortSessions.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** 1 to 5. */
    rating: smallint("rating").notNull(),
    comment: text("comment").notNull().default(""),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.sessionId, table.userId] })],
);

/** What a member will apply in their own work: learning while doing. */
export const cohortTakeaways = pgTable(
  "cohort_takeaways",
  {
    id: serial("id").primaryKey(),
    cohortId: text("cohort_id")
      .notNull()
      .references(() => cohorts.id, { onDelete: "cascade" }),
    sessionId: text("session_id").references(() => cohortSessions.id, { onDelete: "set null" }),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    /** Set when a facilitator proposed it to the toolkit (it then goes through moderation). */
    toolkitSuggestionId: integer("toolkit_suggestion_id"),
    createdAt: createdAt(),
  },
  (table) => [index("cohort_takeaways_cohort_idx").on(table.cohortId, table.createdAt)],
);

/**
 * A person's private calendar feed. Only a hash of the token is kept; a new token replaces the
 * old one, which stops working at once.
 */
export const calendarFeedTokens = pgTable("calendar_feed_tokens", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: createdAt(),
});

/**
 * Reminders sent: one row per session, lead ("day", "hour") and start time. The row is the
 * claim that makes a reminder go out once; a moved session has a new start time, so it is
 * reminded again for the new one.
 */
export const sessionReminders = pgTable(
  "session_reminders",
  {
    sessionId: text("session_id")
      .notNull()
      .references(() => cohortSessions.id, { onDelete: "cascade" }),
    lead: text("lead", { enum: ["day", "hour"] }).notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true, mode: "date" }).notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.sessionId, table.lead, table.startsAt] })],
);
