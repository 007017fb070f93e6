/**
 * The conformance suite: the product's search promises, checked against any `SearchEngine`.
 * Each engine's *.test.ts calls `runConformanceSuite` once. A behaviour the app relies on gets a
 * case here, not in one engine's tests.
 *
 * The suite indexes the fixtures once; tests that add or remove documents use ids of their own
 * and clean up after themselves, so the order of tests does not matter.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newestTimestampOf, titleSortKeyOf } from "../document-values";
import {
  FACET_NAMES,
  SearchDocumentSchema,
  type FacetName,
  type SearchDocument,
  type SearchEngine,
  type SearchRequest,
  type SearchResponse,
} from "../engine";
import { ALL_FIXTURES, COURSE_FIXTURES, TOOLKIT_FIXTURES, fixtureById } from "./fixtures";
import { SEARCH_QUALITY_CASES } from "./quality-cases";

export interface ConformanceOptions {
  /** Skip every test (e.g. no server configured); the caller prints why. */
  skip?: boolean;
}

const hitIds = (response: SearchResponse) => response.hits.map((hit) => hit.id);

/** The order the "by title" tie-break promises. */
const byTitleThenId = (left: SearchDocument, right: SearchDocument) => {
  const leftKey = titleSortKeyOf(left.title);
  const rightKey = titleSortKeyOf(right.title);
  if (leftKey !== rightKey) return leftKey < rightKey ? -1 : 1;
  return left.id < right.id ? -1 : left.id > right.id ? 1 : 0;
};

/** Text with <mark> tags removed must contain no markup at all: everything else was escaped. */
function expectOnlyMarkTags(html: string) {
  const withoutMarks = html.replaceAll("<mark>", "").replaceAll("</mark>", "");
  expect(withoutMarks).not.toMatch(/[<>]/);
}

