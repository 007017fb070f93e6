import { beforeAll, describe, expect, it } from "vitest";
import { toolkitSuggestions, toolkitVotes } from "../../../db/schema";
import { createEmbeddedSearchEngine } from "../../../search/embedded/embedded-engine";
import type { SearchDocument } from "../../../search/engine";
import { createTestUser } from "../../../tests/db-utils";
import { getSiteContent } from "../content/content.server";
import { MAX_PLAIN_TEXT_CHARACTERS } from "../content/mdx.server";
import { courseDocumentId, lessonDocumentId, toolkitDocumentId } from "./document-ids";
import { buildAllSearchDocuments, buildSearchDocument, listSearchDocumentIds } from "./documents.server";
import { db } from "~/utils/db.server";

/** Anything an author writes that is not prose: JSX, Markdown syntax, ESM, expressions. */
const MARKUP = /<\/?[A-Za-z][^>]*>|\]\(|^#{1,6} |\*\*|^\s*[-*] |^(import|export) |\{\s*[a-z]/m;

async function insertSuggestion(values: Partial<typeof toolkitSuggestions.$inferInsert> & { id: string }) {
  await db.insert(toolkitSuggestions).values({
    title: "Community data trust playbook",
    publisher: "Civic Data Lab",
    year: 2024,
    sourceUrl: "https://example.org/playbook",
    type: "guide",
    topics: ["governance"],
    audiences: ["decision-makers"],
    regions: ["europe"],
    languages: ["en"],
    licence: "CC-BY-4.0",
    summary: "How a city set up a data trust with a mobility company, step by step.",
    howToUse: "Read the charter template first, then adapt the oversight board rules.",
    ...values,
  });
}

let documents: SearchDocument[];

beforeAll(async () => {
  // Compiles the real content (or reads it from the test cache) once for this file.
  await getSiteContent();
  documents = await buildAllSearchDocuments();
}, 180_000);

describe("search documents from content", () => {
  it("has one toolkit document per entry, with its facets, dates and page", async () => {
    const { toolkit } = await getSiteContent();
    const toolkitDocuments = documents.filter((document) => document.kind === "toolkit");
    expect(toolkit.length).toBeGreaterThanOrEqual(60);
    expect(toolkitDocuments).toHaveLength(toolkit.length);
    const dpia = toolkitDocuments.find((document) => document.id === toolkitDocumentId("ico-dpia-guidance-and-template"));
    expect(dpia).toMatchObject({
      kind: "toolkit",
      url: "/toolkit/ico-dpia-guidance-and-template",
      type: ["guide"],
      topics: ["impact-assessment", "data-protection"],
      regions: ["europe"],
      languages: ["en"],
      licence: "unknown",
      publisher: "Information Commissioner's Office (ICO)",
      year: 2018,
      publishedAt: "2018-01-01",
      updatedAt: "2026-12-05",
      usefulCount: 0,
    });
    expect(dpia?.body).toContain("sample DPIA template");
    expect(dpia?.body).toContain("Consult the ICO before starting");
    // An entry with a shorter display title is found by its exact published title too.
    const haiti = toolkitDocuments.find(
      (document) => document.id === toolkitDocumentId("flowminder-haiti-earthquake-mobile-phone-study"),
    );
    expect(haiti?.body).toContain("A Post-Earthquake Geospatial Study in Haiti");
  });

  it("has a document per course and per lesson, lessons carrying their course's audiences and topics", async () => {
    const { catalog } = await getSiteContent();
    const lessonCount = catalog.courses.reduce((total, course) => total + course.lessons.length, 0);
    expect(documents.filter((document) => document.kind === "course")).toHaveLength(catalog.courses.length);
    expect(documents.filter((document) => document.kind === "lesson")).toHaveLength(lessonCount);
    const course = catalog.courses.find((candidate) => candidate.slug === "foundations-of-data-sharing");
    const lesson = documents.find(
      (document) => document.id === lessonDocumentId("foundations-of-data-sharing", "what-is-a-data-collaborative"),
    );
    expect(lesson).toMatchObject({
      kind: "lesson",
      url: "/courses/foundations-of-data-sharing/what-is-a-data-collaborative",
      audiences: course?.audiences,
      topics: course?.topics,
    });
    // Text inside components and their prose attributes is searchable; the markup is not.
    expect(lesson?.body).toContain("The term data collaborative was popularised");
    expect(lesson?.body).toContain("An independent organisation that stands between a data holder");
    expect(documents.find((document) => document.id === courseDocumentId("foundations-of-data-sharing"))).toMatchObject({
      kind: "course",
      url: "/courses/foundations-of-data-sharing",
    });
  });

  it("gives every document a plain-text body: no MDX, JSX or Markdown left, and not too long", () => {
    for (const document of documents) {
      expect(document.body?.length ?? 0, document.id).toBeGreaterThan(200);
      expect(document.body?.length ?? 0, document.id).toBeLessThanOrEqual(MAX_PLAIN_TEXT_CHARACTERS);
      expect(document.body?.match(MARKUP)?.[0], document.id).toBeUndefined();
    }
  });

  it("builds the same document one id at a time, and null for a source that does not exist", async () => {
    for (const id of [
      toolkitDocumentId("ico-dpia-guidance-and-template"),
      courseDocumentId("foundations-of-data-sharing"),
      lessonDocumentId("foundations-of-data-sharing", "what-is-a-data-collaborative"),
    ]) {
      expect(await buildSearchDocument(id)).toEqual(documents.find((document) => document.id === id));
    }
    for (const id of [
      toolkitDocumentId("no-such-entry"),
      courseDocumentId("no-such-course"),
      lessonDocumentId("foundations-of-data-sharing", "no-such-lesson"),
      "lesson:foundations-of-data-sharing/what-is-a-data-collaborative/extra",
      "cohort:some-cohort",
      "not-an-id",
    ]) {
      expect(await buildSearchDocument(id), id).toBeNull();
    }
  });

  it("finds a DPIA entry for 'DPIA' once indexed", async () => {
    const engine = createEmbeddedSearchEngine();
    await engine.index(documents);
    const response = await engine.search({ query: "DPIA", kinds: ["toolkit"], pageSize: 5 });
    expect(response.hits.map((hit) => hit.url)).toContain("/toolkit/ico-dpia-guidance-and-template");
    const lessons = await engine.search({ query: "data protection impact assessment", kinds: ["lesson"] });
    expect(lessons.hits.map((hit) => hit.url)).toContain(
      "/courses/data-sharing-agreements-and-governance/data-protection-impact-assessments",
    );
  });
});

describe("search documents from the database", () => {
  it("counts only 'useful' votes for an entry", async () => {
    const slug = "ico-dpia-guidance-and-template";
    const [first, second, third] = await Promise.all([createTestUser(), createTestUser(), createTestUser()]);
    await db.insert(toolkitVotes).values([
      { userId: first!.id, entrySlug: slug, useful: true },
      { userId: second!.id, entrySlug: slug, useful: true },
      { userId: third!.id, entrySlug: slug, useful: false },
      { userId: first!.id, entrySlug: "gdpr-general-data-protection-regulation", useful: true },
    ]);
    expect((await buildSearchDocument(toolkitDocumentId(slug)))?.usefulCount).toBe(2);
    const all = await buildAllSearchDocuments();
    expect(all.find((document) => document.id === toolkitDocumentId(slug))?.usefulCount).toBe(2);
    expect(all.find((document) => document.id === toolkitDocumentId("gdpr-general-data-protection-regulation"))?.usefulCount).toBe(1);
  });

  it("includes approved suggestions with a slug, never pending or rejected ones", async () => {
    const reviewedAt = new Date("2026-11-20T10:00:00Z");
    await insertSuggestion({ id: "s-approved", status: "approved", slug: "community-data-trust-playbook", reviewedAt });
    await insertSuggestion({ id: "s-pending", status: "pending", title: "A pending one" });
    await insertSuggestion({ id: "s-rejected", status: "rejected", slug: "rejected-playbook", title: "A rejected one" });

    const id = toolkitDocumentId("community-data-trust-playbook");
    const document = await buildSearchDocument(id);
    expect(document).toEqual({
      id,
      kind: "toolkit",
      title: "Community data trust playbook",
      summary: "How a city set up a data trust with a mobility company, step by step.",
      body: "How a city set up a data trust with a mobility company, step by step.\nRead the charter template first, then adapt the oversight board rules.",
      url: "/toolkit/community-data-trust-playbook",
      type: ["guide"],
      topics: ["governance"],
      audiences: ["decision-makers"],
      regions: ["europe"],
      languages: ["en"],
      licence: "CC-BY-4.0",
      publisher: "Civic Data Lab",
      year: 2024,
      publishedAt: "2024-01-01",
      updatedAt: reviewedAt.toISOString(),
      usefulCount: 0,
    });
    expect(await buildSearchDocument(toolkitDocumentId("rejected-playbook"))).toBeNull();

    const all = await buildAllSearchDocuments();
    expect(all.filter((candidate) => candidate.id === id)).toEqual([document]);
    expect(all.some((candidate) => candidate.title === "A pending one" || candidate.title === "A rejected one")).toBe(false);
    const ids = await listSearchDocumentIds();
    expect(ids.fromDatabase).toEqual([id]);
    expect(ids.fromContent).toHaveLength(documents.length);
  });
});
