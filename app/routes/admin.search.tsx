import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { audienceLabel } from "~/components/course-labels";
import { DataTable, type DataTableRow } from "~/components/data-table";
import { Field, FormErrors, SelectField } from "~/components/forms";
import { t } from "~/i18n";
import "~/i18n/admin";
import { requireRole } from "~/modules/auth/session.server";
import { AUDIENCES } from "~/modules/content/vocabulary";
import { listCourses } from "~/modules/courses/courses.server";
import { sectorLabel } from "~/modules/people/labels";
import { SECTORS } from "~/modules/people/reference-data";
import {
  getSearchAnalytics,
  MIN_COUNT_WHEN_FILTERED,
  MIN_GROUP_SIZE,
  NOT_KNOWN,
  parseSearchAnalyticsParams,
  PERIOD_PRESETS,
  type SearchAnalytics,
  type SearchAnalyticsField,
  type SearchAnalyticsRequest,
  type SearchGroupRow,
} from "~/modules/search/analytics.server";
import { isAudience } from "~/modules/search/query-log.server";
import { listToolkitEntries } from "~/modules/toolkit/toolkit.server";
import { pageMeta } from "~/utils/meta";

export const meta = () =>
  pageMeta(`${t("searchAnalytics.title")} · ${t("admin.title")}`, t("searchAnalytics.description"));

/** The query string that gives the same period and group, for the CSV link. */
function paramsOf(request: SearchAnalyticsRequest): string {
  const params = new URLSearchParams({ from: request.from, to: request.to });
  if (request.audience) params.set("audience", request.audience);
  if (request.sector) params.set("sector", request.sector);
  return params.toString();
}

function groupLabel(dimension: "audience" | "sector", group: string | null): string {
  if (group === null || group === NOT_KNOWN) return t("searchAnalytics.notKnown");
  if (dimension === "audience") return isAudience(group) ? audienceLabel(group) : group;
  return sectorLabel(group) ?? group;
}

function labelGroups(dimension: "audience" | "sector", table: SearchAnalytics["byAudience"]) {
  return [
    ...table.rows.map((row) => ({ ...row, label: groupLabel(dimension, row.group) })),
    ...(table.other ? [{ ...table.other, label: t("searchAnalytics.other") }] : []),
  ];
}

/** What the page shows: labels resolved, dates as days, nothing the page does not use. */
function toView(analytics: SearchAnalytics) {
  return {
    ...analytics,
    filterLabels: {
      audience: analytics.filter.audience
        ? groupLabel("audience", analytics.filter.audience)
        : t("searchAnalytics.any"),
      sector: analytics.filter.sector
        ? groupLabel("sector", analytics.filter.sector)
        : t("searchAnalytics.any"),
    },
    noResultQueries: analytics.noResultQueries.map((row) => ({
      ...row,
      lastSeen: row.lastSeen.toISOString().slice(0, 10),
    })),
    byAudience: labelGroups("audience", analytics.byAudience),
    bySector: labelGroups("sector", analytics.bySector),
  };
}

/**
 * Choices and limits the page shows, sent with the data: analytics.server.ts is left out of
 * the browser bundle (its constants read there are undefined: the page crashed on hydration),
 * and reference-data.ts would bring the country and language lists into it.
 */
function formOptions() {
  const notKnown = { value: NOT_KNOWN, label: t("searchAnalytics.notKnownOption") };
  return {
    presets: [...PERIOD_PRESETS],
    audiences: [
      ...AUDIENCES.map((audience) => ({ value: audience, label: audienceLabel(audience) })),
      notKnown,
    ],
    sectors: [
      ...SECTORS.map((sector) => ({ value: sector, label: sectorLabel(sector) ?? sector })),
      notKnown,
    ],
    minGroupSize: MIN_GROUP_SIZE,
    minCountWhenFiltered: MIN_COUNT_WHEN_FILTERED,
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const parsed = parseSearchAnalyticsParams(new URL(request.url));
  const errors: Partial<Record<SearchAnalyticsField, string>> = {};
  for (const field of Object.keys(parsed.errors) as SearchAnalyticsField[]) {
    const code = parsed.errors[field];
    if (code) errors[field] = t(`searchAnalytics.errors.${code}`);
  }
  const page = { values: parsed.values, preset: parsed.preset, errors, form: formOptions() };
  if (!parsed.request) {
    return json({ ...page, analytics: null, csvHref: null }, { status: 400 });
  }
  const [toolkitEntries, courses] = await Promise.all([listToolkitEntries(), listCourses()]);
  const analytics = await getSearchAnalytics(parsed.request, { toolkitEntries, courses });
  return json({
    ...page,
    analytics: toView(analytics),
    csvHref: `/admin/search.csv?${paramsOf(parsed.request)}`,
  });
}

function percent(rate: number | null): string {
  return rate === null
    ? t("searchAnalytics.none")
    : t("searchAnalytics.percent", { value: Math.round(rate * 100) });
}

function oneDecimal(value: number | null): string {
  return value === null ? t("searchAnalytics.none") : String(Math.round(value * 10) / 10);
}

/** A section with a heading, a table whose caption repeats the heading for screen readers, or an empty state. */
function TableSection({
  id,
  heading,
  note,
  empty,
  columns,
  rows,
}: {
  id: string;
  heading: string;
  note?: string;
  empty: string;
  columns: string[];
  rows: DataTableRow[];
}) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {note ? <p>{note}</p> : null}
      {rows.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <DataTable caption={heading} hideCaption columns={columns} rows={rows} />
      )}
    </section>
  );
}

