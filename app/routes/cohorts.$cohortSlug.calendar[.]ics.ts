import type { LoaderFunctionArgs } from "@remix-run/node";
import { getOptionalUser } from "~/modules/auth/session.server";
import { cohortCalendar } from "~/modules/cohorts/calendar-feed.server";
import { getPublicOrigin, notFound } from "~/utils/http.server";

/** Every session of a cohort as an .ics file; meeting links only for its members. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const slug = params.cohortSlug ?? "";
  const calendar = await cohortCalendar(slug, user, getPublicOrigin(request));
  if (calendar === null) throw notFound();
  return new Response(calendar, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${slug.replace(/[^a-z0-9-]/g, "")}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
