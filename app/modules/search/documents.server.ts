/**
 * Search documents built from their sources: toolkit entries, courses and lessons (content
 * files, compiled at start) and approved member suggestions (the database). The worker and
 * the reindex build through here, so a document always reflects its source as it is now.
 */
import type { SearchDocument } from "../../../search/engine";
import { getSiteContent } from "../content/content.server";
import { MAX_PLAIN_TEXT_CHARACTERS } from "../content/mdx.server";
import { getMdxPlainText } from "../content/mdx-registry.server";
import type { Course, Lesson } from "../courses/catalog.server";
import { buildAllThreadSearchDocuments, buildThreadSearchDocument, listThreadDocumentIds } from "../discussions/search-documents.server";
import { countUsefulVotes } from "../toolkit/community.server";
import type { ToolkitEntry } from "../toolkit/entries.server";
import { getPublishedSuggestion, listPublishedSuggestionsBySlug, type PublishedSuggestion } from "../toolkit/suggestions.server";
import { courseDocumentId, lessonDocumentId, parseDocumentId, toolkitDocumentId } from "./document-ids";

/** The newest-first sort needs a date; a resource's year says when it was published. */
const startOfYear = (year: number) => `${String(year).padStart(4, "0")}-01-01`;

function toolkitEntryDocument(entry: ToolkitEntry, usefulCount: number): SearchDocument {
  return {
    id: toolkitDocumentId(entry.slug),
    kind: "toolkit",
    title: entry.title,
    summary: entry.summary,
    // The exact published title, when the display title is shorter, is found by a search too.
    body: [entry.publishedTitle, getMdxPlainText(entry.codeId)].filter(Boolean).join("\n"),
    url: `/toolkit/${entry.slug}`,
    type: [entry.type],
    topics: entry.topics,
    audiences: entry.audiences,
    regions: entry.regions,
    languages: entry.languages,
    licence: entry.licence,
    publisher: entry.publisher,
    year: entry.year,
    publishedAt: startOfYear(entry.year),
    updatedAt: entry.lastReviewed,
    usefulCount,
  };
}

function suggestionDocument(suggestion: PublishedSuggestion, usefulCount: number): SearchDocument {
  // Members' text is plain text (never markup), so it goes in as it is, only cut to size.
  const body = [suggestion.summary, suggestion.howToUse].filter(Boolean).join("\n");
  return {
    id: toolkitDocumentId(suggestion.slug),
    kind: "toolkit",
    title: suggestion.title,
    summary: suggestion.summary,
    body: body.slice(0, MAX_PLAIN_TEXT_CHARACTERS),
    url: `/toolkit/${suggestion.slug}`,
    type: [suggestion.type],
    topics: suggestion.topics,
    audiences: suggestion.audiences,
    regions: suggestion.regions,
    languages: suggestion.languages,
    licence: suggestion.licence,
    publisher: suggestion.publisher,
    year: suggestion.year,
    publishedAt: startOfYear(suggestion.year),
    updatedAt: (suggestion.reviewedAt ?? suggestion.updatedAt).toISOString(),
    usefulCount,
  };
}

function courseDocument(course: Course): SearchDocument {
  return {
    id: courseDocumentId(course.slug),
    kind: "course",
    title: course.title,
    summary: course.summary,
    body: [getMdxPlainText(course.introCodeId), ...course.outcomes].join("\n"),
    url: `/courses/${course.slug}`,
    topics: course.topics,
    audiences: course.audiences,
    languages: [course.language],
    licence: course.licence,
    updatedAt: course.lastReviewed,
  };
}

function lessonDocument(course: Course, lesson: Lesson): SearchDocument {
  return {
    id: lessonDocumentId(course.slug, lesson.slug),
    kind: "lesson",
    title: lesson.title,
    summary: lesson.summary,
    body: getMdxPlainText(lesson.codeId),
    url: `/courses/${course.slug}/${lesson.slug}`,
    // A lesson is written for its course's readers, on its course's topics.
    topics: course.topics,
    audiences: course.audiences,
    languages: [course.language],
    licence: course.licence,
    updatedAt: course.lastReviewed,
  };
}

