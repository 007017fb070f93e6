import { and, eq, sql } from "drizzle-orm";
import {
  certificates,
  checkAnswers,
  courseEnrollments,
  lessonCompletions,
  notebookEntries,
  users,
} from "../../../db/schema";
import { z } from "~/utils/zod";
import { db } from "~/utils/db.server";
import type { Course, Lesson } from "./catalog.server";
import { pendingLessonVisit } from "./lesson-visits.server";

export async function enrollInCourse(userId: string, courseSlug: string): Promise<void> {
  await db.insert(courseEnrollments).values({ userId, courseSlug }).onConflictDoNothing();
}

/**
 * An enrolment with what progress needs, in one statement: its completed lessons and its
 * certificate come as subqueries (JSON and scalars, which both drivers parse alike).
 */
const enrolmentWithProgress = {
  courseSlug: courseEnrollments.courseSlug,
  enrolledAt: courseEnrollments.enrolledAt,
  lastLessonSlug: courseEnrollments.lastLessonSlug,
  lastVisitedAt: courseEnrollments.lastVisitedAt,
  // Written out with table names: drizzle leaves columns unqualified inside a subquery.
  completedLessonSlugs: sql<unknown>`coalesce((select json_agg(done.lesson_slug) from lesson_completions done where done.user_id = course_enrollments.user_id and done.course_slug = course_enrollments.course_slug), '[]'::json)`,
  certificateId: sql<string | null>`(select issued.id from certificates issued where issued.user_id = course_enrollments.user_id and issued.course_slug = course_enrollments.course_slug limit 1)`,
  isCertificateHidden: sql<boolean | null>`(select issued.hidden_at is not null from certificates issued where issued.user_id = course_enrollments.user_id and issued.course_slug = course_enrollments.course_slug limit 1)`,
};

interface EnrolmentRow {
  enrolledAt: Date;
  lastLessonSlug: string | null;
  lastVisitedAt: Date | null;
  completedLessonSlugs: unknown;
  certificateId: string | null;
  isCertificateHidden: boolean | null;
}

/** Progress from an enrolment row, with a visit still queued (lesson-visits.server.ts) applied. */
function toProgress(userId: string, course: Course, row: EnrolmentRow) {
  const pending = pendingLessonVisit(userId, course.slug);
  const completedSlugs = new Set(
    Array.isArray(row.completedLessonSlugs)
      ? row.completedLessonSlugs.filter((slug): slug is string => typeof slug === "string")
      : [],
  );
  const lessonSlugs = course.lessons.map((lesson) => lesson.slug);
  const completedCount = lessonSlugs.filter((slug) => completedSlugs.has(slug)).length;
  return {
    enrolledAt: row.enrolledAt,
    lastActivity: pending?.visitedAt ?? row.lastVisitedAt ?? row.enrolledAt,
    completedLessonSlugs: lessonSlugs.filter((slug) => completedSlugs.has(slug)),
    percentComplete: lessonSlugs.length ? Math.round((completedCount / lessonSlugs.length) * 100) : 0,
    resumeLessonSlug: resumeLesson(course, pending?.lessonSlug ?? row.lastLessonSlug, completedSlugs),
    certificate: row.certificateId ? { id: row.certificateId, isHidden: row.isCertificateHidden === true } : null,
  };
}

export async function getCourseProgress(userId: string, course: Course) {
  const [row] = await db
    .select(enrolmentWithProgress)
    .from(courseEnrollments)
    .where(and(eq(courseEnrollments.userId, userId), eq(courseEnrollments.courseSlug, course.slug)));
  return row ? toProgress(userId, course, row) : null;
}
const LessonAnswersSchema = z.array(z.object({ checkId: z.string(), optionIndex: z.number().int() }));
const LessonReflectionsSchema = z.array(z.object({ reflectionId: z.string(), body: z.string() }));

/**
 * What a lesson page shows a learner, in one statement: their progress in its course (null
 * when not enrolled), their latest answer to each of its checks and their reflections on it.
 */
