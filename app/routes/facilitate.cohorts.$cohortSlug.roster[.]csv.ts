import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/modules/auth/session.server";
import { rosterAndAttendanceCsv } from "~/modules/cohorts/facilitation.server";
import { notFound } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "facilitator", "admin");
  const slug = params.cohortSlug ?? "";
  const csv = await rosterAndAttendanceCsv(slug, user);
  if (csv === null) throw notFound();
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${slug.replace(/[^a-z0-9-]/g, "")}-roster.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
