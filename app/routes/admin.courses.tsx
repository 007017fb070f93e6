import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import "~/i18n/admin";
import { requireRole } from "~/modules/auth/session.server";
import { MIN_GROUP_SIZE } from "~/modules/courses/analytics-privacy";
import { getCourseAnalytics, type GroupRow } from "~/modules/courses/analytics.server";
import { listCourses } from "~/modules/courses/courses.server";
import { sectorLabel } from "~/modules/people/labels";
import { getCountryName } from "~/modules/people/reference-data";
import { pageMeta } from "~/utils/meta";

export const meta = () => pageMeta(`${t("courseAnalytics.title")} · ${t("admin.title")}`, t("courseAnalytics.description"));

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const analytics = await getCourseAnalytics(await listCourses());
  const label = (kind: "sector" | "country") => (row: GroupRow) => ({
    group: row.group ? ((kind === "sector" ? sectorLabel(row.group) : getCountryName(row.group)) ?? row.group) : t("courseAnalytics.notGiven"),
    people: row.people,
    enrolled: row.enrolled,
    completed: row.completed,
  });
  return {
    ...analytics,
    bySector: {
      rows: analytics.bySector.rows.map(label("sector")),
      other: analytics.bySector.other && { ...label("sector")(analytics.bySector.other), group: t("courseAnalytics.other") },
    },
    byCountry: {
      rows: analytics.byCountry.rows.map(label("country")),
      other: analytics.byCountry.other && { ...label("country")(analytics.byCountry.other), group: t("courseAnalytics.other") },
    },
  };
}

interface GroupView {
  group: string;
  people: number;
  enrolled: number;
  completed: number;
}

function GroupTable({ caption, table }: { caption: string; table: { rows: GroupView[]; other: GroupView | null } }) {
  const rows = table.other ? [...table.rows, table.other] : table.rows;
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("courseAnalytics.group")}</th>
            <th scope="col">{t("courseAnalytics.people")}</th>
            <th scope="col">{t("courseAnalytics.enrolled")}</th>
            <th scope="col">{t("courseAnalytics.completed")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={4}>{t("courseAnalytics.tooFew", { min: MIN_GROUP_SIZE })}</td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.group}>
                <th scope="row">{row.group}</th>
                <td>{row.people}</td>
                <td>{row.enrolled}</td>
                <td>{row.completed}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

export default function AdminCoursesPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("courseAnalytics.heading")}</h1>
      <p>
        <a href="/admin/courses.csv" download>
          {t("courseAnalytics.download")}
        </a>
      </p>
      <section aria-labelledby="per-course">
        <h2 id="per-course">{t("courseAnalytics.perCourse")}</h2>
        {data.courses.map((course) => (
          <div key={course.slug} className="table-wrap">
            <table>
              <caption>
                {t("courseAnalytics.courseCaption", { title: course.title, enrolled: course.enrolled, completed: course.completed })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("courseAnalytics.lesson")}</th>
                  <th scope="col">{t("courseAnalytics.completed")}</th>
                </tr>
              </thead>
              <tbody>
                {course.lessons.map((lesson) => (
                  <tr key={lesson.slug}>
                    <th scope="row">{lesson.title}</th>
                    <td>{lesson.completed}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </section>
      <section aria-labelledby="hardest">
        <h2 id="hardest">{t("courseAnalytics.hardest")}</h2>
        {data.hardestChecks.length === 0 ? (
          <p>{t("courseAnalytics.noWrong")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("courseAnalytics.hardest")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("courseAnalytics.question")}</th>
                  <th scope="col">{t("courseAnalytics.lesson")}</th>
                  <th scope="col">{t("courseAnalytics.wrongFirst")}</th>
                  <th scope="col">{t("courseAnalytics.answered")}</th>
                </tr>
              </thead>
              <tbody>
                {data.hardestChecks.map((check) => (
                  <tr key={`${check.courseSlug}-${check.checkId}`}>
                    <th scope="row">{check.question}</th>
                    <td>
                      {check.courseTitle} › {check.lessonTitle}
                    </td>
                    <td>{check.wrongFirst}</td>
                    <td>{check.answered}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="groups">
        <h2 id="groups">{t("courseAnalytics.groupsHeading")}</h2>
        <p>{t("courseAnalytics.groupsNote", { min: MIN_GROUP_SIZE })}</p>
        <GroupTable caption={t("courseAnalytics.bySector")} table={data.bySector} />
        <GroupTable caption={t("courseAnalytics.byCountry")} table={data.byCountry} />
      </section>
    </>
  );
}
