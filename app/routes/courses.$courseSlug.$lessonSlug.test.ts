import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { courseEnrollments } from "../../db/schema";
import { createTestUser, makeRequest, signIn } from "../../tests/db-utils";
import { flushLessonVisits } from "~/modules/courses/lesson-visits.server";
import { enrollInCourse } from "~/modules/courses/progress.server";
import { db } from "~/utils/db.server";
import { loader } from "./courses.$courseSlug.$lessonSlug";

const COURSE = "foundations-of-data-sharing";
const LESSON = "what-is-a-data-collaborative";

describe("the lesson page's loader", () => {
  it("records a signed-in learner's visit, written behind the response rather than by the GET", async () => {
    const learner = await createTestUser();
    await enrollInCourse(learner.id, COURSE);
    const request = makeRequest(
      `http://localhost/courses/${COURSE}/${LESSON}`,
      await signIn(learner.id),
    );
    const lastLesson = async () =>
      (await db.select().from(courseEnrollments).where(eq(courseEnrollments.userId, learner.id)))[0]
        ?.lastLessonSlug;

    const response = await loader({
      request,
      params: { courseSlug: COURSE, lessonSlug: LESSON },
      context: {} as never,
    });
    expect(response).toBeTruthy();
    // The loader itself wrote nothing...
    expect(await lastLesson()).toBeNull();
    // ...the visit is written with the next batch.
    await flushLessonVisits();
    expect(await lastLesson()).toBe(LESSON);
  });
});
