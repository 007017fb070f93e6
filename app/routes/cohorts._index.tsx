import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { t } from "~/i18n";
import "~/i18n/cohorts";
import "~/i18n/vocabulary";
import { getOptionalUser } from "~/modules/auth/session.server";
import { listCohortsPage } from "~/modules/cohorts/cohort-page.server";
import { cohortHref } from "~/modules/cohorts/paths";
import { pageMeta } from "~/utils/meta";
import { cacheForAnonymousVisitors } from "~/utils/page-cache";

export const headers = cacheForAnonymousVisitors;

export const meta = () => pageMeta(t("cohorts.list.title"), t("cohorts.list.description"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  return listCohortsPage(new URL(request.url).searchParams, user);
}

export default function CohortsPage() {
  const { cohorts, filters, options, isSignedIn } = useLoaderData<typeof loader>();
  return (
    <div className="container">
      <h1>{t("cohorts.list.heading")}</h1>
      <p className="prose">{t("cohorts.list.lead")}</p>
      {isSignedIn ? (
        <p>
          <Link to="/my-cohorts">{t("cohorts.list.mine")}</Link>
        </p>
      ) : null}
      <Form method="get" className="filters" aria-labelledby="cohort-filters">
        <h2 id="cohort-filters" className="visually-hidden">
          {t("cohorts.list.filters")}
        </h2>
        <label>
          {t("cohorts.list.status")}
          <select name="status" defaultValue={filters.status ?? ""}>
            <option value="">{t("cohorts.list.anyStatus")}</option>
            {options.statuses.map((status) => (
              <option key={status} value={status}>
                {t(`cohorts.status.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("cohorts.list.audience")}
          <select name="audience" defaultValue={filters.audience ?? ""}>
            <option value="">{t("cohorts.list.anyAudience")}</option>
            {options.audiences.map((audience) => (
              <option key={audience} value={audience}>
                {t(`vocabulary.audience.${audience}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("cohorts.list.language")}
          <select name="language" defaultValue={filters.language ?? ""}>
            <option value="">{t("cohorts.list.anyLanguage")}</option>
            {options.languages.map((language) => (
              <option key={language.code} value={language.code}>
                {language.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t("cohorts.list.apply")}</button>
        {filters.status || filters.audience || filters.language ? (
          <Link to="/cohorts">{t("cohorts.list.clear")}</Link>
        ) : null}
      </Form>
      <p role="status">{t("cohorts.list.count", { count: cohorts.length })}</p>
      {cohorts.length === 0 ? (
        <p>{t("cohorts.list.empty")}</p>
      ) : (
        <ul className="card-list">
          {cohorts.map((cohort) => (
            <li key={cohort.id} className="card">
              <h2>
                <Link to={cohortHref(cohort.slug)}>{cohort.title}</Link>
              </h2>
              <p>
                <strong>{t(`cohorts.status.${cohort.status}`)}</strong> ·{" "}
                {t(`cohorts.mode.${cohort.enrolmentMode}`)} · {cohort.languageName}
              </p>
              <p>{cohort.summary}</p>
              <p>
                {cohort.firstSession
                  ? t("cohorts.list.firstSession", { date: cohort.firstSession })
                  : t("cohorts.list.noSessions")}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
