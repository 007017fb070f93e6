import type { LoaderFunctionArgs } from "@remix-run/node";
import { t } from "~/i18n";
import "~/i18n/admin";
import { requireRole } from "~/modules/auth/session.server";
import { courseAnalyticsToCsv } from "~/modules/courses/analytics-csv.server";
import { getCourseAnalytics } from "~/modules/courses/analytics.server";
import { listCourses } from "~/modules/courses/courses.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const csv = courseAnalyticsToCsv(await getCourseAnalytics(await listCourses()), {
    other: t("courseAnalytics.other"),
    notGiven: t("courseAnalytics.notGiven"),
  });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="practica-course-analytics-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