export function runConformanceSuite(
  engineName: string,
  createEngine: () => SearchEngine | Promise<SearchEngine>,
  options: ConformanceOptions = {},
) {
  describe.skipIf(options.skip ?? false)(`SearchEngine conformance: ${engineName}`, () => {
    let engine: SearchEngine;

    beforeAll(async () => {
      engine = await createEngine();
      await engine.clear();
      await engine.index(ALL_FIXTURES);
    });

    afterAll(async () => {
      await engine?.clear();
    });

    /** Every matching id, in order (the fixtures fit in one page of 100). */
    async function searchIds(request: SearchRequest): Promise<string[]> {
      return hitIds(await engine.search({ pageSize: 100, ...request }));
    }

    async function expectFinds(
      query: string,
      expectedIds: readonly string[],
      request: SearchRequest = {},
    ) {
      const ids = await searchIds({ ...request, query });
      for (const id of expectedIds) {
        expect(ids, `"${query}" should find ${id}`).toContain(id);
      }
    }

    async function expectDoesNotFind(query: string, unexpectedIds: readonly string[]) {
      const ids = await searchIds({ query });
      for (const id of unexpectedIds) {
        expect(ids, `"${query}" should not find ${id}`).not.toContain(id);
      }
    }

    /**
     * The promise behind facet counts: the number shown next to a value equals the total you get
     * when you add that value to the filters. Within the facet, adding means OR-ing it with the
     * values already chosen (so we compare with a search for that value alone in that facet,
     * everything else equal); in a facet with no filter it narrows the results.
     */
    async function expectFacetCountsMatchTotals(request: SearchRequest) {
      const response = await engine.search(request);
      for (const facet of request.facets ?? []) {
        const counts = response.facets[facet];
        expect(counts, `facet ${facet} is returned`).toBeDefined();
        for (const [value, count] of Object.entries(counts ?? {})) {
          const filters = { ...request.filters, [facet]: [value] };
          const narrowed = await engine.search({ ...request, filters, page: 1 });
          expect(narrowed.total, `${facet}=${value}`).toBe(count);
        }
      }
      return response;
    }

    describe("indexing and health", () => {
      it("counts every indexed document", async () => {
        expect(await engine.count()).toBe(ALL_FIXTURES.length);
      });

      it("reports itself healthy", async () => {
        const health = await engine.health();
        expect(health).toMatchObject({ ok: true, engine: engine.name });
      });

      it("returns the fields the results page shows", async () => {
        const response = await engine.search({ query: "five safes" });
        const hit = response.hits.find((candidate) => candidate.id === "toolkit:five-safes");
        expect(hit).toMatchObject({
          id: "toolkit:five-safes",
          kind: "toolkit",
          title: "The Five Safes framework",
          url: "/toolkit/five-safes",
          summary: fixtureById("toolkit:five-safes").summary,
        });
        expect(typeof hit?.highlights.title).toBe("string");
        expect(typeof hit?.highlights.summary).toBe("string");
      });
    });

    describe("typo tolerance", () => {
      it("forgives one typo in words of 5 to 8 characters", async () => {
        await expectFinds("framewrk", ["toolkit:five-safes", "toolkit:data-ethics-framework"]);
      });

      it("forgives two typos in words of 9 or more characters", async () => {
        await expectFinds("anonymisaton", [
          "toolkit:ukan-anonymisation-decision-making-framework",
          "toolkit:ico-anonymisation-code",
        ]);
        await expectFinds("pseudonymisaton", ["toolkit:enisa-pseudonymisation-techniques"]);
      });

      it("forgives no typo in words of 4 characters or fewer", async () => {
        expect((await engine.search({ query: "gdpt" })).total).toBe(0);
      });

      it("does not forgive two typos in a word shorter than 9 characters", async () => {
        expect((await engine.search({ query: "frmewrk" })).total).toBe(0);
      });

      it("counts the length of the word's normal form, not of the plural typed", async () => {
        // "tenplates" → "tenplate" (8 letters): one typo from "template".
        await expectFinds("tenplates data", ["toolkit:ico-dpia-template"]);
        // "tenpletes" → "tenplete": two typos from "template", one too many for 8 letters,
        // though the typed word has 9.
        expect((await engine.search({ query: "tenpletes data" })).total).toBe(0);
      });
    });

    describe("prefix search", () => {
      it("completes the last word", async () => {
        await expectFinds("pseudonym", [
          "toolkit:ico-pseudonymisation-guidance",
          "toolkit:enisa-pseudonymisation-techniques",
        ]);
        await expectFinds("differential priv", ["toolkit:differential-privacy-primer"]);
      });
    });

    describe("field boosts", () => {
      const boostDocuments: SearchDocument[] = [
        {
          id: "boost:body",
          kind: "toolkit",
          url: "/toolkit/boost-body",
          title: "Field notes three",
          summary: "Notes for the ranking test.",
          body: "The quokka appears only in this body.",
        },
        {
          id: "boost:summary",
          kind: "toolkit",
          url: "/toolkit/boost-summary",
          title: "Field notes two",
          summary: "Notes about the quokka.",
          body: "A body without the word.",
        },
        {
          id: "boost:title",
          kind: "toolkit",
          url: "/toolkit/boost-title",
          title: "Quokka field notes",
          summary: "Notes for the ranking test.",
          body: "A body without the word.",
        },
      ];

      beforeAll(async () => {
        await engine.index(boostDocuments);
      });
      afterAll(async () => {
        await engine.remove(boostDocuments.map((document) => document.id));
      });

      it("ranks a title match over a summary match over a body match", async () => {
        expect(await searchIds({ query: "quokka" })).toEqual([
          "boost:title",
          "boost:summary",
          "boost:body",
        ]);
      });
    });

    describe("numbers match exactly", () => {
      it("finds a legal reference by its number", async () => {
        const response = await engine.search({ query: "2016/679" });
        expect(response.hits[0]?.id).toBe("toolkit:gdpr");
      });

      it("does not match a longer number by prefix", async () => {
        await expectFinds("108", ["toolkit:convention-108-plus"]);
        await expectDoesNotFind("108", ["toolkit:synthetic-cdr-exercise-dataset"]);
        await expectFinds("1080", ["toolkit:synthetic-cdr-exercise-dataset"]);
        await expectDoesNotFind("1080", ["toolkit:convention-108-plus"]);
      });

      it("does not match another year through a typo", async () => {
        const ids = await searchIds({ query: "2019" });
        expect(ids).toContain("toolkit:enisa-pseudonymisation-techniques");
        for (const id of ids) {
          const document = fixtureById(id);
          const text = `${document.title} ${document.summary} ${document.body} ${document.year}`;
          expect(text, `${id} matched "2019"`).toContain("2019");
        }
      });
    });

    describe("synonyms", () => {
      // Each document can only be found through the synonym: it never uses the typed term.
      const acronymCases: readonly [query: string, id: string][] = [
        ["DSA", "toolkit:data-sharing-agreement-template"],
        ["DPIA", "toolkit:privacy-impact-assessment-handbook"],
        ["PIA", "toolkit:ico-dpia-template"],
        ["PII", "toolkit:ico-pseudonymisation-guidance"],
        ["GDPR", "toolkit:ico-dpia-guidance"],
        ["PET", "toolkit:un-pet-guide"],
        ["TRE", "toolkit:goldacre-review"],
        ["MNO", "toolkit:jrc-mobile-positioning-covid"],
        ["CDR", "toolkit:flowminder-covid-mobility"],
        ["B2G", "toolkit:b2g-data-sharing-report"],
        ["DP", "toolkit:opendp-library"],
      ];
      it.each(acronymCases)("%s finds %s", async (query, id) => {
        await expectFinds(query, [id]);
      });

      it("finds acronyms from the spelled-out phrase", async () => {
        await expectFinds("data sharing agreement", ["lesson:foundations/data-sharing-agreements"]);
        await expectFinds("general data protection regulation", ["toolkit:gdpr"]);
        await expectFinds("mobile network operator", ["toolkit:flowminder-covid-mobility"]);
        await expectFinds("secure data environment", [
          "toolkit:trusted-research-environments-green-paper",
        ]);
      });

      describe("a spelled-out name longer than three words finds a document with only the acronym", () => {
        // Meilisearch expands synonyms only for terms of up to three words; these documents can
        // only be found through the acronym.
        const acronymOnlyDocuments: SearchDocument[] = [
          {
            id: "acronym:gdpr-only",
            kind: "toolkit",
            url: "/toolkit/acronym-gdpr-only",
            title: "GDPR checklist for small charities",
            summary: "Twelve questions before a charity shares records.",
            body: "Under the GDPR a charity needs a lawful basis for each use of supporter records.",
          },
          {
            id: "acronym:dpia-only",
            kind: "toolkit",
            url: "/toolkit/acronym-dpia-only",
            title: "DPIA screening questions",
            summary: "Decide in ten minutes whether a full DPIA is needed.",
            body: "Answer each screening question; two yes answers mean the DPIA goes ahead.",
          },
          {
            id: "acronym:edpb-only",
            kind: "toolkit",
            url: "/toolkit/acronym-edpb-only",
            title: "EDPB opinions at a glance",
            summary: "What each EDPB opinion asks of controllers.",
            body: "A one-page digest of the EDPB opinions on consent and transfers.",
          },
        ];
        beforeAll(async () => {
          await engine.index(acronymOnlyDocuments);
        });
        afterAll(async () => {
          await engine.remove(acronymOnlyDocuments.map((document) => document.id));
        });

        const longNameCases: readonly [query: string, id: string][] = [
          ["general data protection regulation", "acronym:gdpr-only"],
          ["General Data Protection Regulation checklist", "acronym:gdpr-only"],
          ["data protection impact assessment", "acronym:dpia-only"],
          ["data protection impact assesment screening", "acronym:dpia-only"],
          ["European Data Protection Board", "acronym:edpb-only"],
        ];
        it.each(longNameCases)("%s finds %s", async (query, id) => {
          await expectFinds(query, [id]);
        });

        it("still finds documents that spell the name out", async () => {
          await expectFinds("general data protection regulation", ["toolkit:gdpr"]);
          await expectFinds("data protection impact assessment", ["toolkit:ico-dpia-guidance"]);
        });
      });

      it("finds a synonym of a word typed with a typo", async () => {
        await expectFinds("anonimization", ["toolkit:hipaa-de-identification-guidance"]);
        await expectFinds("deidentificaton", [
          "toolkit:ukan-anonymisation-decision-making-framework",
        ]);
        await expectFinds("data sharing agrement", ["lesson:foundations/data-sharing-agreements"]);
      });

      it("joins and splits hyphenated words", async () => {
        await expectFinds("deidentification", ["toolkit:hipaa-de-identification-guidance"]);
        await expectFinds("privacy enhancing technologies", ["toolkit:un-pet-guide"]);
      });
    });

    describe("British and American spellings", () => {
      const spellingCases: readonly [query: string, id: string][] = [
        ["anonymization", "toolkit:ukan-anonymisation-decision-making-framework"],
        ["pseudonymization", "toolkit:ico-pseudonymisation-guidance"],
        ["behavior", "toolkit:jrc-mobile-positioning-covid"],
        ["licence", "toolkit:open-data-licensing-guide"],
        ["center for humanitarian data", "toolkit:humanitarian-data-responsibility"],
        ["program", "toolkit:risks-harms-benefits-assessment"],
        ["catalog", "toolkit:data-collaboratives-catalogue"],
        ["organizations", "toolkit:data-collaboratives-catalogue"],
        ["generalization", "course:privacy-engineering"],
        ["sanitizing", "toolkit:markup-in-title"],
      ];
      it.each(spellingCases)("%s finds %s", async (query, id) => {
        await expectFinds(query, [id]);
      });
    });

    describe("plurals", () => {
      const pluralCases: readonly [query: string, id: string][] = [
        ["agreements", "toolkit:data-sharing-agreement-template"],
        ["agreement", "lesson:foundations/data-sharing-agreements"],
        ["templates", "toolkit:ico-dpia-template"],
        ["studies", "toolkit:census-disclosure-avoidance-2020"],
        ["study", "toolkit:flowminder-covid-mobility"],
        ["technology", "toolkit:un-pet-guide"],
      ];
      it.each(pluralCases)("%s finds %s", async (query, id) => {
        await expectFinds(query, [id]);
      });
    });

    describe("filters and facets", () => {
      it("ORs values within a facet and ANDs across facets", async () => {
        const templatesOrTools = await searchIds({ filters: { type: ["template", "tool"] } });
        const expected = TOOLKIT_FIXTURES.filter((document) =>
          (document.type ?? []).some((type) => type === "template" || type === "tool"),
        ).map((document) => document.id);
        expect([...templatesOrTools].sort()).toEqual([...expected].sort());

        const guidesInNorthAmerica = await searchIds({
          filters: { type: ["guide"], regions: ["north-america"] },
        });
        expect([...guidesInNorthAmerica].sort()).toEqual([
          "toolkit:hipaa-de-identification-guidance",
          "toolkit:nist-de-identification",
        ]);
      });

      it("counts a filtered facet without its own filter, and other facets with it", async () => {
        const unfiltered = await engine.search({ facets: ["type", "topics"] });
        const filtered = await engine.search({
          filters: { type: ["template"] },
          facets: ["type", "topics"],
        });

        expect(filtered.total).toBe(2);
        // The type counts are what the person could widen to: the same as with no type filter.
        expect(filtered.facets.type).toEqual(unfiltered.facets.type);
        // Other facets describe the filtered results.
        expect(filtered.facets.topics).toEqual({
          "data-protection": 1,
          "impact-assessment": 1,
          "data-sharing-agreements": 1,
          governance: 1,
        });
      });

      it("shows counts that equal the totals you get by choosing them", async () => {
        await expectFacetCountsMatchTotals({ facets: ["type", "regions", "kind"] });
        await expectFacetCountsMatchTotals({
          query: "data",
          filters: { regions: ["europe"], type: ["guide"] },
          facets: ["type", "regions", "topics", "audiences", "licence"],
        });
        await expectFacetCountsMatchTotals({
          query: "privacy",
          filters: { topics: ["statistics", "de-identification"], audiences: ["analysts"] },
          facets: ["topics", "audiences", "languages"],
          kinds: ["toolkit"],
        });
      });

      it("returns every requested facet, even when nothing matches", async () => {
        const response = await engine.search({ query: "zzzqqq", facets: [...FACET_NAMES] });
        expect(response.total).toBe(0);
        for (const facet of FACET_NAMES) expect(response.facets[facet as FacetName]).toEqual({});
      });

      it("matches nothing for an unknown filter value, without failing", async () => {
        const response = await engine.search({
          query: "data",
          filters: { topics: ["no-such-topic"] },
          facets: ["topics", "type"],
        });
        expect(response.total).toBe(0);
        expect(response.hits).toEqual([]);
        expect(response.facets.type).toEqual({});
        // Topics are counted without the topic filter, so the real topics are still offered.
        expect(Object.keys(response.facets.topics ?? {}).length).toBeGreaterThan(0);
      });

      it("matches filter values that contain quotes or backslashes literally", async () => {
        const response = await engine.search({ filters: { publisher: ['Say "hi" \\ bye'] } });
        expect(response.total).toBe(0);
      });

      it("restricts results to the given kinds", async () => {
        const response = await engine.search({
          kinds: ["course", "lesson"],
          facets: ["kind"],
          pageSize: 100,
        });
        expect([...hitIds(response)].sort()).toEqual(
          COURSE_FIXTURES.map((document) => document.id).sort(),
        );
        expect(response.facets.kind).toEqual({ course: 2, lesson: 3 });

        const lessonsAboutData = await searchIds({ query: "data", kinds: ["lesson"] });
        expect(lessonsAboutData.length).toBeGreaterThan(0);
        for (const id of lessonsAboutData) expect(id.startsWith("lesson:")).toBe(true);
      });
    });

    describe("sorting", () => {
      const tieDocuments: SearchDocument[] = [
        {
          id: "tie:3",
          kind: "toolkit",
          url: "/t/3",
          title: "Tiebreaker beta",
          summary: "",
          body: "Same body.",
        },
        {
          id: "tie:1",
          kind: "toolkit",
          url: "/t/1",
          title: "Tiebreaker beta",
          summary: "",
          body: "Same body.",
        },
        {
          id: "tie:2",
          kind: "toolkit",
          url: "/t/2",
          title: "Tiebreaker alpha",
          summary: "",
          body: "Same body.",
        },
      ];

      it("breaks relevance ties by title, then id", async () => {
        await engine.index(tieDocuments);
        try {
          expect(await searchIds({ query: "tiebreaker" })).toEqual(["tie:2", "tie:1", "tie:3"]);
        } finally {
          await engine.remove(tieDocuments.map((document) => document.id));
        }
      });

      it("sorts by date, newest first, then by title", async () => {
        const ids = await searchIds({ sort: "newest" });
        const expected = [...ALL_FIXTURES]
          .sort(
            (left, right) =>
              newestTimestampOf(SearchDocumentSchema.parse(right)) -
                newestTimestampOf(SearchDocumentSchema.parse(left)) || byTitleThenId(left, right),
          )
          .map((document) => document.id);
        expect(ids).toEqual(expected);
        expect(ids[0]).toBe("course:foundations");
      });

      it("sorts by usefulness, most useful first, within a query", async () => {
        const ids = await searchIds({ query: "privacy", sort: "most-useful" });
        expect(ids.length).toBeGreaterThan(3);
        const usefulCounts = ids.map((id) => fixtureById(id).usefulCount ?? 0);
        expect(usefulCounts).toEqual([...usefulCounts].sort((left, right) => right - left));
      });

      it("lists everything by title for an empty query", async () => {
        const response = await engine.search({ query: "", pageSize: 100 });
        expect(response.total).toBe(ALL_FIXTURES.length);
        expect(hitIds(response)).toEqual(
          [...ALL_FIXTURES].sort(byTitleThenId).map((document) => document.id),
        );
      });

      it("treats a query of only stop words and punctuation as empty", async () => {
        const response = await engine.search({
          query: " the - of ... ",
          filters: { type: ["template"] },
        });
        expect(response.total).toBe(2);
      });
    });

    describe("pagination", () => {
      it("splits results into 1-based pages with the full total", async () => {
        const all = await searchIds({ query: "data" });
        const pageSize = 4;
        const pages: string[] = [];
        for (let page = 1; page <= Math.ceil(all.length / pageSize); page++) {
          const response = await engine.search({ query: "data", page, pageSize });
          expect(response).toMatchObject({ total: all.length, page, pageSize });
          pages.push(...hitIds(response));
        }
        expect(pages).toEqual(all);
      });

      it("returns no hits but the right total past the last page", async () => {
        const response = await engine.search({ query: "data", page: 999, pageSize: 10 });
        expect(response.hits).toEqual([]);
        expect(response.total).toBeGreaterThan(0);
        expect(response.page).toBe(999);
      });

      it("corrects nonsensical page numbers and sizes", async () => {
        const response = await engine.search({ query: "data", page: -3, pageSize: 10_000 });
        expect(response.page).toBe(1);
        expect(response.pageSize).toBe(100);
        const fallback = await engine.search({ query: "data", page: Number.NaN, pageSize: 0 });
        expect(fallback.page).toBe(1);
        expect(fallback.pageSize).toBe(1);
        expect(fallback.hits).toHaveLength(1);
      });
    });

    describe("highlights", () => {
      it("wraps matched words in <mark>", async () => {
        const response = await engine.search({ query: "anonymisation framework" });
        const hit = response.hits.find(
          (candidate) => candidate.id === "toolkit:ukan-anonymisation-decision-making-framework",
        );
        expect(hit?.highlights.title).toContain("<mark>Anonymisation</mark>");
        expect(hit?.highlights.title).toContain("<mark>Framework</mark>");
      });

      it("marks prefix matches", async () => {
        const response = await engine.search({ query: "pseudonym" });
        const hit = response.hits.find(
          (candidate) => candidate.id === "toolkit:ico-pseudonymisation-guidance",
        );
        expect(hit?.highlights.title).toMatch(/^<mark>Pseudonym/);
      });

      it("escapes everything that is not a mark", async () => {
        const response = await engine.search({ query: "markup sanitising" });
        const hit = response.hits.find((candidate) => candidate.id === "toolkit:markup-in-title");
        expect(hit).toBeDefined();
        const { title, summary } = hit?.highlights ?? { title: "", summary: "" };
        expect(title).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; other");
        expect(title).toContain("<mark>markup</mark>");
        expect(summary).toContain("&lt;b&gt;<mark>sanitising</mark>&lt;/b&gt;");
        expectOnlyMarkTags(title);
        expectOnlyMarkTags(summary);
        // The raw fields stay raw: escaping is the highlight's job, not the document's.
        expect(hit?.title).toContain("<script>");
      });

      it("escapes titles when nothing is highlighted", async () => {
        const response = await engine.search({
          query: "",
          filters: { topics: ["data-literacy"] },
          pageSize: 100,
        });
        const hit = response.hits.find((candidate) => candidate.id === "toolkit:markup-in-title");
        expect(hit?.highlights.title).toBe(
          "Cleaning &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; other markup from shared data",
        );
      });
    });

    describe("removal and re-indexing", () => {
      const document: SearchDocument = {
        id: "toolkit:temporary-entry",
        kind: "toolkit",
        url: "/toolkit/temporary-entry",
        title: "Wombat census methods",
        summary: "A temporary entry.",
        body: "Counting wombats.",
        type: ["guide"],
      };

      it("never returns a removed document", async () => {
        await engine.index([document]);
        expect(await searchIds({ query: "wombat" })).toEqual([document.id]);
        expect(await engine.count()).toBe(ALL_FIXTURES.length + 1);

        await engine.remove([document.id, "toolkit:never-indexed"]);
        expect(await searchIds({ query: "wombat" })).toEqual([]);
        expect(await searchIds({ query: "" })).not.toContain(document.id);
        expect(await engine.count()).toBe(ALL_FIXTURES.length);
      });

      it("replaces a document indexed again under the same id", async () => {
        await engine.index([document]);
        await engine.index([
          {
            ...document,
            title: "Platypus survey methods",
            body: "Counting platypuses.",
            type: ["tool"],
          },
        ]);
        try {
          expect(await searchIds({ query: "wombat" })).toEqual([]);
          expect(await searchIds({ query: "platypus" })).toEqual([document.id]);
          const tools = await searchIds({ filters: { type: ["tool"] } });
          expect(tools).toContain(document.id);
          expect(await engine.count()).toBe(ALL_FIXTURES.length + 1);
        } finally {
          await engine.remove([document.id]);
        }
      });
    });

    describe("unusual input", () => {
      it("answers a very long query", async () => {
        const longQuery = "data sharing agreement template for mobile phone records "
          .repeat(40)
          .slice(0, 2000);
        expect(longQuery).toHaveLength(2000);
        const response = await engine.search({ query: longQuery, facets: ["type"] });
        expect(response.page).toBe(1);
        expect(Array.isArray(response.hits)).toBe(true);
      });

      it("answers queries with markup, quotes, operators and other scripts", async () => {
        const queries = [
          '<script>alert("x")</script>',
          '"data sharing" OR 1=1; -- \' \\',
          "données personnelles",
          "数据 共享",
          "😀 privacy 🔒",
          "AND OR NOT ( ) [ ] { } : * ?",
          "\u0000\u0007 control",
        ];
        for (const query of queries) {
          const response = await engine.search({ query });
          expect(response.total, query).toBeGreaterThanOrEqual(0);
          for (const hit of response.hits) {
            expectOnlyMarkTags(hit.highlights.title);
            expectOnlyMarkTags(hit.highlights.summary);
          }
        }
        await expectFinds("données", ["toolkit:cnil-anonymisation"]);
      });
    });

    describe("search quality: what people type finds what they mean (top 3)", () => {
      it.each(SEARCH_QUALITY_CASES)("$query → $expectedId", async ({ query, expectedId }) => {
        const top3 = hitIds(await engine.search({ query, pageSize: 3 }));
        expect(top3, `top 3 for "${query}"`).toContain(expectedId);
      });
    });
  });
}
