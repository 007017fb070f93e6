import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { audienceLabel, levelLabel, topicLabel } from "~/components/course-labels";
import { t } from "~/i18n";
import "~/i18n/courses";
import { getOptionalUser } from "~/modules/auth/session.server";
import { AUDIENCES, LEVELS, TOPICS } from "~/modules/content/vocabulary";
import {
  LEARNING_PATHS,
  filterCourses,
  listCourses,
  toCourseCard,
} from "~/modules/courses/courses.server";
import { parseCourseFilters } from "~/modules/courses/filters.server";
import { pageMeta } from "~/utils/meta";
import { cacheForAnonymousVisitors } from "~/utils/page-cache";

export const headers = cacheForAnonymousVisitors;

export const meta = () => pageMeta(t("courses.title"), t("courses.description"));

export async function loader({ request }: LoaderFunctionArgs) {
  await getOptionalUser(request);
  const { filters, unknownFilters } = parseCourseFilters(new URL(request.url));
  const courses = await listCourses();
  const titles = new Map(courses.map((course) => [course.slug, course.title]));
  return {
    filters,
    unknownFilters,
    courses: filterCourses(courses, filters).map(toCourseCard),
    total: courses.length,
    paths: AUDIENCES.map((audience) => ({
      audience,
      courses: LEARNING_PATHS[audience]
        .filter((slug) => titles.has(slug))
        .map((slug) => ({ slug, title: titles.get(slug) ?? slug })),
    })),
    topics: TOPICS.filter((topic) => courses.some((course) => course.topics.includes(topic))),
  };
}

export default function CoursesPage() {
  const { courses, filters, unknownFilters, paths, topics, total } = useLoaderData<typeof loader>();
  const isFiltered = Boolean(filters.audience || filters.level || filters.topic);
  return (
    <div className="container">
      <h1>{t("courses.heading")}</h1>
      <p className="lead prose">{t("courses.lead")}</p>

      <Form method="get" className="filters" aria-labelledby="filter-heading">
        <h2 id="filter-heading" className="h3">
          {t("courses.filterHeading")}
        </h2>
        {unknownFilters.length ? <p role="status">{t("courses.unknownFilter")}</p> : null}
        <div className="filters__fields">
          <div className="field">
            <label htmlFor="filter-audience">{t("courses.audience")}</label>
            <select id="filter-audience" name="audience" defaultValue={filters.audience ?? ""}>
              <option value="">{t("courses.any")}</option>
              {AUDIENCES.map((audience) => (
                <option key={audience} value={audience}>
                  {audienceLabel(audience)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-level">{t("courses.level")}</label>
            <select id="filter-level" name="level" defaultValue={filters.level ?? ""}>
              <option value="">{t("courses.any")}</option>
              {LEVELS.map((level) => (
                <option key={level} value={level}>
                  {levelLabel(level)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-topic">{t("courses.topic")}</label>
            <select id="filter-topic" name="topic" defaultValue={filters.topic ?? ""}>
              <option value="">{t("courses.any")}</option>
              {topics.map((topic) => (
                <option key={topic} value={topic}>
                  {topicLabel(topic)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p className="inline-list">
          <button type="submit">{t("courses.applyFilters")}</button>
          {isFiltered ? <Link to="/courses">{t("courses.clearFilters")}</Link> : null}
        </p>
      </Form>

      <section aria-labelledby="results-heading">
        <h2 id="results-heading">
          {isFiltered ? t("courses.resultCount", { count: courses.length, total }) : t("courses.allCourses")}
        </h2>
        {courses.length === 0 ? (
          <p>{t("courses.noResults")}</p>
        ) : (
          <ul className="cards">
            {courses.map((course) => (
              <li key={course.slug} className="card">
                <h3>
                  <Link to={`/courses/${course.slug}`}>{course.title}</Link>
                </h3>
                <p>{course.summary}</p>
                <p className="card__meta">
                  {t("courses.cardMeta", {
                    level: levelLabel(course.level),
                    lessons: course.lessonCount,
                    hours: course.estimatedHours,
                  })}
                </p>
                <p className="card__meta">
                  {t("courses.forAudiences", { audiences: course.audiences.map(audienceLabel).join(", ") })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="paths-heading">
        <h2 id="paths-heading">{t("courses.pathsHeading")}</h2>
        <p className="prose">{t("courses.pathsLead")}</p>
        <div className="cards">
          {paths.map((path) => (
            <section key={path.audience} className="card" aria-labelledby={`path-${path.audience}`}>
              <h3 id={`path-${path.audience}`}>{t("courses.pathFor", { audience: audienceLabel(path.audience) })}</h3>
              <ol>
                {path.courses.map((course) => (
                  <li key={course.slug}>
                    <Link to={`/courses/${course.slug}`}>{course.title}</Link>
                  </li>
                ))}
              </ol>
            </section>
          ))}
        </div>
      </section>
    </div>
  );
}
