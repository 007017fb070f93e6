import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import "~/i18n/learning";
import { requireUser } from "~/modules/auth/session.server";
import { listCourses } from "~/modules/courses/courses.server";
import { getNotebook } from "~/modules/courses/progress.server";
import { pageMeta } from "~/utils/meta";

export const meta = () => pageMeta(t("notebook.title"), t("notebook.description"));

/** A learner's private notebook: only their own entries, always. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [entries, courses] = await Promise.all([getNotebook(user.id), listCourses()]);
  return {
    entries: entries.map((entry) => {
      const course = courses.find((candidate) => candidate.slug === entry.courseSlug);
      const lesson = course?.lessons.find((candidate) => candidate.slug === entry.lessonSlug);
      const prompt = lesson?.reflections.find((reflection) => reflection.id === entry.reflectionId)?.prompt;
      return {
        key: `${entry.courseSlug}/${entry.reflectionId}`,
        courseTitle: course?.title ?? entry.courseSlug,
        lessonTitle: lesson?.title ?? entry.lessonSlug,
        href: `/courses/${entry.courseSlug}/${entry.lessonSlug}#reflection-${entry.reflectionId}`,
        prompt: prompt ?? "",
        body: entry.body,
        updatedOn: entry.updatedAt.toISOString().slice(0, 10),
      };
    }),
  };
}

export default function NotebookPage() {
  const { entries } = useLoaderData<typeof loader>();
  return (
    <div className="container prose">
      <h1>{t("notebook.heading")}</h1>
      <p>{t("notebook.intro")}</p>
      {entries.length === 0 ? <p>{t("notebook.empty")}</p> : null}
      {entries.map((entry) => (
        <article key={entry.key} className="card notebook-entry" aria-labelledby={`entry-${entry.key}`}>
          <h2 id={`entry-${entry.key}`} className="h3">
            {entry.prompt}
          </h2>
          <p className="card__meta">
            <Link to={entry.href}>
              {entry.courseTitle} › {entry.lessonTitle}
            </Link>{" "}
            · {t("notebook.updated", { date: entry.updatedOn })}
          </p>
          <p className="notebook-entry__body">{entry.body}</p>
        </article>
      ))}
    </div>
  );
}
