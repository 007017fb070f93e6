/**
 * Public threads (in a category, on a lesson or a toolkit entry) are site-search documents;
 * a space's threads never are. The search worker and the reindex build them from here.
 */
import { and, asc, eq, isNull, ne } from "drizzle-orm";
import { discussionPosts, discussionThreads } from "../../../db/schema";
import type { SearchDocument } from "../../../search/engine";
import { db } from "~/utils/db.server";
import { threadDocumentId } from "../search/document-ids";
import { markdownToPlainText } from "./markdown.server";
import { threadHref } from "./paths";

/** A thread's document holds its opening post and replies up to this many characters. */
export const MAX_THREAD_DOCUMENT_CHARACTERS = 20_000;

const isIndexable = and(
  ne(discussionThreads.placeKind, "space"),
  isNull(discussionThreads.removedAt),
  eq(discussionThreads.pendingApproval, false),
);

/** The thread's document as it is now, or null when it should not be (or no longer be) in the index. */
export async function buildThreadSearchDocument(threadId: number): Promise<SearchDocument | null> {
  if (!Number.isSafeInteger(threadId)) return null;
  const [thread] = await db.select().from(discussionThreads).where(and(eq(discussionThreads.id, threadId), isIndexable));
  if (!thread) return null;
  // Only what any visitor sees: approved, not hidden, not taken back by the author.
  const posts = await db
    .select({ seq: discussionPosts.seq, body: discussionPosts.body })
    .from(discussionPosts)
    .where(
      and(
        eq(discussionPosts.threadId, thread.id),
        eq(discussionPosts.approvalState, "approved"),
        isNull(discussionPosts.hiddenAt),
        isNull(discussionPosts.removedByAuthorAt),
      ),
    )
    .orderBy(asc(discussionPosts.seq));
  const texts = posts.map((post) => markdownToPlainText(post.body));
  const opening = posts[0]?.seq === 1 ? (texts[0] ?? "") : "";
  return {
    id: threadDocumentId(thread.id),
    kind: "thread",
    title: thread.title,
    summary: opening.slice(0, 300),
    body: texts.join("\n").slice(0, MAX_THREAD_DOCUMENT_CHARACTERS),
    url: threadHref(thread.id),
    publishedAt: thread.createdAt.toISOString(),
    updatedAt: thread.lastActivityAt.toISOString(),
  };
}

/** The ids of every thread that belongs in the index. */
export async function listThreadDocumentIds(): Promise<string[]> {
  const rows = await db.select({ id: discussionThreads.id }).from(discussionThreads).where(isIndexable).orderBy(asc(discussionThreads.id));
  return rows.map((row) => threadDocumentId(row.id));
}

export async function buildAllThreadSearchDocuments(): Promise<SearchDocument[]> {
  const documents: SearchDocument[] = [];
  for (const id of await listThreadDocumentIds()) {
    const document = await buildThreadSearchDocument(Number(id.slice("thread:".length)));
    if (document) documents.push(document);
  }
  return documents;
}
