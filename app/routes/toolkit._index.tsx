import { json, type LinksFunction, type LoaderFunctionArgs, type MetaArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef, type FormEvent } from "react";
import { ResultPages } from "~/components/search/result-pages";
import { FacetFieldset } from "~/components/search/facet-fieldset";
import { FilterChips } from "~/components/search/filter-chips";
import { NoResults, SupportPrompt } from "~/components/search/no-results";
import { ResultList } from "~/components/search/result-list";
import { SearchBox } from "~/components/search/search-box";
import { SearchNotices } from "~/components/search/search-notices";
import { t } from "~/i18n";
import "~/i18n/toolkit";
import "~/i18n/search";
import "~/i18n/toolkit-community";
import { getOptionalUser } from "~/modules/auth/session.server";
import {
  MAX_PAGE,
  TOOLKIT_FILTERS,
  hasToolkitFilters,
  toolkitSearchHref,
} from "~/modules/search/search-params";
import {
  TOOLKIT_PAGE_SIZE,
  getToolkitResultFacts,
  readToolkitSearch,
  runToolkitSearch,
  requireSearchAllowance,
} from "~/modules/search/search-pages.server";
import {
  describeInputNotices,
  toolkitFacetGroups,
  toolkitFilterChips,
  toolkitResultViews,
} from "~/modules/search/search-views.server";
import { listToolkitEntries } from "~/modules/toolkit/toolkit.server";
import searchStylesUrl from "~/styles/search.css";
import { pageMeta } from "~/utils/meta";
import { pageCacheHeadersFromLoader } from "~/utils/page-cache";

// Anonymous results pages may be served from the page cache; each visit is still logged.
export const headers = pageCacheHeadersFromLoader;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: searchStylesUrl }];

export const meta = ({ data }: MetaArgs<typeof loader>) =>
  pageMeta(
    data?.query
      ? t("search.toolkitTitleFor", { query: data.query.slice(0, 80) })
      : t("toolkit.title"),
    t("toolkit.description"),
  );

const FORM_ID = "toolkit-search";
/** Long enough to wait for a pause in typing, short enough to feel live. */
const TYPING_PAUSE_MS = 300;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireSearchAllowance(context.clientAddress);
  const user = await getOptionalUser(request);
  const parsed = readToolkitSearch(new URL(request.url));
  const { state } = parsed;
  const entries = await listToolkitEntries();
  const base = {
    query: state.query,
    sort: state.sort,
    page: state.page,
    notices: describeInputNotices(parsed.notices),
    ...toolkitFilterChips(state),
    hasFilters: hasToolkitFilters(state.filters),
    activeFilters: TOOLKIT_FILTERS.flatMap(({ param }) =>
      state.filters[param].map((value) => ({ param, value })),
    ),
  };

  // A page number that means nothing: say so, keep the words and filters, show no results.
  if (!parsed.ok) {
    return json(
      {
        ...base,
        entryCount: entries.length,
        problem: t("search.badPage", { max: MAX_PAGE }),
        search: null,
        fallback: null,
      },
      { status: 400 },
    );
  }

  const outcome = await runToolkitSearch(state, user, { logSearch: request.method !== "HEAD" });
  if (!outcome.ok) {
    const fallback = [...entries]
      .sort((a, b) => a.title.localeCompare(b.title, "en"))
      .map((entry) => ({ slug: entry.slug, title: entry.title, summary: entry.summary }));
    return json({ ...base, entryCount: entries.length, problem: null, search: null, fallback });
  }

  const { response, entryCount, queryId, cacheHeaders, help } = outcome;
  const pageCount = Math.max(1, Math.ceil(response.total / TOOLKIT_PAGE_SIZE));
  const firstPosition = (state.page - 1) * TOOLKIT_PAGE_SIZE + 1;
  return json(
    {
      ...base,
      entryCount,
      problem: null,
      fallback: null,
      search: {
        total: response.total,
        pageCount,
        firstPosition,
        hasMore: state.page < pageCount,
        lastPageHref: toolkitSearchHref({ ...state, page: pageCount }),
        results: toolkitResultViews(response.hits, {
          queryId,
          firstPosition,
          facts: await getToolkitResultFacts(response.hits),
        }),
        facets: toolkitFacetGroups(state, response.facets, entries),
        help,
      },
    },
    { headers: cacheHeaders },
  );
}

