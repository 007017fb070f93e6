import type { LoaderFunctionArgs } from "@remix-run/node";
import { t } from "~/i18n";
import "~/i18n/admin";
import { requireRole } from "~/modules/auth/session.server";
import { listCourses } from "~/modules/courses/courses.server";
import { searchAnalyticsToCsv } from "~/modules/search/analytics-csv.server";
import { getSearchAnalytics, parseSearchAnalyticsParams } from "~/modules/search/analytics.server";
import { listToolkitEntries } from "~/modules/toolkit/toolkit.server";
import { badRequest } from "~/utils/http.server";

/** The analytics of /admin/search as CSV, for the same query string (period, audience, sector). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const parsed = parseSearchAnalyticsParams(new URL(request.url));
  if (!parsed.request) {
    const codes = Object.values(parsed.errors).filter((code) => code !== undefined);
    return badRequest(codes.map((code) => t(`searchAnalytics.errors.${code}`)).join("\n"));
  }
  const [toolkitEntries, courses] = await Promise.all([listToolkitEntries(), listCourses()]);
  const analytics = await getSearchAnalytics(parsed.request, { toolkitEntries, courses });
  const csv = searchAnalyticsToCsv(analytics, {
    other: t("searchAnalytics.other"),
    notKnown: t("searchAnalytics.notKnown"),
  });
  const { from, to } = parsed.request;
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="practica-search-analytics-${from}-to-${to}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
