import { describe, expect, it } from "vitest";
import {
  buildSpellingDictionary,
  getSiteSpellingDictionary,
  suggestSpelling,
  typoDistance,
} from "./spelling.server";

const dictionary = buildSpellingDictionary([
  "Data sharing agreement template",
  "Data protection impact assessment (DPIA) guide",
  "De-identification and anonymisation of mobility data",
  "Privacy policy",
  "privacy",
]);

describe("typoDistance", () => {
  it("counts substitutions, insertions, deletions and adjacent swaps as one edit each", () => {
    expect(typoDistance("dpia", "dpia", 2)).toBe(0);
    expect(typoDistance("dpai", "dpia", 2)).toBe(1);
    expect(typoDistance("polcy", "policy", 2)).toBe(1);
    expect(typoDistance("templte", "template", 2)).toBe(1);
    expect(typoDistance("privasy", "privacy", 2)).toBe(1);
  });

  it("gives up past the limit", () => {
    expect(typoDistance("mobility", "agreement", 2)).toBe(3);
    expect(typoDistance("a", "abcdef", 2)).toBe(3);
  });
});

describe("suggestSpelling", () => {
  it("replaces words the content never uses by the closest one it uses, keeping the rest", () => {
    expect(suggestSpelling("dpai", dictionary)).toBe("dpia");
    expect(suggestSpelling("Data shairng agreemnt", dictionary)).toBe("Data sharing agreement");
    expect(suggestSpelling("anonimisaton of mobilty data", dictionary)).toBe(
      "anonymisation of mobility data",
    );
  });

  it("leaves known words alone, including plurals and other spellings of known words", () => {
    expect(suggestSpelling("data sharing agreements", dictionary)).toBeNull();
    expect(suggestSpelling("anonymization", dictionary)).toBeNull();
    expect(suggestSpelling("de-identification", dictionary)).toBeNull();
  });

  it("suggests nothing for numbers, short words, stop words or words too far from any", () => {
    expect(suggestSpelling("2016/679", dictionary)).toBeNull();
    expect(suggestSpelling("of to", dictionary)).toBeNull();
    expect(suggestSpelling("zz", dictionary)).toBeNull();
    expect(suggestSpelling("xylophone", dictionary)).toBeNull();
    expect(suggestSpelling("", dictionary)).toBeNull();
  });

  it("prefers the more common word when two are as close", () => {
    // "privasy" is one edit from "privacy" (used twice) and not within reach of anything else.
    expect(suggestSpelling("privasy", dictionary)).toBe("privacy");
    const tie = buildSpellingDictionary(["cart cart cart", "card"]);
    expect(suggestSpelling("carx", tie)).toBe("cart");
  });

  it("treats markup as text: only the words change", () => {
    expect(suggestSpelling("<b>polcy</b>", dictionary)).toBe("<b>policy</b>");
  });
});

describe("the site's dictionary", () => {
  it("knows the content's words and the synonym list, and corrects toward them", async () => {
    const site = await getSiteSpellingDictionary();
    expect(site.frequencies.has("dpia")).toBe(true);
    expect(site.frequencies.has("collaboratives")).toBe(true);
    expect(suggestSpelling("dpai", site)).toBe("dpia");
    // Two edits from "collaborative" and from "collaboratives": either is a good answer.
    expect(suggestSpelling("colaborativs", site)).toMatch(/^collaboratives?$/);
  }, 120_000);
});
