import type { LoaderFunctionArgs } from "@remix-run/node";
import { personalCalendar } from "~/modules/cohorts/calendar-feed.server";
import { getPublicOrigin, notFound } from "~/utils/http.server";

/** A person's private calendar feed; the token in the path is the only credential (no cookie). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const calendar = await personalCalendar(params.token ?? "", getPublicOrigin(request));
  if (calendar === null) throw notFound();
  return new Response(calendar, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="practica-sessions.ics"',
      "Cache-Control": "private, no-store",
      "Referrer-Policy": "no-referrer",
    },
  });
}
