import { describe, expect, it } from "vitest";
import { MAX_QUERY_CHARACTERS } from "../../../search/engine";
import { isLanguageCode } from "../people/reference-data";
import {
  MAX_PAGE,
  isToolkitBrowse,
  parseSearchClickParams,
  parseSiteSearchParams,
  parseToolkitSearchParams,
  searchClickHref,
  siteSearchHref,
  toEngineFilters,
  toLoggedFilters,
  toolkitSearchHref,
  withoutToolkitFilter,
  withoutToolkitFilters,
  type ToolkitSearchState,
} from "./search-params";

const limits = { maxQueryCharacters: MAX_QUERY_CHARACTERS, isLanguageCode };

const toolkit = (query: string) => parseToolkitSearchParams(new URLSearchParams(query), limits);
const site = (query: string) => parseSiteSearchParams(new URLSearchParams(query), limits);

function okState(query: string): ToolkitSearchState {
  const parsed = toolkit(query);
  if (!parsed.ok) throw new Error(`expected ${query} to parse`);
  return parsed.state;
}

const noFilters = { type: [], topic: [], audience: [], region: [], language: [], licence: [] };

describe("parseToolkitSearchParams", () => {
  it("reads nothing as browsing everything", () => {
    const parsed = toolkit("");
    expect(parsed).toEqual({
      ok: true,
      state: { query: "", filters: noFilters, sort: "relevance", page: 1 },
      notices: { queryCutTo: null, ignored: [], ignoredCount: 0 },
    });
    expect(parsed.ok && isToolkitBrowse(parsed.state)).toBe(true);
  });

  it("reads a full search: words, every filter (repeated), sort and page", () => {
    const parsed = toolkit(
      "q=+data+sharing+agreement+&type=template&type=guide&topic=data-protection&audience=analysts" +
        "&region=africa&language=fr&licence=CC-BY-4.0&licence=proprietary&sort=newest&page=2",
    );
    expect(parsed).toEqual({
      ok: true,
      state: {
        query: "data sharing agreement",
        filters: {
          type: ["template", "guide"],
          topic: ["data-protection"],
          audience: ["analysts"],
          region: ["africa"],
          language: ["fr"],
          licence: ["CC-BY-4.0", "proprietary"],
        },
        sort: "newest",
        page: 2,
      },
      notices: { queryCutTo: null, ignored: [], ignoredCount: 0 },
    });
  });

  it("keeps markup in the query as text, to be shown escaped", () => {
    expect(okState("q=%3Cscript%3Ealert(1)%3C%2Fscript%3E").query).toBe(
      "<script>alert(1)</script>",
    );
  });

  it("turns control characters into spaces (a NUL byte must never reach the database)", () => {
    expect(okState("q=data%00sharing%0Aagreement%7F").query).toBe("data sharing agreement");
  });

  it("cuts a very long query to the engine's limit and says so", () => {
    const parsed = toolkit(`q=${"a".repeat(MAX_QUERY_CHARACTERS + 500)}`);
    expect(parsed.ok).toBe(true);
    expect(parsed.state.query).toHaveLength(MAX_QUERY_CHARACTERS);
    expect(parsed.notices.queryCutTo).toBe(MAX_QUERY_CHARACTERS);
  });

  it("does not cut a query of exactly the limit", () => {
    const parsed = toolkit(`q=${"b".repeat(MAX_QUERY_CHARACTERS)}`);
    expect(parsed.state.query).toHaveLength(MAX_QUERY_CHARACTERS);
    expect(parsed.notices.queryCutTo).toBeNull();
  });

  it("counts characters, not UTF-16 units, so a cut never splits an emoji", () => {
    const parsed = toolkit(`q=${encodeURIComponent("😀".repeat(MAX_QUERY_CHARACTERS + 1))}`);
    expect(Array.from(parsed.state.query)).toHaveLength(MAX_QUERY_CHARACTERS);
    expect(parsed.state.query).not.toMatch(/[\uD800-\uDBFF]$/);
  });

  it("reads only the first q when the parameter is repeated", () => {
    expect(okState("q=first&q=second").query).toBe("first");
  });

  it("ignores unknown filter values and lists them, keeping the known ones", () => {
    const parsed = toolkit(
      "type=guide&type=bogus&topic=no-such-topic&language=zz&language=english&region=mars",
    );
    expect(parsed.ok).toBe(true);
    expect(parsed.state.filters).toEqual({ ...noFilters, type: ["guide"] });
    expect(parsed.notices.ignored).toEqual([
      { param: "type", value: "bogus" },
      { param: "topic", value: "no-such-topic" },
      { param: "region", value: "mars" },
      { param: "language", value: "zz" },
      { param: "language", value: "english" },
    ]);
    expect(parsed.notices.ignoredCount).toBe(5);
  });

  it("ignores a licence that is not shaped like an SPDX id", () => {
    const parsed = toolkit("licence=%3Cb%3Ebold%3C%2Fb%3E&licence=MIT");
    expect(parsed.state.filters.licence).toEqual(["MIT"]);
    expect(parsed.notices.ignored).toEqual([{ param: "licence", value: "<b>bold</b>" }]);
  });

  it("accepts vocabulary values in any case and stores them in lower case, once", () => {
    const parsed = toolkit("type=GUIDE&type=guide&language=FR&licence=mit&licence=MIT");
    expect(parsed.state.filters.type).toEqual(["guide"]);
    expect(parsed.state.filters.language).toEqual(["fr"]);
    expect(parsed.state.filters.licence).toEqual(["mit"]);
    expect(parsed.notices.ignoredCount).toBe(0);
  });

  it("treats empty values (an untouched form field) as no choice, not as an error", () => {
    const parsed = toolkit("q=&type=&sort=&page=");
    expect(parsed).toMatchObject({
      ok: true,
      state: { query: "", filters: noFilters, sort: "relevance", page: 1 },
    });
    expect(parsed.notices.ignoredCount).toBe(0);
  });

  it("ignores unknown parameter names silently", () => {
    const parsed = toolkit("utm_source=newsletter&q=dpia&fbclid=x");
    expect(parsed.state.query).toBe("dpia");
    expect(parsed.notices.ignoredCount).toBe(0);
  });

  it("ignores an unknown sort order with a notice and sorts by relevance", () => {
    const parsed = toolkit("sort=cheapest");
    expect(parsed.ok).toBe(true);
    expect(parsed.state.sort).toBe("relevance");
    expect(parsed.notices.ignored).toEqual([{ param: "sort", value: "cheapest" }]);
  });

  it("lists at most ten ignored values but counts them all, each cut to 80 characters", () => {
    const many = Array.from({ length: 500 }, (_, index) => `topic=unknown-${index}`).join("&");
    const parsed = toolkit(`${many}&type=${"x".repeat(300)}`);
    expect(parsed.notices.ignored).toHaveLength(10);
    expect(parsed.notices.ignoredCount).toBe(501);
    const long = toolkit(`type=${"x".repeat(300)}`);
    expect(long.notices.ignored[0]?.value).toHaveLength(80);
  });

  it.each([
    ["abc"],
    ["-1"],
    ["0"],
    ["1.5"],
    ["1e3"],
    ["+2"],
    [" 2x"],
    ["99999999"],
    [String(MAX_PAGE + 1)],
    ["0x10"],
  ])("refuses page=%s as meaningless, keeping the rest of the search", (page) => {
    const parsed = toolkit(`q=dpia&type=guide&page=${encodeURIComponent(page)}`);
    expect(parsed.ok).toBe(false);
    expect(parsed).toMatchObject({ problem: "bad-page", state: { query: "dpia", page: 1 } });
    expect(parsed.state.filters.type).toEqual(["guide"]);
  });

  it.each([
    ["1", 1],
    ["999", 999],
    [" 3 ", 3],
    ["007", 7],
    [String(MAX_PAGE), MAX_PAGE],
  ])("accepts page=%s (a page past the last one is not an error here)", (page, expected) => {
    expect(okState(`page=${encodeURIComponent(page)}`).page).toBe(expected);
  });

  it("does not count as browsing once there are words, filters, another order or page", () => {
    expect(isToolkitBrowse(okState("q=dpia"))).toBe(false);
    expect(isToolkitBrowse(okState("type=guide"))).toBe(false);
    expect(isToolkitBrowse(okState("sort=newest"))).toBe(false);
    expect(isToolkitBrowse(okState("page=2"))).toBe(false);
    // Ignored input leaves a browse a browse.
    expect(isToolkitBrowse(okState("type=bogus"))).toBe(true);
  });
});

