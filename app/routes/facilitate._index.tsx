import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import "~/i18n/cohorts";
import { requireRole } from "~/modules/auth/session.server";
import { listFacilitatedCohorts } from "~/modules/cohorts/facilitation.server";
import { pageMeta } from "~/utils/meta";

export const meta = () =>
  pageMeta(t("cohorts.facilitate.title"), t("cohorts.facilitate.description"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "facilitator", "admin");
  return { cohorts: await listFacilitatedCohorts(user) };
}

export default function FacilitationPage() {
  const { cohorts } = useLoaderData<typeof loader>();
  return (
    <div className="container">
      <h1>{t("cohorts.facilitate.heading")}</h1>
      <p className="prose">{t("cohorts.facilitate.lead")}</p>
      <p>
        <Link to="/facilitate/cohorts/new" className="button">
          {t("cohorts.facilitate.newCohort")}
        </Link>
      </p>
      {cohorts.length === 0 ? (
        <p>{t("cohorts.facilitate.none")}</p>
      ) : (
        <ul className="card-list">
          {cohorts.map((cohort) => (
            <li key={cohort.id} className="card">
              <h2>
                <Link to={`/facilitate/cohorts/${cohort.slug}`}>{cohort.title}</Link>
              </h2>
              <p>{t(`cohorts.status.${cohort.status}`)}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
