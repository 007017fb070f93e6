import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { StatusMessage } from "~/components/forms";
import { t } from "~/i18n";
import "~/i18n/cohorts";
import { requireUser } from "~/modules/auth/session.server";
import {
  issueCalendarFeedToken,
  revokeCalendarFeedToken,
} from "~/modules/cohorts/calendar-feed.server";
import { getMyCohortsPage } from "~/modules/cohorts/cohort-page.server";
import { cohortHref, personalCalendarHref } from "~/modules/cohorts/paths";
import { badRequest, getPublicOrigin } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";

export const meta = () => pageMeta(t("cohorts.mine.title"), t("cohorts.mine.description"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return getMyCohortsPage(user);
}

/**
 * The feed address holds its token, which is stored only as a hash: it is shown once, in the
 * response to the request that made it, and never again.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const intent = (await request.formData()).get("intent");
  if (intent === "create-feed") {
    const token = await issueCalendarFeedToken(user.id);
    return { feedUrl: `${getPublicOrigin(request)}${personalCalendarHref(token)}`, revoked: false };
  }
  if (intent === "revoke-feed") {
    await revokeCalendarFeedToken(user.id);
    return { feedUrl: null, revoked: true };
  }
  throw badRequest("Unknown action.");
}

export default function MyCohortsPage() {
  const { memberships, facilitated, hasFeed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="container">
      <h1>{t("cohorts.mine.heading")}</h1>
      <StatusMessage>{actionData?.revoked ? t("cohorts.mine.feedRevoked") : null}</StatusMessage>
      {memberships.length === 0 && facilitated.length === 0 ? (
        <p>
          {t("cohorts.mine.empty")} <Link to="/cohorts">{t("cohorts.mine.browse")}</Link>
        </p>
      ) : (
        <ul className="card-list">
          {facilitated.map((cohort) => (
            <li key={`f-${cohort.slug}`} className="card">
              <h2>
                <Link to={cohortHref(cohort.slug)}>{cohort.title}</Link>
              </h2>
              <p>
                {t("cohorts.mine.facilitating")} · {t(`cohorts.status.${cohort.cohortStatus}`)}
              </p>
            </li>
          ))}
          {memberships.map((cohort) => (
            <li key={`m-${cohort.slug}`} className="card">
              <h2>
                <Link to={cohortHref(cohort.slug)}>{cohort.title}</Link>
              </h2>
              <p>
                {t(`cohorts.page.youAre.${cohort.memberStatus}`)} ·{" "}
                {t(`cohorts.status.${cohort.cohortStatus}`)}
              </p>
            </li>
          ))}
        </ul>
      )}

      <section aria-labelledby="feed" className="prose">
        <h2 id="feed">{t("cohorts.mine.feed")}</h2>
        <p>{t("cohorts.mine.feedLead")}</p>
        {actionData?.feedUrl ? (
          <div className="field">
            <label htmlFor="feed-url">{t("cohorts.mine.feedAddress")}</label>
            <p id="feed-url-hint" className="field__hint">
              {t("cohorts.mine.feedShownOnce")}
            </p>
            <input
              id="feed-url"
              type="text"
              readOnly
              value={actionData.feedUrl}
              aria-describedby="feed-url-hint"
            />
          </div>
        ) : !hasFeed ? (
          <p>{t("cohorts.mine.feedNone")}</p>
        ) : null}
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="create-feed" />
          {hasFeed ? <p>{t("cohorts.mine.feedReplaceHint")}</p> : null}
          <button type="submit">
            {hasFeed ? t("cohorts.mine.feedReplace") : t("cohorts.mine.feedCreate")}
          </button>
        </Form>
        {hasFeed ? (
          <Form method="post">
            <input type="hidden" name="intent" value="revoke-feed" />
            <button type="submit" className="button-secondary">
              {t("cohorts.mine.feedRevoke")}
            </button>
          </Form>
        ) : null}
      </section>
    </div>
  );
}
