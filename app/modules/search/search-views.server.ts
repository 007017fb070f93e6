/**
 * Labels and links for the search pages: turns parsed search state and engine responses into
 * what the components render (facet options, chips, result cards, notices). Labels come from
 * the same vocabulary strings as the rest of the site; language names from ISO 639-1.
 */
import type { FacetGroup, FacetOption } from "~/components/search/facet-fieldset";
import type { FilterChip } from "~/components/search/filter-chips";
import type { SearchResultView } from "~/components/search/result-list";
import { licenceLabel } from "~/components/licence-label";
import { t } from "~/i18n";
import "~/i18n/vocabulary";
import "~/i18n/toolkit";
import "~/i18n/search";
import type { SearchHit, SearchResponse } from "../../../search/engine";
import { AUDIENCES, REGIONS, TOOLKIT_TYPES, TOPICS } from "../content/vocabulary";
import type { Course } from "../courses/catalog.server";
import { getLanguageName } from "../people/reference-data";
import type { ToolkitEntry } from "../toolkit/entries.server";
import { parseDocumentId } from "./document-ids";
import type { ToolkitResultFacts } from "./search-pages.server";
import {
  TOOLKIT_FILTERS,
  searchClickHref,
  toolkitSearchHref,
  withoutToolkitFilter,
  withoutToolkitFilters,
  type SearchInputNotices,
  type ToolkitFilterParam,
  type ToolkitSearchState,
} from "./search-params";

const includes = (list: readonly string[], value: string) => list.includes(value);

/** The label of one filter value, as the rest of the site writes it. */
export function toolkitFilterValueLabel(param: ToolkitFilterParam, value: string): string {
  switch (param) {
    case "type":
      return includes(TOOLKIT_TYPES, value)
        ? t(`toolkit.typeOne.${value as (typeof TOOLKIT_TYPES)[number]}`)
        : value;
    case "topic":
      return includes(TOPICS, value)
        ? t(`vocabulary.topic.${value as (typeof TOPICS)[number]}`)
        : value;
    case "audience":
      return includes(AUDIENCES, value)
        ? t(`vocabulary.audience.${value as (typeof AUDIENCES)[number]}`)
        : value;
    case "region":
      return includes(REGIONS, value)
        ? t(`toolkit.region.${value as (typeof REGIONS)[number]}`)
        : value;
    case "language":
      return getLanguageName(value);
    case "licence":
      return licenceLabel(value);
  }
}

/** The order values are listed in: the vocabulary's own order, else by label. */
function orderedValues(param: ToolkitFilterParam, values: Iterable<string>): string[] {
  const unique = [...new Set(values)];
  const vocabulary: Partial<Record<ToolkitFilterParam, readonly string[]>> = {
    type: TOOLKIT_TYPES,
    topic: TOPICS,
    audience: AUDIENCES,
    region: REGIONS,
  };
  const order = vocabulary[param];
  if (order)
    return unique.sort(
      (a, b) => (order.indexOf(a) + 1 || 1e6) - (order.indexOf(b) + 1 || 1e6) || a.localeCompare(b),
    );
  const labelled = unique.map((value) => ({ value, label: toolkitFilterValueLabel(param, value) }));
  // "All rights reserved" (proprietary) after the open licences, and "not stated" last.
  const rank = (value: string) => ({ proprietary: 1, unknown: 2 })[value.toLowerCase()] ?? 0;
  labelled.sort((a, b) => rank(a.value) - rank(b.value) || a.label.localeCompare(b.label, "en"));
  return labelled.map(({ value }) => value);
}

function valuesOfEntry(entry: ToolkitEntry, param: ToolkitFilterParam): string[] {
  switch (param) {
    case "type":
      return [entry.type];
    case "topic":
      return entry.topics;
    case "audience":
      return entry.audiences;
    case "region":
      return entry.regions;
    case "language":
      return entry.languages;
    case "licence":
      return [entry.licence];
  }
}

/**
 * Every facet with every value the toolkit uses (so the list does not jump as counts change),
 * plus any value the engine counted or the person chose. Counts are the engine's, 0 when absent.
 */
