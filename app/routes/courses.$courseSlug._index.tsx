import type { ActionFunctionArgs, LoaderFunctionArgs, MetaArgs } from "@remix-run/node";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { audienceLabel, levelLabel, topicLabel } from "~/components/course-labels";
import { MdxContent } from "~/components/mdx-components";
import { loadMdxScript } from "~/components/mdx-runtime";
import { t } from "~/i18n";
import "~/i18n/courses";
import { getOptionalUser, requireUser } from "~/modules/auth/session.server";
import { getCourse } from "~/modules/courses/courses.server";
import { enrollInCourse, getCourseProgress } from "~/modules/courses/progress.server";
import { badRequest, notFound } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { cacheForAnonymousVisitors } from "~/utils/page-cache";

export const headers = cacheForAnonymousVisitors;

export const meta = ({ data }: MetaArgs<typeof loader>) =>
  data ? pageMeta(data.course.title, data.course.summary) : pageMeta(t("error.notFoundTitle"), t("error.notFound"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const course = await getCourse(params.courseSlug ?? "");
  if (!course) throw notFound();
  const progress = user ? await getCourseProgress(user.id, course) : null;
  const completed = new Set(progress?.completedLessonSlugs ?? []);
  return {
    isSignedIn: Boolean(user),
    course: {
      slug: course.slug,
      title: course.title,
      summary: course.summary,
      audiences: course.audiences,
      level: course.level,
      topics: course.topics,
      estimatedHours: course.estimatedHours,
      outcomes: course.outcomes,
      prerequisites: course.prerequisites,
      authors: course.authors,
      licence: course.licence,
      lastReviewed: course.lastReviewed,
      introCodeId: course.introCodeId,
      lessons: course.lessons.map((lesson) => ({
        slug: lesson.slug,
        title: lesson.title,
        summary: lesson.summary,
        minutes: lesson.minutes,
        checkCount: lesson.checks.length,
        isCompleted: completed.has(lesson.slug),
      })),
    },
    progress: progress && {
      percentComplete: progress.percentComplete,
      completedCount: progress.completedLessonSlugs.length,
      resumeLessonSlug: progress.resumeLessonSlug,
      certificate: progress.certificate,
    },
  };
}

/** On client-side navigations, fetch the compiled MDX script before rendering the page. */
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const data = await serverLoader<typeof loader>();
  await loadMdxScript(data.course.introCodeId);
  return data;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const course = await getCourse(params.courseSlug ?? "");
  if (!course) throw notFound();
  const formData = await request.formData();
  if (formData.get("intent") !== "enrol") throw badRequest("Unknown action.");
  await enrollInCourse(user.id, course.slug);
  const first = course.lessons[0];
  return redirect(first ? `/courses/${course.slug}/${first.slug}` : `/courses/${course.slug}`);
}

export default function CoursePage() {
  const { course, progress, isSignedIn } = useLoaderData<typeof loader>();
  const firstLesson = course.lessons[0];
  return (
    <div className="container course-page">
      <p className="breadcrumbs">
        <Link to="/courses">{t("courses.heading")}</Link>
      </p>
      <h1>{course.title}</h1>
      <p className="lead prose">{course.summary}</p>
      <dl className="details">
        <dt>{t("courses.audience")}</dt>
        <dd>{course.audiences.map(audienceLabel).join(", ")}</dd>
        <dt>{t("courses.level")}</dt>
        <dd>{levelLabel(course.level)}</dd>
        <dt>{t("courses.time")}</dt>
        <dd>{t("courses.hoursLessons", { hours: course.estimatedHours, lessons: course.lessons.length })}</dd>
        <dt>{t("courses.topics")}</dt>
        <dd>{course.topics.map(topicLabel).join(", ")}</dd>
      </dl>

      <section aria-labelledby="progress-heading" className="notice">
        <h2 id="progress-heading" className="h3">
          {t("courses.yourProgress")}
        </h2>
        {progress ? (
          <>
            <p>
              {t("courses.percentComplete", {
                percent: progress.percentComplete,
                done: progress.completedCount,
                total: course.lessons.length,
              })}
            </p>
            <progress max={100} value={progress.percentComplete} aria-labelledby="progress-heading">
              {progress.percentComplete}%
            </progress>
            <p className="inline-list">
              {progress.resumeLessonSlug && progress.percentComplete < 100 ? (
                <Link className="button" to={`/courses/${course.slug}/${progress.resumeLessonSlug}`}>
                  {progress.completedCount ? t("courses.resume") : t("courses.start")}
                </Link>
              ) : null}
              {progress.certificate ? (
                <Link to={`/certificates/${progress.certificate.id}`}>{t("courses.viewCertificate")}</Link>
              ) : null}
            </p>
          </>
        ) : isSignedIn ? (
          <Form method="post">
            <p>{t("courses.enrolPitch")}</p>
            <button type="submit" name="intent" value="enrol">
              {t("courses.enrol")}
            </button>
          </Form>
        ) : (
          <p>
            <Link to={`/sign-in?redirectTo=${encodeURIComponent(`/courses/${course.slug}`)}`}>{t("nav.signIn")}</Link>{" "}
            {t("courses.signInToEnrol")}{" "}
            {firstLesson ? (
              <Link to={`/courses/${course.slug}/${firstLesson.slug}`}>{t("courses.readWithoutEnrolling")}</Link>
            ) : null}
          </p>
        )}
      </section>

      <div className="prose">
        <MdxContent codeId={course.introCodeId} courseSlug={course.slug} />

        <section aria-labelledby="outcomes-heading">
          <h2 id="outcomes-heading">{t("courses.outcomes")}</h2>
          <ul>
            {course.outcomes.map((outcome) => (
              <li key={outcome}>{outcome}</li>
            ))}
          </ul>
          {course.prerequisites.length ? (
            <>
              <h3>{t("courses.prerequisites")}</h3>
              <ul>
                {course.prerequisites.map((prerequisite) => (
                  <li key={prerequisite}>{prerequisite}</li>
                ))}
              </ul>
            </>
          ) : null}
        </section>

        <section aria-labelledby="lessons-heading">
          <h2 id="lessons-heading">{t("courses.lessons")}</h2>
          <ol className="lesson-list">
            {course.lessons.map((lesson) => (
              <li key={lesson.slug}>
                <Link to={`/courses/${course.slug}/${lesson.slug}`}>{lesson.title}</Link>
                {lesson.isCompleted ? <span className="tag tag--done">{t("courses.completed")}</span> : null}
                <p>{lesson.summary}</p>
                <p className="card__meta">
                  {t("courses.lessonMeta", { minutes: lesson.minutes, checks: lesson.checkCount })}
                </p>
              </li>
            ))}
          </ol>
        </section>

        <p className="card__meta">
          {t("courses.credits", {
            authors: course.authors.join(", "),
            licence: course.licence,
            date: course.lastReviewed,
          })}
        </p>
      </div>
    </div>
  );
}
