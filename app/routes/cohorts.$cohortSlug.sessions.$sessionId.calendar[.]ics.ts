import type { LoaderFunctionArgs } from "@remix-run/node";
import { getOptionalUser } from "~/modules/auth/session.server";
import { cohortCalendar } from "~/modules/cohorts/calendar-feed.server";
import { getPublicOrigin, notFound } from "~/utils/http.server";

/** One session as an .ics file; the meeting link only for members of its cohort. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const calendar = await cohortCalendar(
    params.cohortSlug ?? "",
    user,
    getPublicOrigin(request),
    params.sessionId ?? "",
  );
  if (calendar === null) throw notFound();
  return new Response(calendar, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'attachment; filename="session.ics"',
      "Cache-Control": "private, no-store",
    },
  });
}
