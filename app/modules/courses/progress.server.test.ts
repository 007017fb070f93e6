import { and, count, eq, inArray } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { checkAnswers, courseEnrollments, users } from "../../../db/schema";
import { createTestUser } from "../../../tests/db-utils";
import { makeTestCourse } from "../../../tests/fixtures/courses";
import { db } from "~/utils/db.server";
import { getCourseAnalytics, suppressSmallGroups } from "./analytics.server";
import { flushLessonVisits, recordLessonVisit } from "./lesson-visits.server";
import {
  answerCheck,
  completeLesson,
  enrollInCourse,
  getCertificateForVerification,
  getCourseProgress,
  getLessonProgress,
  getNotebook,
  listMyLearning,
  saveReflection,
  setCertificateHidden,
} from "./progress.server";

const course = makeTestCourse();
const [lessonOne, lessonTwo] = course.lessons as [(typeof course.lessons)[0], (typeof course.lessons)[0]];

// Visits are queued per process; none may be left for the next file's database.
afterEach(() => flushLessonVisits());

describe("enrolment and progress", () => {
  it("enrols once however often asked, and starts at the first lesson", async () => {
    const user = await createTestUser();
    expect(await getCourseProgress(user.id, course)).toBeNull();
    await enrollInCourse(user.id, course.slug);
    await enrollInCourse(user.id, course.slug);
    const [row] = await db.select({ n: count() }).from(courseEnrollments).where(eq(courseEnrollments.userId, user.id));
    expect(row?.n).toBe(1);
    const progress = await getCourseProgress(user.id, course);
    expect(progress).toMatchObject({ percentComplete: 0, resumeLessonSlug: "lesson-1", certificate: null });
  });

  it("resumes at the last lesson opened until it is completed", async () => {
    const user = await createTestUser();
    await enrollInCourse(user.id, course.slug);
    await recordLessonVisit(user.id, course.slug, "lesson-2");
    expect((await getCourseProgress(user.id, course))?.resumeLessonSlug).toBe("lesson-2");
  });

  it("writes a lesson visit behind the response, the latest per learner and course, enrolments only", async () => {
    const [learner, other, notEnrolled] = [await createTestUser(), await createTestUser(), await createTestUser()];
    await enrollInCourse(learner.id, course.slug);
    await enrollInCourse(other.id, course.slug);
    const lastLesson = async (userId: string) =>
      (await db.select().from(courseEnrollments).where(eq(courseEnrollments.userId, userId)))[0]?.lastLessonSlug;

    recordLessonVisit(learner.id, course.slug, "lesson-1");
    recordLessonVisit(learner.id, course.slug, "lesson-2");
    recordLessonVisit(other.id, course.slug, "lesson-1");
    recordLessonVisit(notEnrolled.id, course.slug, "lesson-2");
    // Not written yet, but this server already resumes there.
    expect(await lastLesson(learner.id)).toBeNull();
    expect((await getCourseProgress(learner.id, course))?.resumeLessonSlug).toBe("lesson-2");

    await flushLessonVisits();
    expect(await lastLesson(learner.id)).toBe("lesson-2");
    expect(await lastLesson(other.id)).toBe("lesson-1");
    const [written] = await db.select().from(courseEnrollments).where(eq(courseEnrollments.userId, learner.id));
    expect(written?.lastVisitedAt).toBeInstanceOf(Date);
    expect(await getCourseProgress(notEnrolled.id, course)).toBeNull();
    expect((await getCourseProgress(learner.id, course))?.resumeLessonSlug).toBe("lesson-2");
    // And my learning puts the course just visited first.
    const [first] = await listMyLearning(learner.id, [course]);
    expect(first?.progress.resumeLessonSlug).toBe("lesson-2");
  });

  it("reads what a lesson page shows a learner in one go: progress, their answers, their reflections", async () => {
    const [learner, other] = [await createTestUser(), await createTestUser()];
    const before = await getLessonProgress(learner.id, course, lessonOne);
    expect(before).toEqual({ progress: null, answers: new Map(), reflections: [] });

    await answerCheck({ userId: learner.id, course, lesson: lessonOne, checkId: "check-1", optionIndex: 1 });
    await saveReflection({ userId: learner.id, courseSlug: course.slug, lessonSlug: lessonOne.slug, reflectionId: "reflect-1", body: "Mine" });
    await answerCheck({ userId: other.id, course, lesson: lessonOne, checkId: "check-1", optionIndex: 0 });
    await saveReflection({ userId: other.id, courseSlug: course.slug, lessonSlug: lessonOne.slug, reflectionId: "reflect-1", body: "Theirs" });

    const state = await getLessonProgress(learner.id, course, lessonOne);
    expect(state.progress).toEqual(await getCourseProgress(learner.id, course));
    expect(state.progress).toMatchObject({ percentComplete: 0, resumeLessonSlug: "lesson-1" });
    expect([...state.answers.values()]).toEqual([{ checkId: "check-1", optionIndex: 1 }]);
    expect(state.reflections).toEqual([{ reflectionId: "reflect-1", body: "Mine" }]);
    // Another lesson of the same course has none of this lesson's answers or reflections.
    const elsewhere = await getLessonProgress(learner.id, course, lessonTwo);
    expect(elsewhere.answers.size).toBe(0);
    expect(elsewhere.reflections).toEqual([]);
  });

  it("grades an answer on the server and counts a repeated submission once", async () => {
    const user = await createTestUser();
    const wrong = await answerCheck({ userId: user.id, course, lesson: lessonOne, checkId: "check-1", optionIndex: 0 });
    expect(wrong).toEqual({ ok: true, isCorrect: false, optionIndex: 0 });
    await answerCheck({ userId: user.id, course, lesson: lessonOne, checkId: "check-1", optionIndex: 0 });
    const right = await answerCheck({ userId: user.id, course, lesson: lessonOne, checkId: "check-1", optionIndex: 1 });
    expect(right).toEqual({ ok: true, isCorrect: true, optionIndex: 1 });
    await answerCheck({ userId: user.id, course, lesson: lessonOne, checkId: "check-1", optionIndex: 1 });

    const rows = await db
      .select()
      .from(checkAnswers)
      .where(and(eq(checkAnswers.userId, user.id), eq(checkAnswers.checkId, "check-1")));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ optionIndex: 1, isCorrect: true, firstOptionIndex: 0, firstIsCorrect: false, attempts: 2 });
    // Answering enrols the learner.
    expect(await getCourseProgress(user.id, course)).not.toBeNull();
  });

  it("refuses unknown checks and options", async () => {
    const user = await createTestUser();
    expect(await answerCheck({ userId: user.id, course, lesson: lessonOne, checkId: "check-2", optionIndex: 0 })).toEqual({
      ok: false,
      reason: "unknown-check",
    });
    expect(await answerCheck({ userId: user.id, course, lesson: lessonOne, checkId: "check-1", optionIndex: 5 })).toEqual({
      ok: false,
      reason: "unknown-option",
    });
  });

  it("completes a lesson only after its checks are answered, and the course with a certificate once", async () => {
    const user = await createTestUser({ displayName: "Ada Learner" });
    expect(await completeLesson({ userId: user.id, course, lesson: lessonOne })).toEqual({
      ok: false,
      reason: "checks-unanswered",
      unansweredCheckIds: ["check-1"],
    });
    await answerCheck({ userId: user.id, course, lesson: lessonOne, checkId: "check-1", optionIndex: 0 });
    expect(await completeLesson({ userId: user.id, course, lesson: lessonOne })).toEqual({
      ok: true,
      courseCompleted: false,
      certificateId: null,
    });
    // Completing the same lesson twice changes nothing.
    await completeLesson({ userId: user.id, course, lesson: lessonOne });
    expect((await getCourseProgress(user.id, course))?.percentComplete).toBe(50);

    await answerCheck({ userId: user.id, course, lesson: lessonTwo, checkId: "check-2", optionIndex: 1 });
    const done = await completeLesson({ userId: user.id, course, lesson: lessonTwo });
    expect(done).toMatchObject({ ok: true, courseCompleted: true });
    const again = await completeLesson({ userId: user.id, course, lesson: lessonTwo });
    expect(again.ok && again.certificateId).toBe(done.ok && done.certificateId);

    const certificateId = done.ok ? done.certificateId : null;
    expect(certificateId).toMatch(/^[0-9a-f-]{36}$/);
    const certificate = await getCertificateForVerification(certificateId ?? "");
    expect(certificate).toMatchObject({ recipientName: "Ada Learner", courseTitle: "Test course", hiddenAt: null });
    const progress = await getCourseProgress(user.id, course);
    expect(progress).toMatchObject({ percentComplete: 100, certificate: { id: certificateId, isHidden: false } });
  });

  it("lets only the holder hide and show a certificate", async () => {
    const holder = await createTestUser();
    const stranger = await createTestUser();
    for (const lesson of course.lessons) {
      await answerCheck({ userId: holder.id, course, lesson, checkId: lesson.checks[0]?.id ?? "", optionIndex: 1 });
      await completeLesson({ userId: holder.id, course, lesson });
    }
    const certificateId = (await getCourseProgress(holder.id, course))?.certificate?.id ?? "";
    expect(await setCertificateHidden(stranger.id, certificateId, true)).toBe(false);
    expect((await getCertificateForVerification(certificateId))?.hiddenAt).toBeNull();
    expect(await setCertificateHidden(holder.id, certificateId, true)).toBe(true);
    expect((await getCertificateForVerification(certificateId))?.hiddenAt).toBeInstanceOf(Date);
    expect(await setCertificateHidden(holder.id, certificateId, false)).toBe(true);
    expect((await getCertificateForVerification(certificateId))?.hiddenAt).toBeNull();
  });

  it("keeps each learner's notebook to themselves and updates an entry in place", async () => {
    const writer = await createTestUser();
    const other = await createTestUser();
    const entry = { courseSlug: course.slug, lessonSlug: "lesson-1", reflectionId: "reflect-1" };
    await saveReflection({ userId: writer.id, ...entry, body: "First thoughts" });
    await saveReflection({ userId: writer.id, ...entry, body: "Second thoughts" });
    expect((await getNotebook(writer.id)).map((row) => row.body)).toEqual(["Second thoughts"]);
    expect(await getNotebook(other.id)).toEqual([]);
  });

  it("lists a learner's courses with their progress", async () => {
    const user = await createTestUser();
    const otherCourse = makeTestCourse("other-course", 1);
    await enrollInCourse(user.id, course.slug);
    await enrollInCourse(user.id, otherCourse.slug);
    await enrollInCourse(user.id, "course-that-was-removed");
    const items = await listMyLearning(user.id, [course, otherCourse]);
    expect(items.map((item) => item.course.slug).sort()).toEqual(["other-course", "test-course"]);
  });
});