export async function getLessonProgress(userId: string, course: Course, lesson: Lesson) {
  const [row] = await db
    .select({
      ...enrolmentWithProgress,
      answers: sql<unknown>`coalesce((select json_agg(json_build_object('checkId', answer.check_id, 'optionIndex', answer.option_index)) from check_answers answer where answer.user_id = users.id and answer.course_slug = ${course.slug} and answer.lesson_slug = ${lesson.slug}), '[]'::json)`,
      reflections: sql<unknown>`coalesce((select json_agg(json_build_object('reflectionId', entry.reflection_id, 'body', entry.body)) from notebook_entries entry where entry.user_id = users.id and entry.course_slug = ${course.slug} and entry.lesson_slug = ${lesson.slug}), '[]'::json)`,
    })
    .from(users)
    .leftJoin(courseEnrollments, and(eq(courseEnrollments.userId, users.id), eq(courseEnrollments.courseSlug, course.slug)))
    .where(eq(users.id, userId));
  const enrolledAt = row?.enrolledAt;
  return {
    progress: row && enrolledAt ? toProgress(userId, course, { ...row, enrolledAt }) : null,
    answers: new Map(LessonAnswersSchema.parse(row?.answers ?? []).map((answer) => [answer.checkId, answer])),
    reflections: LessonReflectionsSchema.parse(row?.reflections ?? []),
  };
}

export type CourseProgress = NonNullable<Awaited<ReturnType<typeof getCourseProgress>>>;

/** Where "resume" leads: the last lesson opened, unless it is done; then the first not done. */
function resumeLesson(course: Course, lastLessonSlug: string | null, completed: Set<string>): string | undefined {
  if (lastLessonSlug && !completed.has(lastLessonSlug) && course.lessons.some((l) => l.slug === lastLessonSlug)) {
    return lastLessonSlug;
  }
  return course.lessons.find((lesson) => !completed.has(lesson.slug))?.slug ?? course.lessons[0]?.slug;
}

export type CheckAnswerResult =
  | { ok: true; isCorrect: boolean; optionIndex: number }
  | { ok: false; reason: "unknown-check" | "unknown-option" };

/**
 * Records a learner's answer. Answering again replaces the latest answer and keeps the
 * first; the same answer posted twice (a double click, a resubmitted form) counts once.
 */
export async function answerCheck(input: {
  userId: string;
  course: Course;
  lesson: Lesson;
  checkId: string;
  optionIndex: number;
}): Promise<CheckAnswerResult> {
  const check = input.lesson.checks.find((candidate) => candidate.id === input.checkId);
  if (!check) return { ok: false, reason: "unknown-check" };
  const option = check.options[input.optionIndex];
  if (!option) return { ok: false, reason: "unknown-option" };
  await enrollInCourse(input.userId, input.course.slug);
  await db
    .insert(checkAnswers)
    .values({
      userId: input.userId,
      courseSlug: input.course.slug,
      lessonSlug: input.lesson.slug,
      checkId: check.id,
      optionIndex: input.optionIndex,
      isCorrect: option.correct,
      firstOptionIndex: input.optionIndex,
      firstIsCorrect: option.correct,
    })
    .onConflictDoUpdate({
      target: [checkAnswers.userId, checkAnswers.courseSlug, checkAnswers.checkId],
      set: {
        optionIndex: input.optionIndex,
        isCorrect: option.correct,
        attempts: sql`case when ${checkAnswers.optionIndex} = ${input.optionIndex} then ${checkAnswers.attempts} else ${checkAnswers.attempts} + 1 end`,
        answeredAt: sql`case when ${checkAnswers.optionIndex} = ${input.optionIndex} then ${checkAnswers.answeredAt} else now() end`,
      },
    });
  return { ok: true, isCorrect: option.correct, optionIndex: input.optionIndex };
}

/** The learner's latest answer to each check of a lesson, by check id. */
export async function getLessonAnswers(userId: string, courseSlug: string, lessonSlug: string) {
  const rows = await db
    .select({ checkId: checkAnswers.checkId, optionIndex: checkAnswers.optionIndex, isCorrect: checkAnswers.isCorrect })
    .from(checkAnswers)
    .where(
      and(eq(checkAnswers.userId, userId), eq(checkAnswers.courseSlug, courseSlug), eq(checkAnswers.lessonSlug, lessonSlug)),
    );
  return new Map(rows.map((row) => [row.checkId, row]));
}

export type CompleteLessonResult =
  | { ok: true; courseCompleted: boolean; certificateId: string | null }
  | { ok: false; reason: "checks-unanswered"; unansweredCheckIds: string[] };

/**
 * Marks a lesson done once its knowledge checks are answered. Completing the last lesson
 * completes the course and issues its certificate, once.
 */
