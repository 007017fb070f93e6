/**
 * The lesson a learner opened last, for "resume where you left off". Opening a lesson is a
 * GET, and a GET does not write (STYLE.md): the visit is queued here and written in one
 * statement a quarter of a second behind the response, with the others that arrived
 * meanwhile. Until it is written, this process's reads of progress see it
 * (`pendingLessonVisit`), so the next page is right at once; another server sharing
 * PostgreSQL sees it once written. A crash loses at most the visits of that quarter second:
 * a place to resume, never an answer or a completion (those are actions).
 *
 * One queue per process: the Remix build and the HTTP server (which flushes it at shutdown)
 * load this module separately, and `remember` keeps it on globalThis for both.
 */
import { remember } from "@epic-web/remember";
import { sql } from "drizzle-orm";
import { db } from "~/utils/db.server";
import { logger } from "~/utils/logger.server";

const FLUSH_AFTER_MS = 250;
const MAX_VISITS_PER_UPDATE = 500;
/** Beyond this, new visits are dropped (and counted) rather than eat the server's memory. */
const MAX_WAITING_VISITS = 20_000;

export interface LessonVisit {
  userId: string;
  courseSlug: string;
  lessonSlug: string;
  visitedAt: Date;
}

interface VisitQueue {
  /** The latest visit per learner and course, until it is written. */
  visits: Map<string, LessonVisit>;
  timer: ReturnType<typeof setTimeout> | null;
  writing: Promise<void> | null;
  dropped: number;
}

const queue = (): VisitQueue =>
  remember("practica-lesson-visits", () => ({
    visits: new Map(),
    timer: null,
    writing: null,
    dropped: 0,
  }));

const keyOf = (userId: string, courseSlug: string) => `${userId}\u0000${courseSlug}`;

/** Queues the lesson a learner opened; only an enrolment's row is updated, so others are ignored. */
export function recordLessonVisit(userId: string, courseSlug: string, lessonSlug: string): void {
  const state = queue();
  const key = keyOf(userId, courseSlug);
  if (!state.visits.has(key) && state.visits.size >= MAX_WAITING_VISITS) {
    state.dropped += 1;
    return;
  }
  state.visits.set(key, { userId, courseSlug, lessonSlug, visitedAt: new Date() });
  if (!state.timer) {
    state.timer = setTimeout(() => void flushLessonVisits(), FLUSH_AFTER_MS);
    // A pending batch must not keep a finished script or test alive; shutdown flushes it.
    state.timer.unref();
  }
}

/** The visit queued for this learner and course and not yet written, if any. */
export function pendingLessonVisit(userId: string, courseSlug: string): LessonVisit | undefined {
  return queue().visits.get(keyOf(userId, courseSlug));
}

async function writeVisits(visits: LessonVisit[]): Promise<void> {
  const values = sql.join(
    visits.map(
      (visit) =>
        sql`(${visit.userId}::text, ${visit.courseSlug}::text, ${visit.lessonSlug}::text, ${visit.visitedAt.toISOString()}::timestamptz)`,
    ),
    sql`, `,
  );
  try {
    // Table and column names written out: drizzle leaves columns unqualified in raw SQL.
    await db.execute(sql`
      update course_enrollments
      set last_lesson_slug = visit.lesson_slug, last_visited_at = visit.visited_at
      from (values ${values}) as visit (user_id, course_slug, lesson_slug, visited_at)
      where course_enrollments.user_id = visit.user_id and course_enrollments.course_slug = visit.course_slug`);
  } catch (error) {
    logger.warn(
      { err: error instanceof Error ? error.message : String(error), visits: visits.length },
      "lesson visits not recorded",
    );
  }
}

/**
 * Writes every queued visit, one UPDATE at a time. Never throws: a failed write is logged and
 * its visits are dropped (a place to resume; a lesson page must not fail for it).
 */
export async function flushLessonVisits(): Promise<void> {
  const state = queue();
  if (state.timer) clearTimeout(state.timer);
  state.timer = null;
  for (;;) {
    while (state.writing) await state.writing;
    if (state.dropped > 0) {
      logger.warn(
        { visits: state.dropped },
        "lesson visits not recorded: the database fell behind",
      );
      state.dropped = 0;
    }
    const entries = [...state.visits].slice(0, MAX_VISITS_PER_UPDATE);
    if (entries.length === 0) return;
    const writing = writeVisits(entries.map(([, visit]) => visit)).finally(() => {
      // Kept until written, so reads see them meanwhile; a newer visit queued since stays.
      for (const [key, visit] of entries) {
        if (state.visits.get(key) === visit) state.visits.delete(key);
      }
      state.writing = null;
    });
    state.writing = writing;
    await writing;
  }
}
