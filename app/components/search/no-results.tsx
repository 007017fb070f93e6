import { Link } from "@remix-run/react";
import { t } from "~/i18n";
import "~/i18n/search";

export interface AlternativeSearchView {
  href: string;
  count: number;
  query?: string;
}

/**
 * What a search that found nothing says: that it found nothing, a search that would find
 * something when there is one (without the filters, or with the spelling corrected), and
 * where to ask for help.
 */
export function NoResults({
  message,
  spelling,
  withoutFilters,
  hasFilters,
}: {
  message: string;
  spelling: AlternativeSearchView | null;
  withoutFilters: AlternativeSearchView | null;
  hasFilters: boolean;
}) {
  return (
    <section className="no-results" aria-labelledby="no-results-heading">
      <h3 id="no-results-heading">{t("search.noResultsHeading")}</h3>
      <p className="no-results__message">{message}</p>
      <p>{t("search.tryInstead")}</p>
      <ul>
        {spelling?.query ? (
          <li>
            {t("search.didYouMean")}{" "}
            <Link to={spelling.href} className="no-results__spelling">
              {spelling.query}
            </Link>{" "}
            {t("search.didYouMeanCount", { count: spelling.count })}
          </li>
        ) : null}
        {withoutFilters ? (
          <li>
            <Link to={withoutFilters.href}>
              {t("search.withoutFilters", { count: withoutFilters.count })}
            </Link>
          </li>
        ) : null}
        {hasFilters ? <li>{t("search.removeOneFilter")}</li> : null}
        <li>{t("search.fewerWords")}</li>
      </ul>
      <SupportPrompt />
    </section>
  );
}

export function SupportPrompt() {
  return (
    <p className="support-prompt">
      {t("search.askForSupport")} <Link to="/support">{t("search.askForSupportLink")}</Link>.
    </p>
  );
}