export function toolkitFacetGroups(
  state: ToolkitSearchState,
  facetCounts: SearchResponse["facets"],
  entries: readonly ToolkitEntry[],
): FacetGroup[] {
  return TOOLKIT_FILTERS.map(({ param, facet }) => {
    const counted = facetCounts[facet] ?? {};
    // Filters match case-insensitively; one option per value whatever its case.
    const countByKey = new Map<string, number>();
    const spelling = new Map<string, string>();
    const remember = (value: string) => {
      const key = value.toLowerCase();
      if (!spelling.has(key)) spelling.set(key, value);
    };
    for (const [value, count] of Object.entries(counted)) {
      remember(value);
      countByKey.set(value.toLowerCase(), (countByKey.get(value.toLowerCase()) ?? 0) + count);
    }
    for (const entry of entries) for (const value of valuesOfEntry(entry, param)) remember(value);
    for (const value of state.filters[param]) remember(value);
    const chosen = new Set(state.filters[param].map((value) => value.toLowerCase()));
    const options: FacetOption[] = orderedValues(param, spelling.values()).map((value) => ({
      value,
      label: toolkitFilterValueLabel(param, value),
      count: countByKey.get(value.toLowerCase()) ?? 0,
      checked: chosen.has(value.toLowerCase()),
    }));
    return { param, legend: t(`search.facet.${param}`), options };
  });
}

export function toolkitFilterChips(state: ToolkitSearchState): {
  chips: FilterChip[];
  clearHref: string;
} {
  const chips: FilterChip[] = [];
  for (const { param } of TOOLKIT_FILTERS) {
    for (const value of state.filters[param]) {
      chips.push({
        key: `${param}=${value}`,
        label: t("search.chip", {
          facet: t(`search.facet.${param}`),
          value: toolkitFilterValueLabel(param, value),
        }),
        removeHref: toolkitSearchHref(withoutToolkitFilter(state, param, value)),
      });
    }
  }
  return { chips, clearHref: toolkitSearchHref(withoutToolkitFilters(state)) };
}

/** What the page says about input it cut or ignored. */
export function describeInputNotices(notices: SearchInputNotices): string[] {
  const messages: string[] = [];
  if (notices.queryCutTo !== null)
    messages.push(t("search.queryCut", { count: notices.queryCutTo }));
  if (notices.ignoredCount > 0) {
    const listed = notices.ignored.map(({ param, value }) => `${param}=${value}`).join(", ");
    const more = notices.ignoredCount - notices.ignored.length;
    const values = more > 0 ? `${listed} ${t("search.ignoredMore", { count: more })}` : listed;
    messages.push(t("search.ignoredValues", { values }));
  }
  return messages;
}

/** Where a result leads: through /search/go when the search was logged, so the click is counted. */
function resultHref(hit: SearchHit, queryId: string | null, position: number): string {
  return queryId === null ? hit.url : searchClickHref({ queryId, documentId: hit.id, position });
}

export function toolkitResultViews(
  hits: readonly SearchHit[],
  options: {
    queryId: string | null;
    firstPosition: number;
    facts: ReadonlyMap<string, ToolkitResultFacts>;
  },
): SearchResultView[] {
  return hits.map((hit, index) => {
    const parsed = parseDocumentId(hit.id);
    const entry = parsed?.kind === "toolkit" ? options.facts.get(parsed.key) : undefined;
    return {
      id: hit.id,
      href: resultHref(hit, options.queryId, options.firstPosition + index),
      title: hit.title,
      titleHtml: hit.highlights.title,
      summary: hit.summary,
      summaryHtml: hit.highlights.summary,
      meta: entry
        ? t("search.entryMeta", {
            type: toolkitFilterValueLabel("type", entry.type),
            publisher: entry.publisher,
            year: entry.year,
          })
        : null,
    };
  });
}

/** Site results: toolkit entries as on /toolkit, lessons with the course they belong to. */
export function siteResultViews(
  hits: readonly SearchHit[],
  options: {
    queryId: string | null;
    firstPosition: number;
    facts: ReadonlyMap<string, ToolkitResultFacts>;
    courses: readonly Course[];
  },
): SearchResultView[] {
  const courseTitles = new Map(options.courses.map((course) => [course.slug, course.title]));
  const toolkitViews = toolkitResultViews(hits, options);
  return toolkitViews.map((view, index) => {
    const hit = hits[index];
    if (!hit || hit.kind === "toolkit") return view;
    const parsed = parseDocumentId(hit.id);
    const courseSlug = hit.kind === "lesson" ? parsed?.key.split("/")[0] : undefined;
    const courseTitle = courseSlug ? courseTitles.get(courseSlug) : undefined;
    return { ...view, meta: courseTitle ? t("search.lessonOf", { course: courseTitle }) : null };
  });
}
