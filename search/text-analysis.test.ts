import { describe, expect, it } from "vitest";
import { createEmbeddedSearchEngine } from "./embedded/embedded-engine";
import { createMeilisearchEngine } from "./meilisearch/meilisearch-engine";
import { escapeHtml, highlightMatchedTerms, sentinelMarkedTextToHtml } from "./highlight";
import { createSearchEngine } from "./index";
import {
  analyzeQuery,
  editDistanceWithin,
  indexTokensOf,
  normalizeTerm,
  synonymGroupSpellings,
  typoBudgetOf,
} from "./text-analysis";
import { SYNONYM_GROUPS } from "./synonyms";

describe("normalizeTerm", () => {
  it.each([
    ["anonymisation", "anonymization"],
    ["organisations", "organization"],
    ["pseudonymised", "pseudonymized"],
    ["analyse", "analyze"],
    ["analyses", "analysis"],
    ["behaviours", "behavior"],
    ["licences", "license"],
    ["licenses", "license"],
    ["centres", "center"],
    ["programmes", "program"],
    ["catalogue", "catalog"],
    ["modelling", "modeling"],
    ["studies", "study"],
    ["agreements", "agreement"],
    ["templates", "template"],
    ["processes", "process"],
    ["approaches", "approach"],
    ["analysis", "analysis"],
    ["status", "status"],
    ["bias", "bias"],
    ["gdpr", "gdpr"],
    ["hours", "hour"],
  ])("%s → %s", (word, expected) => {
    expect(normalizeTerm(word)).toBe(expected);
  });

  it("leaves tokens with digits alone and drops stop words", () => {
    expect(normalizeTerm("2016s")).toBe("2016s");
    expect(normalizeTerm("covid19")).toBe("covid19");
    expect(normalizeTerm("the")).toBeNull();
  });

  it("gives the same form for both spellings of every synonym member", () => {
    for (const group of SYNONYM_GROUPS) {
      for (const member of group) expect(member.trim()).not.toBe("");
    }
    expect(normalizeTerm("anonymisation")).toBe(normalizeTerm("anonymization"));
    expect(normalizeTerm("pseudonymisation")).toBe(normalizeTerm("pseudonymization"));
  });
});

describe("indexTokensOf", () => {
  it("splits on punctuation, folds accents and case, and keeps hyphenated compounds whole too", () => {
    expect(
      indexTokensOf("De-identification of COVID-19 données (EU) 2016/679, Commissioner’s"),
    ).toEqual([
      "de",
      "identification",
      "deidentification",
      "of",
      "covid",
      "19",
      "covid19",
      "donnees",
      "eu",
      "2016",
      "679",
      "commissioners",
    ]);
  });
});

describe("typos", () => {
  it("allows 1 typo from 5 characters, 2 from 9, none with digits", () => {
    expect([
      typoBudgetOf("data"),
      typoBudgetOf("study"),
      typoBudgetOf("anonymise"),
      typoBudgetOf("2016679"),
    ]).toEqual([0, 1, 2, 0]);
  });

  it("measures edit distance and stops past the limit", () => {
    expect(editDistanceWithin("anonimization", "anonymization", 2)).toBe(1);
    expect(editDistanceWithin("framewrk", "framework", 1)).toBe(1);
    expect(editDistanceWithin("abc", "xyzabc", 2)).toBe(3);
  });
});

describe("analyzeQuery", () => {
  it("makes only the last word a prefix, and never a number", () => {
    const { clauses } = analyzeQuery("data sharing templ");
    expect(clauses.map((clause) => clause.words.map((word) => word.isPrefix))).toEqual([
      [false],
      [false],
      [true],
    ]);
    expect(analyzeQuery("convention 108").clauses.at(-1)?.words[0]).toMatchObject({
      isExact: true,
      isPrefix: false,
    });
  });

  it("recognises synonym phrases, even with a typo, and offers the whole group", () => {
    const [clause] = analyzeQuery("data sharing agrement").clauses;
    expect(clause?.recognizedSynonym).toEqual(["data", "sharing", "agreement"]);
    expect(clause?.alternatives).toEqual(
      expect.arrayContaining([["dsa"], ["data", "sharing", "agreement"]]),
    );
    expect(analyzeQuery("anonimization").clauses[0]?.alternatives).toEqual(
      expect.arrayContaining([["deidentification"], ["de", "identification"]]),
    );
  });

  it("gives each word the typo budget of its normal form, the word Meilisearch receives", () => {
    const budgets = (query: string) =>
      analyzeQuery(query).clauses.map((clause) => clause.words[0]?.maxTypos);
    // templates → template (8 letters): 1 typo; cases → case (4): none; studies → study (5): 1.
    expect(budgets("templates cases studies organisations")).toEqual([1, 0, 1, 2]);
  });

  it("does not recognise a short acronym with a typo", () => {
    expect(analyzeQuery("dpa").clauses[0]?.recognizedSynonym).toBeUndefined();
  });

  it("reads at most ten words and ignores stop words and punctuation", () => {
    expect(
      analyzeQuery("one two three four five six seven eight nine ten eleven twelve").clauses,
    ).toHaveLength(10);
    expect(analyzeQuery(' "the" -- of ... ').clauses).toEqual([]);
  });

  it("lists every spelling of each synonym group for Meilisearch", () => {
    const anonymisation = synonymGroupSpellings().find((spellings) =>
      spellings.includes("anonymisation"),
    );
    expect(anonymisation).toEqual(
      expect.arrayContaining([
        "anonymisation",
        "anonymization",
        "de-identification",
        "deidentification",
      ]),
    );
  });
});

describe("highlighting", () => {
  it("escapes HTML", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
    );
  });

  it("marks words whose written or normal form matched, escaping the rest", () => {
    expect(
      highlightMatchedTerms(
        "<b>Anonymisation</b> & De-identification",
        new Set(["anonymization", "deidentification"]),
      ),
    ).toBe("&lt;b&gt;<mark>Anonymisation</mark>&lt;/b&gt; &amp; <mark>De-identification</mark>");
  });

  it("turns engine sentinels into marks only after escaping, and closes an open mark", () => {
    expect(sentinelMarkedTextToHtml("<i>\uE000data\uE001</i> \uE000shar")).toBe(
      "&lt;i&gt;<mark>data</mark>&lt;/i&gt; <mark>shar</mark>",
    );
  });
});

describe("createSearchEngine", () => {
  it("uses the embedded engine unless a Meilisearch host is given", () => {
    expect(createSearchEngine().name).toBe("embedded");
    expect(createSearchEngine({ meiliHost: "http://127.0.0.1:7700", indexName: "x" }).name).toBe(
      "meilisearch",
    );
    expect(createEmbeddedSearchEngine().name).toBe(createSearchEngine({}).name);
    expect(createMeilisearchEngine({ host: "http://127.0.0.1:7700" }).name).toBe("meilisearch");
  });
});

describe("synonym recognition of split compounds", () => {
  it("recognises a hyphenated member typed as separate words", () => {
    const [clause] = analyzeQuery("privacy enhancing technologies").clauses;
    expect(clause?.recognizedSynonym).toEqual(["privacy", "enhancing", "technology"]);
    expect(clause?.alternatives).toEqual(expect.arrayContaining([["pet"]]));
  });
});