export async function completeLesson(input: { userId: string; course: Course; lesson: Lesson }): Promise<CompleteLessonResult> {
  const answers = await getLessonAnswers(input.userId, input.course.slug, input.lesson.slug);
  const unanswered = input.lesson.checks.filter((check) => !answers.has(check.id)).map((check) => check.id);
  if (unanswered.length) return { ok: false, reason: "checks-unanswered", unansweredCheckIds: unanswered };
  await enrollInCourse(input.userId, input.course.slug);
  await db
    .insert(lessonCompletions)
    .values({ userId: input.userId, courseSlug: input.course.slug, lessonSlug: input.lesson.slug })
    .onConflictDoNothing();
  const progress = await getCourseProgress(input.userId, input.course);
  if (!progress || progress.completedLessonSlugs.length < input.course.lessons.length) {
    return { ok: true, courseCompleted: false, certificateId: null };
  }
  const certificateId = await issueCertificate(input.userId, input.course);
  return { ok: true, courseCompleted: true, certificateId };
}

async function issueCertificate(userId: string, course: Course): Promise<string> {
  await db
    .update(courseEnrollments)
    .set({ completedAt: sql`coalesce(${courseEnrollments.completedAt}, now())` })
    .where(and(eq(courseEnrollments.userId, userId), eq(courseEnrollments.courseSlug, course.slug)));
  const [user] = await db.select({ displayName: users.displayName }).from(users).where(eq(users.id, userId));
  await db
    .insert(certificates)
    .values({
      id: crypto.randomUUID(),
      userId,
      courseSlug: course.slug,
      recipientName: user?.displayName ?? "",
      courseTitle: course.title,
    })
    .onConflictDoNothing();
  const [certificate] = await db
    .select({ id: certificates.id })
    .from(certificates)
    .where(and(eq(certificates.userId, userId), eq(certificates.courseSlug, course.slug)));
  if (!certificate) throw new Error("certificate was not stored");
  return certificate.id;
}

/** Public: what the verification page shows. Hidden certificates say only that. */
export async function getCertificateForVerification(certificateId: string) {
  const [certificate] = await db
    .select({
      id: certificates.id,
      userId: certificates.userId,
      recipientName: certificates.recipientName,
      courseTitle: certificates.courseTitle,
      courseSlug: certificates.courseSlug,
      issuedAt: certificates.issuedAt,
      hiddenAt: certificates.hiddenAt,
    })
    .from(certificates)
    .where(eq(certificates.id, certificateId));
  return certificate;
}

/** Only the certificate's owner can hide or show it again (the query itself checks). */
export async function setCertificateHidden(userId: string, certificateId: string, hidden: boolean): Promise<boolean> {
  const updated = await db
    .update(certificates)
    .set({ hiddenAt: hidden ? sql`now()` : null })
    .where(and(eq(certificates.id, certificateId), eq(certificates.userId, userId)))
    .returning({ id: certificates.id });
  return updated.length > 0;
}

export async function saveReflection(input: {
  userId: string;
  courseSlug: string;
  lessonSlug: string;
  reflectionId: string;
  body: string;
}): Promise<void> {
  await db
    .insert(notebookEntries)
    .values(input)
    .onConflictDoUpdate({
      target: [notebookEntries.userId, notebookEntries.courseSlug, notebookEntries.reflectionId],
      set: { body: input.body, lessonSlug: input.lessonSlug, updatedAt: sql`now()` },
    });
}

/** A learner's own notebook entries: the query is scoped to them, nobody else's. */
export async function getNotebook(userId: string, filter: { courseSlug?: string; lessonSlug?: string } = {}) {
  const conditions = [eq(notebookEntries.userId, userId)];
  if (filter.courseSlug) conditions.push(eq(notebookEntries.courseSlug, filter.courseSlug));
  if (filter.lessonSlug) conditions.push(eq(notebookEntries.lessonSlug, filter.lessonSlug));
  return db
    .select({
      courseSlug: notebookEntries.courseSlug,
      lessonSlug: notebookEntries.lessonSlug,
      reflectionId: notebookEntries.reflectionId,
      body: notebookEntries.body,
      updatedAt: notebookEntries.updatedAt,
    })
    .from(notebookEntries)
    .where(and(...conditions))
    .orderBy(notebookEntries.courseSlug, notebookEntries.updatedAt);
}

/** Every course the learner is enrolled in, with progress, most recently used first (one statement). */
export async function listMyLearning(userId: string, courses: Course[]) {
  const rows = await db
    .select(enrolmentWithProgress)
    .from(courseEnrollments)
    .where(eq(courseEnrollments.userId, userId));
  const items = [];
  for (const row of rows) {
    const course = courses.find((candidate) => candidate.slug === row.courseSlug);
    if (!course) continue;
    const progress = toProgress(userId, course, row);
    items.push({ course, progress, lastActivity: progress.lastActivity });
  }
  return items.sort((a, b) => b.lastActivity.getTime() - a.lastActivity.getTime());
}