/** Parameters in the order the server writes links in, so one search has one URL. */
const PARAM_ORDER = ["q", ...TOOLKIT_FILTERS.map(({ param }) => param), "sort"];

/** The form's values without empty ones or defaults, so URLs stay short and shareable. */
function searchParamsOf(form: HTMLFormElement): URLSearchParams {
  const formData = new FormData(form);
  const params = new URLSearchParams();
  for (const name of PARAM_ORDER) {
    for (const value of formData.getAll(name)) {
      if (typeof value !== "string" || value.trim() === "") continue;
      if (name === "sort" && value === "relevance") continue;
      params.append(name, value);
    }
  }
  return params;
}

export default function ToolkitPage() {
  const data = useLoaderData<typeof loader>();
  const { search } = data;
  const submit = useSubmit();
  const location = useLocation();
  const navigation = useNavigation();
  const queryInput = useRef<HTMLInputElement>(null);
  const typingTimer = useRef<ReturnType<typeof setTimeout>>();

  /** The words this box last sent, so their results arriving never overwrite what came after. */
  const sentQuery = useRef<string | null>(null);
  const isSearching = navigation.state === "loading" && navigation.location.pathname === "/toolkit";

  // A search changed from elsewhere (a chip, a link, the back button) shows its words in the box.
  useEffect(() => {
    const input = queryInput.current;
    if (input && data.query !== sentQuery.current && input.value !== data.query)
      input.value = data.query;
    sentQuery.current = null;
  }, [data.query]);

  useEffect(() => () => clearTimeout(typingTimer.current), []);

  function searchNow(form: HTMLFormElement | null, options: { replace: boolean }) {
    if (!form) return;
    clearTimeout(typingTimer.current);
    const params = searchParamsOf(form);
    sentQuery.current = (params.get("q") ?? "").trim();
    submit(params, {
      method: "get",
      action: "/toolkit",
      replace: options.replace,
      preventScrollReset: true,
    });
  }

  function onQueryInput(event: FormEvent<HTMLInputElement>) {
    const form = event.currentTarget.form;
    clearTimeout(typingTimer.current);
    // The first word typed adds a history entry; the letters after it replace it, so Back
    // leaves the search instead of stepping through every prefix.
    const replace = new URLSearchParams(location.search).has("q");
    typingTimer.current = setTimeout(() => searchNow(form, { replace }), TYPING_PAUSE_MS);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    searchNow(event.currentTarget, { replace: false });
  }

  const onFilterChange = (event: FormEvent<HTMLInputElement | HTMLSelectElement>) =>
    searchNow(event.currentTarget.form, { replace: false });

  return (
    <div className="container toolkit-search">
      <h1>{t("toolkit.heading")}</h1>
      <p className="lead prose">{t("toolkit.lead", { count: data.entryCount })}</p>

      <SearchNotices notices={data.notices} problem={data.problem} />

      <Form
        id={FORM_ID}
        method="get"
        action="/toolkit"
        role="search"
        aria-label={t("search.toolkitFormName")}
        onSubmit={onSubmit}
      >
        <SearchBox
          id="toolkit-q"
          label={t("search.toolkitLabel")}
          hint={t("search.toolkitHint")}
          defaultValue={data.query}
          inputRef={queryInput}
          onQueryInput={onQueryInput}
        />
        {/* Without results there are no facet boxes: the chosen filters travel with the words. */}
        {search
          ? null
          : data.activeFilters.map(({ param, value }) => (
              <input key={`${param}=${value}`} type="hidden" name={param} value={value} />
            ))}
        {search || data.sort === "relevance" ? null : (
          <input type="hidden" name="sort" value={data.sort} />
        )}
      </Form>
      {data.problem ? <FilterChips chips={data.chips} clearHref={data.clearHref} /> : null}

      {data.fallback ? (
        <section aria-labelledby="all-entries" className="search-unavailable">
          <h2 id="all-entries" className="visually-hidden">
            {t("search.resultsHeading")}
          </h2>
          <p className="notice" role="status">
            {t("search.unavailableToolkit")}
          </p>
          <ul className="search-hits">
            {data.fallback.map((entry) => (
              <li key={entry.slug} className="search-hit">
                <h3 className="search-hit__title">
                  <Link to={`/toolkit/${entry.slug}`}>{entry.title}</Link>
                </h3>
                <p className="search-hit__summary">{entry.summary}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {search ? (
        <div className="search-layout">
          <section
            aria-labelledby="results-heading"
            className={isSearching ? "search-results search-results--pending" : "search-results"}
            aria-busy={isSearching}
          >
            <h2 id="results-heading" className="visually-hidden">
              {t("search.resultsHeading")}
            </h2>
            <div className="search-results__bar">
              <p role="status" className="search-results__count">
                {data.query
                  ? t("search.countFor", { count: search.total, query: data.query })
                  : t("search.count", { count: search.total })}
              </p>
              <div className="search-results__sort">
                <label htmlFor="toolkit-sort">{t("search.sortLabel")}</label>
                <select
                  key={data.sort}
                  id="toolkit-sort"
                  name="sort"
                  form={FORM_ID}
                  defaultValue={data.sort}
                  onChange={onFilterChange}
                >
                  <option value="relevance">{t("search.sort.relevance")}</option>
                  <option value="newest">{t("search.sort.newest")}</option>
                  <option value="most-useful">{t("search.sort.most-useful")}</option>
                </select>
                {/* With JavaScript the order applies on change; without it, this applies it. */}
                <button type="submit" form={FORM_ID} className="button--small button--secondary">
                  {t("search.applySort")}
                </button>
              </div>
              <a href="#filters" className="search-results__jump">
                {t("search.jumpToFilters")}
              </a>
            </div>
            <FilterChips chips={data.chips} clearHref={data.clearHref} />

            {search.results.length > 0 ? (
              <ResultList results={search.results} start={search.firstPosition} />
            ) : search.total === 0 ? (
              <NoResults
                message={
                  data.query
                    ? data.hasFilters
                      ? t("search.noResultsFiltered", { query: data.query })
                      : t("search.noResultsFor", { query: data.query })
                    : t("search.noResultsOnlyFilters")
                }
                spelling={search.help?.spelling ?? null}
                withoutFilters={search.help?.withoutFilters ?? null}
                hasFilters={data.hasFilters}
              />
            ) : (
              <p className="notice search-past-end">
                {t("search.pastLastPage", { page: data.page, pages: search.pageCount })}{" "}
                <Link to={search.lastPageHref}>
                  {t("search.lastPage", { page: search.pageCount })}
                </Link>
              </p>
            )}

            {search.total > 0 && data.page <= search.pageCount ? (
              <ResultPages page={data.page} pageCount={search.pageCount} hasMore={search.hasMore} />
            ) : null}
            {search.total > 0 ? <SupportPrompt /> : null}
          </section>

          <aside id="filters" aria-labelledby="filters-heading" className="search-facets">
            <h2 id="filters-heading" className="h3">
              {t("search.filtersHeading")}
            </h2>
            {search.facets.map((group) => (
              <FacetFieldset
                key={group.param}
                group={group}
                form={FORM_ID}
                onChange={onFilterChange}
              />
            ))}
            <button type="submit" form={FORM_ID} className="button--secondary">
              {t("search.applyFilters")}
            </button>
          </aside>
        </div>
      ) : null}

      <p className="toolkit-suggest">
        {t("toolkitCommunity.suggestPrompt")}{" "}
        <Link to="/toolkit/suggest">{t("toolkitCommunity.suggestLink")}</Link>
      </p>
    </div>
  );
}
