import { Form } from "@remix-run/react";
import { t } from "~/i18n";

/** The search box in the header: a GET form to /search, with or without JavaScript. */
export function SiteSearchForm() {
  return (
    <Form
      method="get"
      action="/search"
      role="search"
      aria-label={t("search.header.formName")}
      className="site-search"
    >
      <label htmlFor="site-search-q" className="visually-hidden">
        {t("search.header.label")}
      </label>
      <input
        id="site-search-q"
        type="search"
        name="q"
        autoComplete="off"
        enterKeyHint="search"
        placeholder={t("search.header.label")}
      />
      <button type="submit" className="button--small">
        {t("search.header.submit")}
      </button>
    </Form>
  );
}
