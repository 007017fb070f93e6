import type { ActionFunctionArgs, LoaderFunctionArgs, MetaArgs } from "@remix-run/node";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useMemo } from "react";
import { type CheckOutcome, LessonProvider } from "~/components/lesson-context";
import { MdxContent } from "~/components/mdx-components";
import { loadMdxScript } from "~/components/mdx-runtime";
import { t } from "~/i18n";
import { getOptionalUser, requireUser } from "~/modules/auth/session.server";
import { getCourse, getLesson } from "~/modules/courses/courses.server";
import {
  answerCheck,
  completeLesson,
  getLessonProgress,
  saveReflection,
} from "~/modules/courses/progress.server";
import { recordLessonVisit } from "~/modules/courses/lesson-visits.server";
import { parseCheckAnswer, parseReflection } from "~/modules/courses/lesson-forms.server";
import { badRequest, notFound, rejected } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { cacheForAnonymousVisitors } from "~/utils/page-cache";

export const headers = cacheForAnonymousVisitors;

export const meta = ({ data }: MetaArgs<typeof loader>) =>
  data
    ? pageMeta(`${data.lesson.title} · ${data.course.title}`, data.lesson.summary)
    : pageMeta(t("error.notFoundTitle"), t("error.notFound"));

async function findCourseAndLesson(params: LoaderFunctionArgs["params"]) {
  const course = await getCourse(params.courseSlug ?? "");
  const lesson = course && getLesson(course, params.lessonSlug ?? "");
  if (!course || !lesson) throw notFound();
  return { course, lesson };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const { course, lesson } = await findCourseAndLesson(params);
  const index = course.lessons.indexOf(lesson);
  const previous = course.lessons[index - 1];
  const next = course.lessons[index + 1];

  const outcomes: Record<string, CheckOutcome> = {};
  const notebook: Record<string, string> = {};
  let progress = null;
  if (user) {
    const state = await getLessonProgress(user.id, course, lesson);
    progress = state.progress;
    // Queued and written behind the response: a GET does not write (lesson-visits.server.ts).
    if (progress) recordLessonVisit(user.id, course.slug, lesson.slug);
    for (const check of lesson.checks) {
      const answer = state.answers.get(check.id);
      const option = answer && check.options[answer.optionIndex];
      if (answer && option) {
        outcomes[check.id] = { checkId: check.id, optionIndex: answer.optionIndex, isCorrect: option.correct, feedback: option.feedback };
      }
    }
    for (const entry of state.reflections) notebook[entry.reflectionId] = entry.body;
  }
  return {
    isSignedIn: Boolean(user),
    isEnrolled: Boolean(progress),
    isCompleted: Boolean(progress?.completedLessonSlugs.includes(lesson.slug)),
    percentComplete: progress?.percentComplete ?? 0,
    course: { slug: course.slug, title: course.title, lessonCount: course.lessons.length },
    lesson: {
      slug: lesson.slug,
      title: lesson.title,
      summary: lesson.summary,
      number: index + 1,
      minutes: lesson.minutes,
      readingMinutes: lesson.readingMinutes,
      headings: lesson.headings,
      codeId: lesson.codeId,
      // The page gets questions and options only; correct answers and feedback stay on the server.
      checks: lesson.checks.map((check) => ({
        id: check.id,
        question: check.question,
        options: check.options.map((option) => option.text),
      })),
      reflections: Object.fromEntries(
        lesson.reflections.map((reflection) => [reflection.id, { prompt: reflection.prompt, body: notebook[reflection.id] ?? "" }]),
      ),
    },
    outcomes,
    previous: previous && { slug: previous.slug, title: previous.title },
    next: next && { slug: next.slug, title: next.title },
  };
}

/** On client-side navigations, fetch the compiled MDX script before rendering the page. */
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const data = await serverLoader<typeof loader>();
  await loadMdxScript(data.lesson.codeId);
  return data;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { course, lesson } = await findCourseAndLesson(params);
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === "answer-check") {
    // Anyone may try a check; only a signed-in learner's answer is recorded.
    const user = await getOptionalUser(request);
    const submission = parseCheckAnswer(formData);
    if (submission.status !== "success") return rejected({ outcome: undefined, error: t("lesson.chooseAnswer") });
    const check = lesson.checks.find((candidate) => candidate.id === submission.value.checkId);
    const option = check?.options[submission.value.option];
    if (!check || !option) return rejected({ outcome: undefined, error: t("lesson.chooseAnswer") });
    if (user) {
      await answerCheck({ userId: user.id, course, lesson, checkId: check.id, optionIndex: submission.value.option });
    }
    const outcome: CheckOutcome = {
      checkId: check.id,
      optionIndex: submission.value.option,
      isCorrect: option.correct,
      feedback: option.feedback,
    };
    return { outcome, error: undefined };
  }

  const user = await requireUser(request);
  if (intent === "save-reflection") {
    const submission = parseReflection(formData);
    if (submission.status !== "success") throw badRequest("The reflection could not be saved.");
    if (!lesson.reflections.some((reflection) => reflection.id === submission.value.reflectionId)) {
      throw badRequest("Unknown reflection.");
    }
    await saveReflection({
      userId: user.id,
      courseSlug: course.slug,
      lessonSlug: lesson.slug,
      reflectionId: submission.value.reflectionId,
      body: submission.value.body,
    });
    return { savedReflectionId: submission.value.reflectionId };
  }
  if (intent === "complete-lesson") {
    const result = await completeLesson({ userId: user.id, course, lesson });
    if (!result.ok) {
      return rejected({ completeError: t("lesson.answerChecksFirst", { count: result.unansweredCheckIds.length }) }, 409);
    }
    if (result.certificateId) return redirect(`/certificates/${result.certificateId}?new=1`);
    const index = course.lessons.indexOf(lesson);
    const next = course.lessons[index + 1];
    return redirect(next ? `/courses/${course.slug}/${next.slug}` : `/courses/${course.slug}`);
  }
  throw badRequest("Unknown action.");
}

