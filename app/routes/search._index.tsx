import { json, type LinksFunction, type LoaderFunctionArgs, type MetaArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ResultPages } from "~/components/search/result-pages";
import { NoResults, SupportPrompt } from "~/components/search/no-results";
import { ResultList } from "~/components/search/result-list";
import { SearchBox } from "~/components/search/search-box";
import { SearchNotices } from "~/components/search/search-notices";
import { t } from "~/i18n";
import "~/i18n/search";
import { getOptionalUser } from "~/modules/auth/session.server";
import { listCourses } from "~/modules/courses/courses.server";
import { MAX_PAGE, siteSearchHref, toolkitQueryHref } from "~/modules/search/search-params";
import {
  SITE_GROUP_SIZE,
  SITE_KIND_PAGE_SIZE,
  getToolkitResultFacts,
  readSiteSearch,
  runSiteSearch,
  requireSearchAllowance,
} from "~/modules/search/search-pages.server";
import { describeInputNotices, siteResultViews } from "~/modules/search/search-views.server";
import searchStylesUrl from "~/styles/search.css";
import { pageMeta } from "~/utils/meta";
import { pageCacheHeadersFromLoader } from "~/utils/page-cache";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: searchStylesUrl }];

export const meta = ({ data }: MetaArgs<typeof loader>) =>
  pageMeta(
    data?.query
      ? t("search.siteTitleFor", { query: data.query.slice(0, 80) })
      : t("search.siteTitle"),
    t("search.siteDescription"),
  );

// Anonymous results pages may be served from the page cache; each visit is still logged.
export const headers = pageCacheHeadersFromLoader;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireSearchAllowance(context.clientAddress);
  const user = await getOptionalUser(request);
  const parsed = readSiteSearch(new URL(request.url));
  const { state } = parsed;
  const base = {
    query: state.query,
    kind: state.kind,
    page: state.page,
    notices: describeInputNotices(parsed.notices),
  };
  if (!parsed.ok) {
    return json(
      {
        ...base,
        problem: t("search.badPage", { max: MAX_PAGE }),
        unavailable: false,
        search: null,
      },
      { status: 400 },
    );
  }
  const outcome = await runSiteSearch(state, user, { logSearch: request.method !== "HEAD" });
  if (!outcome.ok) return json({ ...base, problem: null, unavailable: true, search: null });

  const [facts, courses] = await Promise.all([
    getToolkitResultFacts(outcome.groups.flatMap((group) => group.hits)),
    listCourses(),
  ]);
  const pageSize = state.kind ? SITE_KIND_PAGE_SIZE : SITE_GROUP_SIZE;
  return json(
    {
      ...base,
      problem: null,
      unavailable: false,
      search: {
        total: outcome.total,
        spelling: outcome.spelling,
        allKindsHref: siteSearchHref({ query: state.query, kind: null, page: 1 }),
        groups: outcome.groups.map((group) => {
          const pageCount = Math.max(1, Math.ceil(group.total / pageSize));
          return {
            kind: group.kind,
            total: group.total,
            firstPosition: group.firstPosition,
            // Toolkit results continue on /toolkit, with its facets; courses and lessons here.
            seeAllHref:
              group.kind === "toolkit"
                ? toolkitQueryHref(state.query)
                : siteSearchHref({ query: state.query, kind: group.kind, page: 1 }),
            pageCount,
            hasMore: state.kind !== null && state.page < pageCount,
            lastPageHref: siteSearchHref({ ...state, page: pageCount }),
            results: siteResultViews(group.hits, {
              queryId: outcome.queryId,
              firstPosition: group.firstPosition,
              facts,
              courses,
            }),
          };
        }),
      },
    },
    { headers: outcome.cacheHeaders },
  );
}

export default function SearchPage() {
  const data = useLoaderData<typeof loader>();
  const { search } = data;
  return (
    <div className="container site-search-page">
      <h1>{t("search.siteHeading")}</h1>
      <SearchNotices notices={data.notices} problem={data.problem} />
      <Form method="get" action="/search" role="search" aria-label={t("search.siteFormName")}>
        <SearchBox id="search-q" label={t("search.siteLabel")} defaultValue={data.query} />
        {data.kind ? <input type="hidden" name="kind" value={data.kind} /> : null}
      </Form>

      {data.unavailable ? (
        <p className="notice" role="status">
          {t("search.unavailable")}
        </p>
      ) : null}

      {!data.query && !data.problem && !data.unavailable ? (
        <div className="prose">
          <p>{t("search.siteEmpty")}</p>
          <p>
            {t("search.siteBrowse")} <Link to="/toolkit">{t("search.siteBrowseToolkit")}</Link>,{" "}
            <Link to="/courses">{t("search.siteBrowseCourses")}</Link>.
          </p>
        </div>
      ) : null}

      {search && data.query ? (
        <>
          <p role="status" className="search-results__count">
            {t("search.siteCount", { count: search.total, query: data.query })}
          </p>
          {data.kind ? (
            <p>
              <Link to={search.allKindsHref}>{t("search.allKinds", { query: data.query })}</Link>
            </p>
          ) : search.total > 0 ? (
            <nav aria-label={t("search.resultsHeading")} className="search-kinds">
              <ul>
                {search.groups.map((group) => (
                  <li key={group.kind}>
                    <a href={`#kind-${group.kind}`}>
                      {t("search.kindCount", {
                        kind: t(`search.kind.${group.kind}`),
                        count: group.total,
                      })}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}

          {search.total === 0 ? (
            <NoResults
              message={t("search.siteNoResults", { query: data.query })}
              spelling={search.spelling}
              withoutFilters={null}
              hasFilters={false}
            />
          ) : (
            search.groups.map((group) => (
              <section
                key={group.kind}
                className="search-group"
                aria-labelledby={`kind-${group.kind}`}
              >
                <h2 id={`kind-${group.kind}`}>
                  {t("search.kindCount", {
                    kind: t(`search.kind.${group.kind}`),
                    count: group.total,
                  })}
                </h2>
                {group.results.length > 0 ? (
                  <ResultList results={group.results} start={group.firstPosition} />
                ) : group.total === 0 ? (
                  <p>{t("search.kindNone")}</p>
                ) : (
                  <p className="notice search-past-end">
                    {t("search.pastLastPage", { page: data.page, pages: group.pageCount })}{" "}
                    <Link to={group.lastPageHref}>
                      {t("search.lastPage", { page: group.pageCount })}
                    </Link>
                  </p>
                )}
                {data.kind && group.total > 0 && data.page <= group.pageCount ? (
                  <ResultPages
                    page={data.page}
                    pageCount={group.pageCount}
                    hasMore={group.hasMore}
                  />
                ) : null}
                {!data.kind &&
                (group.kind === "toolkit"
                  ? group.total > 0
                  : group.total > group.results.length) ? (
                  <p className="search-group__more">
                    <Link to={group.seeAllHref}>
                      {t(`search.seeAll.${group.kind}`, { count: group.total })}
                    </Link>
                  </p>
                ) : null}
              </section>
            ))
          )}
          {search.total > 0 ? <SupportPrompt /> : null}
        </>
      ) : null}
    </div>
  );
}
