import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalLicence } from "../content/licences";
import { formatContentError } from "../content/errors";
import { loadToolkitEntries } from "./entries.server";
import { ToolkitFrontmatterSchema } from "./schemas";

const valid = {
  title: "A study of mobile phone data after an earthquake",
  summary: "A case study of tracking population movements with operator data after a disaster.",
  type: "case-study",
  topics: ["mobility-data"],
  audiences: ["analysts"],
  regions: ["global"],
  languages: ["en"],
  licence: "CC-BY-4.0",
  publisher: "PLOS Medicine",
  year: 2016,
  sourceUrl: "https://example.org/article",
  lastReviewed: "2026-12-01",
};

/** The problems the schema reports, as "field: message". */
function problems(frontmatter: Record<string, unknown>): string[] {
  const parsed = ToolkitFrontmatterSchema.safeParse(frontmatter);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

describe("toolkit frontmatter", () => {
  it("accepts a complete entry", () => {
    expect(problems(valid)).toEqual([]);
  });

  it("refuses a licence newer than the work: CC BY 4.0 (2013) on a 2011 article", () => {
    expect(problems({ ...valid, year: 2011 })).toEqual([
      "licence: CC-BY-4.0 was first published in 2013, after this work's year 2011: check which licence the source states for the edition described",
    ]);
    expect(problems({ ...valid, year: 2013 })).toEqual([]);
    expect(problems({ ...valid, licence: "CC-BY-2.5", year: 2011 })).toEqual([]);
    expect(problems({ ...valid, licence: "OGL-UK-3.0", year: 2013 })[0]).toMatch(/^licence: OGL-UK-3.0 was first published in 2014/);
    expect(problems({ ...valid, licence: "CC0-1.0", year: 2008 })[0]).toMatch(/^licence: CC0-1.0 was first published in 2009/);
  });

  it("puts no lower bound on statuses and old permissive licences", () => {
    for (const licence of ["proprietary", "unknown", "NIST-PD", "CC-PDDC", "MIT"])
      expect(problems({ ...valid, licence, year: 1990 }), licence).toEqual([]);
  });

  it("accepts only known licence identifiers, in their exact spelling", () => {
    for (const licence of ["CC-BY-5.0", "CC BY 4.0", "cc-by-4.0", "all rights reserved", "Public domain", ""])
      expect(problems({ ...valid, licence }), licence).toEqual([
        "licence: must be a known licence identifier such as CC-BY-4.0, OGL-UK-3.0, MIT, proprietary or unknown (content/README.md lists them)",
      ]);
  });

  it("refuses a year after this one", () => {
    const nextYear = new Date().getUTCFullYear() + 1;
    expect(problems({ ...valid, year: nextYear })).toEqual([`year: must not be after this year (${nextYear - 1})`]);
    expect(problems({ ...valid, year: nextYear - 1 })).toEqual([]);
  });

  it("refuses an address without https", () => {
    expect(problems({ ...valid, sourceUrl: "http://example.org/article" })).toEqual(["sourceUrl: must be an https:// address"]);
    expect(problems({ ...valid, sourceUrl: "ftp://example.org/article" })).toEqual(["sourceUrl: must be an https:// address"]);
  });

  it("takes an optional published title, different from the display title", () => {
    expect(problems({ ...valid, publishedTitle: "Improved response to disasters: a geospatial study" })).toEqual([]);
    expect(problems({ ...valid, publishedTitle: valid.title })).toEqual([
      "publishedTitle: is the same as title: leave it out when the title is already the published one",
    ]);
  });
});

describe("canonicalLicence", () => {
  it("finds a known identifier typed in any case, and nothing else", () => {
    expect(canonicalLicence("cc-by-4.0")).toBe("CC-BY-4.0");
    expect(canonicalLicence(" Proprietary ")).toBe("proprietary");
    expect(canonicalLicence("UNKNOWN")).toBe("unknown");
    expect(canonicalLicence("ogl-uk-3.0")).toBe("OGL-UK-3.0");
    expect(canonicalLicence("CC BY")).toBeUndefined();
  });
});

describe("npm run content:check on toolkit files", () => {
  let dir: string;
  let cacheDir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "practica-toolkit-schema-"));
    cacheDir = await mkdtemp(path.join(os.tmpdir(), "practica-toolkit-schema-cache-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(cacheDir, { recursive: true, force: true });
  });

  const body = "## What it is\n\nText.\n\n## When to use it\n\nText.\n\n## Practical steps\n\n- A step.\n";
  const file = (frontmatter: string) => `---\n${frontmatter}\n---\n\n${body}`;
  const frontmatter = (overrides: Record<string, string>) =>
    Object.entries({ ...valid, ...overrides })
      .map(([key, value]) => `${key}: ${Array.isArray(value) ? `[${value.join(", ")}]` : JSON.stringify(value)}`)
      .join("\n")
      .replace(/^year: "(\d+)"$/m, "year: $1");

  it("names the file and the field for a licence the year cannot carry, an unknown licence and a plain-http address", async () => {
    await writeFile(path.join(dir, "good-entry.mdx"), file(frontmatter({ licence: "unknown", year: "2011" })));
    await writeFile(path.join(dir, "too-new-licence.mdx"), file(frontmatter({ year: "2011" })));
    await writeFile(path.join(dir, "made-up-licence.mdx"), file(frontmatter({ licence: "CC-BY-5.0" })));
    await writeFile(path.join(dir, "plain-http.mdx"), file(frontmatter({ sourceUrl: "http://example.org/a" })));
    const { entries, errors } = await loadToolkitEntries(dir, { cacheDir });
    expect(entries.map((entry) => [entry.slug, entry.licence, entry.year])).toEqual([["good-entry", "unknown", 2011]]);
    const relative = (name: string) => path.relative(process.cwd(), path.join(dir, name));
    expect(errors.map(formatContentError).sort()).toEqual(
      [
        `${relative("made-up-licence.mdx")}: licence: must be a known licence identifier such as CC-BY-4.0, OGL-UK-3.0, MIT, proprietary or unknown (content/README.md lists them)`,
        `${relative("plain-http.mdx")}: sourceUrl: must be an https:// address`,
        `${relative("too-new-licence.mdx")}: licence: CC-BY-4.0 was first published in 2013, after this work's year 2011: check which licence the source states for the edition described`,
      ].sort(),
    );
  }, 60_000);
});