function TitleLink({ title, href }: { title: string; href: string | null }) {
  return href ? <Link to={href}>{title}</Link> : <>{title}</>;
}

function GroupTable({
  caption,
  rows,
  minGroupSize,
}: {
  caption: string;
  rows: Array<SearchGroupRow & { label: string }>;
  minGroupSize: number;
}) {
  return (
    <DataTable
      caption={caption}
      columns={[
        t("searchAnalytics.group"),
        t("searchAnalytics.searches"),
        t("searchAnalytics.clickThrough"),
        t("searchAnalytics.noResultSearches"),
      ]}
      rows={rows.map((row) => ({
        key: row.label,
        header: row.label,
        cells: [row.searches, percent(row.clickThroughRate), row.noResultSearches],
      }))}
      empty={t("searchAnalytics.groupsEmpty", { min: minGroupSize })}
    />
  );
}

export default function AdminSearchPage() {
  const { values, preset, errors, form, analytics, csvHref } = useLoaderData<typeof loader>();
  const groupParams = new URLSearchParams();
  if (values.audience && !errors.audience) groupParams.set("audience", values.audience);
  if (values.sector && !errors.sector) groupParams.set("sector", values.sector);
  const presetHref = (days: number) =>
    `/admin/search?${new URLSearchParams([["days", String(days)], ...groupParams])}`;

  return (
    <>
      <h1>{t("searchAnalytics.heading")}</h1>
      <p className="prose">{t("searchAnalytics.intro")}</p>

      <Form method="get" className="filters" aria-labelledby="search-analytics-form">
        <h2 id="search-analytics-form" className="h3">
          {t("searchAnalytics.formHeading")}
        </h2>
        <FormErrors id="search-analytics-form-errors" errors={[errors.days]} />
        <nav aria-label={t("searchAnalytics.presets")}>
          <ul className="inline-list">
            {form.presets.map((days) => (
              <li key={days}>
                <Link to={presetHref(days)} aria-current={preset === days ? "page" : undefined}>
                  {t("searchAnalytics.lastDays", { days })}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="filters__fields">
          <Field
            label={t("searchAnalytics.from")}
            hint={t("searchAnalytics.dateHint")}
            errors={[errors.from]}
            inputProps={{
              id: "search-analytics-from",
              key: `from-${values.from}`,
              name: "from",
              type: "date",
              defaultValue: values.from,
            }}
          />
          <Field
            label={t("searchAnalytics.to")}
            hint={t("searchAnalytics.dateHint")}
            errors={[errors.to]}
            inputProps={{
              id: "search-analytics-to",
              key: `to-${values.to}`,
              name: "to",
              type: "date",
              defaultValue: values.to,
            }}
          />
          <SelectField
            label={t("searchAnalytics.audience")}
            errors={[errors.audience]}
            placeholder={t("searchAnalytics.any")}
            options={form.audiences}
            selectProps={{
              id: "search-analytics-audience",
              key: `audience-${values.audience}`,
              name: "audience",
              defaultValue: values.audience,
            }}
          />
          <SelectField
            label={t("searchAnalytics.sector")}
            errors={[errors.sector]}
            placeholder={t("searchAnalytics.any")}
            options={form.sectors}
            selectProps={{
              id: "search-analytics-sector",
              key: `sector-${values.sector}`,
              name: "sector",
              defaultValue: values.sector,
            }}
          />
        </div>
        <p className="inline-list">
          <button type="submit">{t("searchAnalytics.show")}</button>
          <Link to="/admin/search">{t("searchAnalytics.reset")}</Link>
        </p>
      </Form>

      {analytics === null || csvHref === null ? (
        <p>{t("searchAnalytics.fixTheForm")}</p>
      ) : (
        <>
          <p>
            {t("searchAnalytics.periodSummary", analytics.period)} · {t("searchAnalytics.audience")}
            : {analytics.filterLabels.audience} · {t("searchAnalytics.sector")}:{" "}
            {analytics.filterLabels.sector}
          </p>
          <p>
            <a href={csvHref} download>
              {t("searchAnalytics.download")}
            </a>
          </p>
          <p>
            {t("searchAnalytics.privacyNote", {
              min: form.minGroupSize,
              count: form.minCountWhenFiltered,
            })}
          </p>
          {analytics.isGroupTooSmall ? (
            <p role="status">{t("searchAnalytics.groupTooSmall", { min: form.minGroupSize })}</p>
          ) : (
            <AnalyticsTables analytics={analytics} minGroupSize={form.minGroupSize} />
          )}
        </>
      )}
    </>
  );
}

function AnalyticsTables({
  analytics,
  minGroupSize,
}: {
  analytics: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["analytics"]>;
  minGroupSize: number;
}) {
  const { totals } = analytics;
  return (
    <>
      <TableSection
        id="search-overview"
        heading={t("searchAnalytics.overview")}
        empty=""
        columns={[t("searchAnalytics.measure"), t("searchAnalytics.value")]}
        rows={[
          { key: "searches", header: t("searchAnalytics.searches"), cells: [totals.searches] },
          {
            key: "with-click",
            header: t("searchAnalytics.searchesWithClick"),
            cells: [totals.searchesWithClick],
          },
          {
            key: "ctr",
            header: t("searchAnalytics.clickThrough"),
            cells: [percent(totals.clickThroughRate)],
          },
          {
            key: "no-results",
            header: t("searchAnalytics.noResultSearches"),
            cells: [totals.noResultSearches],
          },
          { key: "clicks", header: t("searchAnalytics.clicks"), cells: [totals.clicks] },
          {
            key: "position",
            header: t("searchAnalytics.averagePosition"),
            cells: [oneDecimal(totals.averageClickPosition)],
          },
        ]}
      />
      <TableSection
        id="search-top-queries"
        heading={t("searchAnalytics.topQueries")}
        empty={t("searchAnalytics.topQueriesEmpty")}
        columns={[
          t("searchAnalytics.query"),
          t("searchAnalytics.searches"),
          t("searchAnalytics.averageResults"),
          t("searchAnalytics.clickThrough"),
        ]}
        rows={analytics.topQueries.map((row) => ({
          key: row.query,
          header: row.query,
          cells: [row.searches, oneDecimal(row.averageResults), percent(row.clickThroughRate)],
        }))}
      />
      <TableSection
        id="search-no-results"
        heading={t("searchAnalytics.noResultQueries")}
        note={t("searchAnalytics.noResultQueriesNote")}
        empty={t("searchAnalytics.noResultQueriesEmpty")}
        columns={[
          t("searchAnalytics.query"),
          t("searchAnalytics.searches"),
          t("searchAnalytics.lastSeen"),
        ]}
        rows={analytics.noResultQueries.map((row) => ({
          key: row.query,
          header: row.query,
          cells: [row.searches, row.lastSeen],
        }))}
      />
      <TableSection
        id="search-clicked"
        heading={t("searchAnalytics.clickedDocuments")}
        empty={t("searchAnalytics.clickedDocumentsEmpty")}
        columns={[
          t("searchAnalytics.document"),
          t("searchAnalytics.clicks"),
          t("searchAnalytics.fromSearches"),
        ]}
        rows={analytics.clickedDocuments.map((row) => ({
          key: row.documentId,
          header: <TitleLink title={row.title} href={row.href} />,
          cells: [row.clicks, row.searches],
        }))}
      />
      <TableSection
        id="search-useful"
        heading={t("searchAnalytics.usefulEntries")}
        note={t("searchAnalytics.usefulEntriesNote")}
        empty={t("searchAnalytics.usefulEntriesEmpty")}
        columns={[
          t("searchAnalytics.entry"),
          t("searchAnalytics.useful"),
          t("searchAnalytics.votes"),
          t("searchAnalytics.usefulShare"),
        ]}
        rows={analytics.usefulEntries.map((row) => ({
          key: row.slug,
          header: <TitleLink title={row.title} href={row.href} />,
          cells: [row.useful, row.votes, percent(row.usefulShare)],
        }))}
      />
      <TableSection
        id="search-saved"
        heading={t("searchAnalytics.savedEntries")}
        empty={t("searchAnalytics.savedEntriesEmpty")}
        columns={[t("searchAnalytics.entry"), t("searchAnalytics.saves")]}
        rows={analytics.savedEntries.map((row) => ({
          key: row.slug,
          header: <TitleLink title={row.title} href={row.href} />,
          cells: [row.saves],
        }))}
      />
      <section aria-labelledby="search-groups">
        <h2 id="search-groups">{t("searchAnalytics.groupsHeading")}</h2>
        <GroupTable
          caption={t("searchAnalytics.byAudience")}
          rows={analytics.byAudience}
          minGroupSize={minGroupSize}
        />
        <GroupTable
          caption={t("searchAnalytics.bySector")}
          rows={analytics.bySector}
          minGroupSize={minGroupSize}
        />
      </section>
    </>
  );
}
