import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DataTable } from "~/components/data-table";
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
    <DataTable
      caption={caption}
      columns={[t("courseAnalytics.group"), t("courseAnalytics.people"), t("courseAnalytics.enrolled"), t("courseAnalytics.completed")]}
      rows={rows.map((row) => ({ key: row.group, header: row.group, cells: [row.people, row.enrolled, row.completed] }))}
      empty={t("courseAnalytics.tooFew", { min: MIN_GROUP_SIZE })}
    />
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
          <DataTable
            key={course.slug}
            caption={t("courseAnalytics.courseCaption", { title: course.title, enrolled: course.enrolled, completed: course.completed })}
            columns={[t("courseAnalytics.lesson"), t("courseAnalytics.completed")]}
            rows={course.lessons.map((lesson) => ({ key: lesson.slug, header: lesson.title, cells: [lesson.completed] }))}
          />
        ))}
      </section>
      <section aria-labelledby="hardest">
        <h2 id="hardest">{t("courseAnalytics.hardest")}</h2>
        {data.hardestChecks.length === 0 ? (
          <p>{t("courseAnalytics.noWrong")}</p>
        ) : (
          <DataTable
            caption={t("courseAnalytics.hardest")}
            hideCaption
            columns={[t("courseAnalytics.question"), t("courseAnalytics.lesson"), t("courseAnalytics.wrongFirst"), t("courseAnalytics.answered")]}
            rows={data.hardestChecks.map((check) => ({
              key: `${check.courseSlug}-${check.checkId}`,
              header: check.question,
              cells: [`${check.courseTitle} › ${check.lessonTitle}`, check.wrongFirst, check.answered],
            }))}
          />
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