/**
 * The document with this id as its source now is, or null when the source no longer exists
 * (a removed file, a suggestion no longer approved, a kind not indexed yet): the caller then
 * removes it from the index.
 */
export async function buildSearchDocument(documentId: string): Promise<SearchDocument | null> {
  const parsed = parseDocumentId(documentId);
  if (!parsed) return null;
  const content = await getSiteContent();
  switch (parsed.kind) {
    case "toolkit": {
      const slug = parsed.key;
      // File entries and approved suggestions share one slug space; a file always wins.
      const entry = content.toolkit.find((candidate) => candidate.slug === slug);
      const usefulCount = async () => (await countUsefulVotes([slug])).get(slug) ?? 0;
      if (entry) return toolkitEntryDocument(entry, await usefulCount());
      const suggestion = await getPublishedSuggestion(slug);
      return suggestion ? suggestionDocument(suggestion, await usefulCount()) : null;
    }
    case "course": {
      const course = content.catalog.courses.find((candidate) => candidate.slug === parsed.key);
      return course ? courseDocument(course) : null;
    }
    case "lesson": {
      const [courseSlug, lessonSlug, ...rest] = parsed.key.split("/");
      if (!courseSlug || !lessonSlug || rest.length > 0) return null;
      const course = content.catalog.courses.find((candidate) => candidate.slug === courseSlug);
      const lesson = course?.lessons.find((candidate) => candidate.slug === lessonSlug);
      return course && lesson ? lessonDocument(course, lesson) : null;
    }
    case "thread":
      return /^\d+$/.test(parsed.key) ? buildThreadSearchDocument(Number(parsed.key)) : null;
    default:
      // Cohorts are indexed once that feature exists.
      return null;
  }
}

/** Every document the site has: toolkit entries and approved suggestions, courses, lessons, public threads. */
export async function buildAllSearchDocuments(): Promise<SearchDocument[]> {
  const [content, usefulCounts, suggestions, threads] = await Promise.all([
    getSiteContent(),
    countUsefulVotes(),
    listPublishedSuggestionsBySlug(),
    buildAllThreadSearchDocuments(),
  ]);
  const fileSlugs = new Set(content.toolkit.map((entry) => entry.slug));
  return [
    ...content.toolkit.map((entry) => toolkitEntryDocument(entry, usefulCounts.get(entry.slug) ?? 0)),
    ...suggestions
      .filter((suggestion) => !fileSlugs.has(suggestion.slug))
      .map((suggestion) => suggestionDocument(suggestion, usefulCounts.get(suggestion.slug) ?? 0)),
    ...content.catalog.courses.flatMap((course) => [
      courseDocument(course),
      ...course.lessons.map((lesson) => lessonDocument(course, lesson)),
    ]),
    ...threads,
  ];
}

/**
 * The ids of every document, split by where their source lives: content files change only
 * with a deploy, database rows at any time.
 */
export async function listSearchDocumentIds(): Promise<{ fromContent: string[]; fromDatabase: string[] }> {
  const content = await getSiteContent();
  const fileSlugs = new Set(content.toolkit.map((entry) => entry.slug));
  const suggestions = await listPublishedSuggestionsBySlug();
  return {
    fromContent: [
      ...content.toolkit.map((entry) => toolkitDocumentId(entry.slug)),
      ...content.catalog.courses.flatMap((course) => [
        courseDocumentId(course.slug),
        ...course.lessons.map((lesson) => lessonDocumentId(course.slug, lesson.slug)),
      ]),
    ],
    fromDatabase: [
      ...suggestions.filter((suggestion) => !fileSlugs.has(suggestion.slug)).map((suggestion) => toolkitDocumentId(suggestion.slug)),
      ...(await listThreadDocumentIds()),
    ],
  };
}
