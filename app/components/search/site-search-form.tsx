import { Form } from "@remix-run/react";
import { t } from "~/i18n";

/** The search box in the header: a GET form to /search, with or without JavaScript. */
export function SiteSearchForm() {
  return (
    <Form
      method="get"
      action="/search"
      role="search"
      aria-label={t("nav.searchFormName")}
      className="site-search"
    >
      <label htmlFor="site-search-q" className="visually-hidden">
        {t("nav.searchLabel")}
      </label>
      <input
        id="site-search-q"
        type="search"
        name="q"
        autoComplete="off"
        enterKeyHint="search"
        placeholder={t("nav.searchLabel")}
      />
      <button type="submit" className="button--small">
        {t("nav.searchSubmit")}
      </button>
    </Form>
  );
}