describe("toolkit search links", () => {
  it("write the state back, leaving defaults out, so they parse to the same state", () => {
    const state = okState("q=data+%26+ethics&topic=data-ethics&type=guide&sort=most-useful&page=3");
    const href = toolkitSearchHref(state);
    expect(href).toBe(
      "/toolkit?q=data+%26+ethics&type=guide&topic=data-ethics&sort=most-useful&page=3",
    );
    expect(okState(href.split("?")[1] ?? "")).toEqual(state);
    expect(toolkitSearchHref(okState(""))).toBe("/toolkit");
    expect(toolkitSearchHref(okState("sort=relevance&page=1"))).toBe("/toolkit");
  });

  it("remove one filter value, or all, back on page 1", () => {
    const state = okState("q=dpia&type=guide&type=template&region=europe&page=2");
    expect(toolkitSearchHref(withoutToolkitFilter(state, "type", "guide"))).toBe(
      "/toolkit?q=dpia&type=template&region=europe",
    );
    expect(toolkitSearchHref(withoutToolkitFilters(state))).toBe("/toolkit?q=dpia");
  });

  it("map parameters to the engine's facet names, and keep parameter names in the log", () => {
    const state = okState("topic=data-ethics&audience=analysts&licence=MIT");
    expect(toEngineFilters(state.filters)).toEqual({
      topics: ["data-ethics"],
      audiences: ["analysts"],
      licence: ["MIT"],
    });
    expect(toLoggedFilters(state.filters)).toEqual({
      topic: ["data-ethics"],
      audience: ["analysts"],
      licence: ["MIT"],
    });
  });
});

