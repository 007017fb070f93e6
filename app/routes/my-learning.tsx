import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import "~/i18n/courses";
import "~/i18n/learning";
import { requireUser } from "~/modules/auth/session.server";
import { listCourses } from "~/modules/courses/courses.server";
import { listMyLearning } from "~/modules/courses/progress.server";
import { pageMeta } from "~/utils/meta";

export const meta = () => pageMeta(t("myLearning.title"), t("myLearning.description"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const items = await listMyLearning(user.id, await listCourses());
  return {
    items: items.map(({ course, progress }) => ({
      slug: course.slug,
      title: course.title,
      lessonCount: course.lessons.length,
      completedCount: progress.completedLessonSlugs.length,
      percentComplete: progress.percentComplete,
      resumeLessonSlug: progress.resumeLessonSlug,
      resumeLessonTitle: course.lessons.find((lesson) => lesson.slug === progress.resumeLessonSlug)?.title,
      certificateId: progress.certificate?.id,
    })),
  };
}

export default function MyLearningPage() {
  const { items } = useLoaderData<typeof loader>();
  return (
    <div className="container">
      <h1>{t("myLearning.heading")}</h1>
      <p>
        <Link to="/notebook">{t("myLearning.notebookLink")}</Link>
      </p>
      {items.length === 0 ? (
        <p>
          {t("myLearning.empty")} <Link to="/courses">{t("myLearning.browse")}</Link>
        </p>
      ) : (
        <ul className="cards">
          {items.map((item) => (
            <li key={item.slug} className="card">
              <h2 className="h3">
                <Link to={`/courses/${item.slug}`}>{item.title}</Link>
              </h2>
              <p id={`progress-${item.slug}`}>
                {t("courses.percentComplete", { percent: item.percentComplete, done: item.completedCount, total: item.lessonCount })}
              </p>
              <progress max={100} value={item.percentComplete} aria-labelledby={`progress-${item.slug}`} />
              {item.percentComplete < 100 && item.resumeLessonSlug ? (
                <p>
                  <Link to={`/courses/${item.slug}/${item.resumeLessonSlug}`}>
                    {t("myLearning.resumeAt", { lesson: item.resumeLessonTitle ?? "" })}
                  </Link>
                </p>
              ) : null}
              {item.certificateId ? (
                <p>
                  <Link to={`/certificates/${item.certificateId}`}>{t("courses.viewCertificate")}</Link>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
