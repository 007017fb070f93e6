/**
 * Ids of documents in the one site-wide search index: "<kind>:<key>". The queue, the worker
 * and the click log all speak these ids; keep them stable, since renaming one orphans its
 * index entry until the next reindex.
 */
import type { SearchDocumentKind } from "../../../search/engine";

export const toolkitDocumentId = (entrySlug: string) => `toolkit:${entrySlug}`;
export const courseDocumentId = (courseSlug: string) => `course:${courseSlug}`;
export const threadDocumentId = (threadId: number) => `thread:${threadId}`;
export const lessonDocumentId = (courseSlug: string, lessonSlug: string) => `lesson:${courseSlug}/${lessonSlug}`;

export function parseDocumentId(id: string): { kind: SearchDocumentKind; key: string } | null {
  const match = /^(toolkit|course|lesson|cohort|thread):(.+)$/.exec(id);
  return match ? { kind: match[1] as SearchDocumentKind, key: match[2]! } : null;
}