describe("parseSiteSearchParams", () => {
  it("reads the query, an optional kind and the page", () => {
    expect(site("q=dpia&kind=lesson&page=2")).toEqual({
      ok: true,
      state: { query: "dpia", kind: "lesson", page: 2 },
      notices: { queryCutTo: null, ignored: [], ignoredCount: 0 },
    });
    expect(site("q=dpia").state).toEqual({ query: "dpia", kind: null, page: 1 });
  });

  it("ignores an unknown kind with a notice, showing every kind", () => {
    const parsed = site("q=dpia&kind=cohort");
    expect(parsed.state.kind).toBeNull();
    expect(parsed.notices.ignored).toEqual([{ param: "kind", value: "cohort" }]);
  });

  it("applies the same query rules as the toolkit", () => {
    const parsed = site(`q=${"z".repeat(MAX_QUERY_CHARACTERS * 3)}`);
    expect(parsed.state.query).toHaveLength(MAX_QUERY_CHARACTERS);
    expect(parsed.notices.queryCutTo).toBe(MAX_QUERY_CHARACTERS);
  });

  it("refuses a meaningless page", () => {
    expect(site("q=dpia&page=-1")).toMatchObject({
      ok: false,
      problem: "bad-page",
      state: { query: "dpia" },
    });
  });

  it("writes its state back into a link", () => {
    expect(siteSearchHref({ query: "data trust", kind: "course", page: 2 })).toBe(
      "/search?q=data+trust&kind=course&page=2",
    );
    expect(siteSearchHref({ query: "", kind: null, page: 1 })).toBe("/search");
  });
});

describe("click-through parameters", () => {
  it("round-trip through the link", () => {
    const href = searchClickHref({
      queryId: "0b6d3c1e-5f1a-4c4e-9a55-2f1d7e3b9c10",
      documentId: "lesson:foundations/what-is-a-data-collaborative",
      position: 3,
    });
    expect(href).toBe(
      "/search/go?qid=0b6d3c1e-5f1a-4c4e-9a55-2f1d7e3b9c10&doc=lesson%3Afoundations%2Fwhat-is-a-data-collaborative&pos=3",
    );
    expect(parseSearchClickParams(new URL(href, "http://x").searchParams)).toEqual({
      documentId: "lesson:foundations/what-is-a-data-collaborative",
      click: { queryId: "0b6d3c1e-5f1a-4c4e-9a55-2f1d7e3b9c10", position: 3 },
    });
  });

  it.each([
    ["qid=abc&pos=1"],
    ["qid=42&pos=1"],
    ["qid=0b6d3c1e-5f1a-4c4e-9a55-2f1d7e3b9c1&pos=1"],
    ["qid=0b6d3c1e-5f1a-4c4e-9a55-2f1d7e3b9c10x&pos=1"],
    ["qid=0b6d3c1e-5f1a-4c4e-9a55-2f1d7e3b9c10&pos=0"],
    ["qid=0b6d3c1e-5f1a-4c4e-9a55-2f1d7e3b9c10"],
    ["pos=2"],
  ])("keep the document but drop the click for %s", (query) => {
    expect(parseSearchClickParams(new URLSearchParams(`doc=toolkit:gdpr&${query}`))).toEqual({
      documentId: "toolkit:gdpr",
      click: null,
    });
  });

  it("have no document when doc is missing or absurdly long", () => {
    expect(parseSearchClickParams(new URLSearchParams("qid=1&pos=1")).documentId).toBeNull();
    expect(
      parseSearchClickParams(new URLSearchParams(`doc=toolkit:${"a".repeat(400)}`)).documentId,
    ).toBeNull();
  });
});
