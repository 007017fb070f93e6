import { count, eq, sql } from "drizzle-orm";
import { checkAnswers, courseEnrollments, lessonCompletions, users } from "../../../db/schema";
import { db } from "~/utils/db.server";
import { MIN_GROUP_SIZE } from "./analytics-privacy";
import type { Course } from "./catalog.server";

export { MIN_GROUP_SIZE };

export interface GroupRow {
  group: string | null;
  /** Distinct people in the group: the threshold applies to people, not enrolments. */
  people: number;
  enrolled: number;
  completed: number;
}

/**
 * Keeps groups of at least MIN_GROUP_SIZE people; merges the rest into one "other" row,
 * itself shown only when it too reaches the threshold.
 */
export function suppressSmallGroups(rows: GroupRow[]): { rows: GroupRow[]; other: GroupRow | null } {
  const kept = rows.filter((row) => row.people >= MIN_GROUP_SIZE);
  const small = rows.filter((row) => row.people < MIN_GROUP_SIZE);
  const other = small.reduce<GroupRow>(
    (total, row) => ({
      group: null,
      people: total.people + row.people,
      enrolled: total.enrolled + row.enrolled,
      completed: total.completed + row.completed,
    }),
    { group: null, people: 0, enrolled: 0, completed: 0 },
  );
  return {
    rows: kept.sort((a, b) => b.people - a.people),
    other: other.people >= MIN_GROUP_SIZE ? other : null,
  };
}

async function completionBy(column: typeof users.sector | typeof users.country): Promise<GroupRow[]> {
  const rows = await db
    .select({
      group: column,
      people: sql<number>`count(distinct ${courseEnrollments.userId})`.mapWith(Number),
      enrolled: count(),
      completed: sql<number>`count(${courseEnrollments.completedAt})`.mapWith(Number),
    })
    .from(courseEnrollments)
    .innerJoin(users, eq(users.id, courseEnrollments.userId))
    .groupBy(column);
  return rows.map((row) => ({ group: row.group, people: row.people, enrolled: row.enrolled, completed: row.completed }));
}

export async function getCourseAnalytics(courses: Course[]) {
  const enrolment = await db
    .select({
      courseSlug: courseEnrollments.courseSlug,
      enrolled: count(),
      completed: sql<number>`count(${courseEnrollments.completedAt})`.mapWith(Number),
    })
    .from(courseEnrollments)
    .groupBy(courseEnrollments.courseSlug);
  const lessonRows = await db
    .select({ courseSlug: lessonCompletions.courseSlug, lessonSlug: lessonCompletions.lessonSlug, completed: count() })
    .from(lessonCompletions)
    .groupBy(lessonCompletions.courseSlug, lessonCompletions.lessonSlug);
  const checkRows = await db
    .select({
      courseSlug: checkAnswers.courseSlug,
      checkId: checkAnswers.checkId,
      answered: count(),
      wrongFirst: sql<number>`count(*) filter (where not ${checkAnswers.firstIsCorrect})`.mapWith(Number),
    })
    .from(checkAnswers)
    .groupBy(checkAnswers.courseSlug, checkAnswers.checkId);

  const perCourse = courses.map((course) => {
    const totals = enrolment.find((row) => row.courseSlug === course.slug);
    return {
      slug: course.slug,
      title: course.title,
      enrolled: totals?.enrolled ?? 0,
      completed: totals?.completed ?? 0,
      lessons: course.lessons.map((lesson) => ({
        slug: lesson.slug,
        title: lesson.title,
        completed:
          lessonRows.find((row) => row.courseSlug === course.slug && row.lessonSlug === lesson.slug)?.completed ?? 0,
      })),
    };
  });

  const hardestChecks = checkRows
    .flatMap((row) => {
      const course = courses.find((candidate) => candidate.slug === row.courseSlug);
      const lesson = course?.lessons.find((candidate) => candidate.checks.some((check) => check.id === row.checkId));
      const check = lesson?.checks.find((candidate) => candidate.id === row.checkId);
      if (!course || !lesson || !check || row.wrongFirst === 0) return [];
      return [
        {
          courseSlug: course.slug,
          courseTitle: course.title,
          lessonTitle: lesson.title,
          checkId: check.id,
          question: check.question,
          answered: row.answered,
          wrongFirst: row.wrongFirst,
          wrongRate: row.wrongFirst / row.answered,
        },
      ];
    })
    .sort((a, b) => b.wrongFirst - a.wrongFirst || b.wrongRate - a.wrongRate)
    .slice(0, 20);

  return {
    courses: perCourse,
    hardestChecks,
    bySector: suppressSmallGroups(await completionBy(users.sector)),
    byCountry: suppressSmallGroups(await completionBy(users.country)),
  };
}
export type CourseAnalytics = Awaited<ReturnType<typeof getCourseAnalytics>>;