export default function LessonPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const location = useLocation();
  const { course, lesson } = data;

  // Without JavaScript a check is answered by a full page post; its outcome arrives here.
  const outcomes = useMemo(() => {
    const fromAction = actionData && "outcome" in actionData ? actionData.outcome : undefined;
    return fromAction ? { ...data.outcomes, [fromAction.checkId]: fromAction } : data.outcomes;
  }, [actionData, data.outcomes]);
  const completeError = actionData && "completeError" in actionData ? actionData.completeError : undefined;
  const signInHref = `/sign-in?redirectTo=${encodeURIComponent(location.pathname)}`;

  return (
    <div className="container lesson-layout">
      <nav aria-label={t("lesson.breadcrumbs")} className="breadcrumbs">
        <Link to="/courses">{t("nav.courses")}</Link> › <Link to={`/courses/${course.slug}`}>{course.title}</Link>
      </nav>
      <article className="lesson" aria-labelledby="lesson-title">
        <header>
          <p className="lesson__eyebrow">{t("lesson.number", { number: lesson.number, total: course.lessonCount })}</p>
          <h1 id="lesson-title">{lesson.title}</h1>
          <p className="lead">{lesson.summary}</p>
          <p className="card__meta">
            {t("lesson.timing", { minutes: lesson.minutes, reading: lesson.readingMinutes })}
            {data.isEnrolled ? ` · ${t("lesson.courseProgress", { percent: data.percentComplete })}` : null}
          </p>
        </header>

        {lesson.headings.length ? (
          <nav aria-labelledby="toc-heading" className="toc">
            <h2 id="toc-heading" className="h3">
              {t("lesson.contents")}
            </h2>
            <ol>
              {lesson.headings
                .filter((heading) => heading.depth === 2)
                .map((heading) => (
                  <li key={heading.id}>
                    <a href={`#${heading.id}`}>{heading.text}</a>
                  </li>
                ))}
            </ol>
          </nav>
        ) : null}

        <div className="prose lesson__body">
          <LessonProvider
            value={{
              checks: lesson.checks,
              outcomes,
              reflections: lesson.reflections,
              isSignedIn: data.isSignedIn,
              signInHref,
            }}
          >
            <MdxContent codeId={lesson.codeId} courseSlug={course.slug} />
          </LessonProvider>
        </div>

        <section aria-labelledby="complete-heading" className="lesson__complete notice">
          <h2 id="complete-heading" className="h3">
            {data.isCompleted ? t("lesson.completedHeading") : t("lesson.completeHeading")}
          </h2>
          {data.isCompleted ? (
            <p>{t("lesson.completedText")}</p>
          ) : data.isSignedIn ? (
            <Form method="post">
              <div id="complete-error" role="alert">
                {completeError ? <p className="field-errors">{completeError}</p> : null}
              </div>
              <button type="submit" name="intent" value="complete-lesson" aria-describedby={completeError ? "complete-error" : undefined}>
                {t("lesson.markComplete")}
              </button>
            </Form>
          ) : (
            <p>
              <Link to={signInHref}>{t("nav.signIn")}</Link> {t("lesson.signInToTrack")}
            </p>
          )}
        </section>

        <section aria-labelledby="discussion-heading" className="lesson__discussion">
          <h2 id="discussion-heading" className="h3">
            {t("lesson.discussionHeading")}
          </h2>
          <p>{t("lesson.discussionSoon")}</p>
        </section>

        <nav aria-label={t("lesson.pager")} className="pager">
          {data.previous ? (
            <Link rel="prev" to={`/courses/${course.slug}/${data.previous.slug}`}>
              ← {t("lesson.previous")}: {data.previous.title}
            </Link>
          ) : (
            <span />
          )}
          {data.next ? (
            <Link rel="next" to={`/courses/${course.slug}/${data.next.slug}`}>
              {t("lesson.next")}: {data.next.title} →
            </Link>
          ) : null}
        </nav>
      </article>
    </div>
  );
}
