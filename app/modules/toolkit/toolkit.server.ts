import { getSiteContent } from "../content/content.server";
import type { ToolkitEntry } from "./entries.server";

export async function listToolkitEntries(): Promise<ToolkitEntry[]> {
  return (await getSiteContent()).toolkit;
}

export async function getToolkitEntry(slug: string): Promise<ToolkitEntry | undefined> {
  return (await listToolkitEntries()).find((entry) => entry.slug === slug);
}

/** Lessons that link to an entry, for "where this is used in the courses". */
export async function getLessonsLinkingTo(slug: string) {
  const { catalog } = await getSiteContent();
  return catalog.courses.flatMap((course) =>
    course.lessons
      .filter((lesson) => lesson.toolkitIds.includes(slug))
      .map((lesson) => ({ courseSlug: course.slug, courseTitle: course.title, lessonSlug: lesson.slug, lessonTitle: lesson.title })),
  );
}

/** Entries sharing the most topics with this one, then the same type; never itself. */
export function findRelatedEntries(entry: ToolkitEntry, entries: ToolkitEntry[], limit = 4): ToolkitEntry[] {
  return entries
    .filter((candidate) => candidate.slug !== entry.slug)
    .map((candidate) => ({
      candidate,
      score:
        candidate.topics.filter((topic) => entry.topics.includes(topic)).length * 2 +
        (candidate.type === entry.type ? 1 : 0) +
        candidate.audiences.filter((audience) => entry.audiences.includes(audience)).length * 0.5,
    }))
    .filter(({ score }) => score >= 2)
    .sort((a, b) => b.score - a.score || a.candidate.title.localeCompare(b.candidate.title))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}