describe("course analytics", () => {
  it("merges groups under five people and hides the merged group when it is still under five", () => {
    const result = suppressSmallGroups([
      { group: "government", people: 5, enrolled: 7, completed: 3 },
      { group: "academia", people: 2, enrolled: 6, completed: 1 },
      { group: "civil-society", people: 2, enrolled: 2, completed: 0 },
    ]);
    expect(result.rows).toEqual([{ group: "government", people: 5, enrolled: 7, completed: 3 }]);
    // Four people in the small groups together: still under five, so not shown at all.
    expect(result.other).toBeNull();
    const merged = suppressSmallGroups([
      { group: "academia", people: 3, enrolled: 3, completed: 1 },
      { group: "civil-society", people: 4, enrolled: 4, completed: 2 },
    ]);
    expect(merged.other).toEqual({ group: null, people: 7, enrolled: 7, completed: 3 });
  });

  it("counts enrolments, completions and wrong first answers", async () => {
    // Its own course: the database is shared by the tests of this file.
    const course = makeTestCourse("analytics-course");
    const lessonOne = course.lessons[0]!;
    const learners = await Promise.all([1, 2, 3].map(() => createTestUser()));
    // A country no other test uses, so the group is exactly these three people.
    await db.update(users).set({ country: "IS" }).where(inArray(users.id, learners.map((learner) => learner.id)));
    for (const learner of learners) {
      await answerCheck({ userId: learner.id, course, lesson: lessonOne, checkId: "check-1", optionIndex: 0 });
      await answerCheck({ userId: learner.id, course, lesson: lessonOne, checkId: "check-1", optionIndex: 1 });
      await completeLesson({ userId: learner.id, course, lesson: lessonOne });
    }
    const analytics = await getCourseAnalytics([course]);
    expect(analytics.courses[0]).toMatchObject({ enrolled: 3, completed: 0 });
    expect(analytics.courses[0]?.lessons).toEqual([
      { slug: "lesson-1", title: "Lesson 1", completed: 3 },
      { slug: "lesson-2", title: "Lesson 2", completed: 0 },
    ]);
    expect(analytics.hardestChecks[0]).toMatchObject({ checkId: "check-1", answered: 3, wrongFirst: 3 });
    // Three people from one country are a group under five: never shown on its own.
    expect(analytics.byCountry.rows.map((row) => row.group)).not.toContain("IS");
  });
});
