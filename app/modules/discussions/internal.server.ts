/**
 * Helpers the discussions module shares between its files; not for routes.
 */
import { and, count, eq, gt, isNull, max } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { discussionModerationLog, discussionPosts, discussionThreads } from "../../../db/schema";
import { db } from "~/utils/db.server";
import { threadDocumentId } from "../search/document-ids";
import { queueSearchDocuments } from "../search/queue.server";
import { getPlaceAccess, isPublicPlaceKind, type Place, type PlaceAccess, type Viewer } from "./access.server";
import { fail, MAX_BODY_LENGTH, MAX_REASON_LENGTH, MAX_TITLE_LENGTH, type DiscussionFailure } from "./results";

/** The database or an open transaction. */
export type Executor = Pick<Database, "select" | "selectDistinct" | "insert" | "update" | "delete">;

export type ThreadRow = typeof discussionThreads.$inferSelect;
export type PostRow = typeof discussionPosts.$inferSelect;


export function placeOf(thread: Pick<ThreadRow, "placeKind" | "placeId">): Place {
  return { kind: thread.placeKind, id: thread.placeId };
}

export function checkBody(body: string): { body: string } | DiscussionFailure {
  const trimmed = body.trim();
  if (trimmed.length === 0) return fail("body-empty");
  if (trimmed.length > MAX_BODY_LENGTH) return fail("body-too-long");
  return { body: trimmed };
}

export function checkTitle(title: string): { title: string } | DiscussionFailure {
  const trimmed = title.replace(/\s+/g, " ").trim();
  if (trimmed.length === 0) return fail("title-empty");
  if (trimmed.length > MAX_TITLE_LENGTH) return fail("title-too-long");
  return { title: trimmed };
}

export function checkReason(reason: string | undefined): { reason: string } | DiscussionFailure {
  const trimmed = (reason ?? "").trim();
  if (trimmed.length === 0) return fail("reason-required");
  return { reason: trimmed.slice(0, MAX_REASON_LENGTH) };
}

export interface ThreadInContext {
  thread: ThreadRow;
  access: PlaceAccess;
}

/**
 * A thread and what the viewer may do in its place; null when the viewer may not see it
 * (unknown, in a place they cannot read, or awaiting approval and not theirs to see), so a
 * private thread answers exactly as a missing one does.
 */
export async function loadThreadFor(viewer: Viewer, threadId: number, executor: Executor = db): Promise<ThreadInContext | null> {
  if (!Number.isSafeInteger(threadId)) return null;
  const [thread] = await executor.select().from(discussionThreads).where(eq(discussionThreads.id, threadId));
  if (!thread) return null;
  const access = await getPlaceAccess(viewer, placeOf(thread));
  if (!access.read) return null;
  if (thread.pendingApproval && !access.moderate && thread.authorId !== viewer?.id) return null;
  return { thread, access };
}

export interface PostInContext extends ThreadInContext {
  post: PostRow;
}

/** A post the viewer may see, with its thread and the viewer's rights there; null otherwise. */
export async function loadPostFor(viewer: Viewer, postId: number, executor: Executor = db): Promise<PostInContext | null> {
  if (!Number.isSafeInteger(postId)) return null;
  const [post] = await executor.select().from(discussionPosts).where(eq(discussionPosts.id, postId));
  if (!post) return null;
  const context = await loadThreadFor(viewer, post.threadId, executor);
  if (!context || !isPostVisibleTo(post, viewer, context.access)) return null;
  return { ...context, post };
}

/** Hidden and unapproved posts are for moderators and (unapproved) their author only. */
export function isPostVisibleTo(
  post: Pick<PostRow, "hiddenAt" | "approvalState" | "authorId">,
  viewer: Viewer,
  access: PlaceAccess,
): boolean {
  if (access.moderate) return true;
  if (post.hiddenAt) return false;
  if (post.approvalState === "approved") return true;
  return post.approvalState === "pending" && viewer !== null && post.authorId === viewer.id;
}

/** Replies that count: approved, not hidden, not removed by their author. */
export async function refreshThreadCounters(executor: Executor, threadId: number): Promise<void> {
  const visible = and(
    eq(discussionPosts.threadId, threadId),
    eq(discussionPosts.approvalState, "approved"),
    isNull(discussionPosts.hiddenAt),
  );
  const [replies] = await executor
    .select({ value: count() })
    .from(discussionPosts)
    .where(and(visible, gt(discussionPosts.seq, 1), isNull(discussionPosts.removedByAuthorAt)));
  const [newest] = await executor.select({ value: max(discussionPosts.seq) }).from(discussionPosts).where(visible);
  await executor
    .update(discussionThreads)
    .set({ replyCount: replies?.value ?? 0, lastPostSeq: newest?.value ?? 0 })
    .where(eq(discussionThreads.id, threadId));
}

/** Public threads are search documents; a space's never are. Queued in the caller's transaction. */
export async function queueThreadDocument(executor: Executor, thread: Pick<ThreadRow, "id" | "placeKind">): Promise<void> {
  if (isPublicPlaceKind(thread.placeKind)) await queueSearchDocuments([threadDocumentId(thread.id)], executor);
}

/** A thread moved out of a public place leaves the index too. */
export async function queueThreadDocumentRemoval(executor: Executor, threadId: number): Promise<void> {
  await queueSearchDocuments([threadDocumentId(threadId)], executor);
}

export async function logModeration(
  executor: Executor,
  entry: { actorId: string; action: string; threadId?: number; postId?: number; reason?: string | null; details?: Record<string, unknown> },
): Promise<void> {
  await executor.insert(discussionModerationLog).values({
    actorId: entry.actorId,
    action: entry.action,
    threadId: entry.threadId ?? null,
    postId: entry.postId ?? null,
    reason: entry.reason ?? null,
    details: entry.details ?? {},
  });
}

/** Whether a member has had a post approved anywhere in discussions (a "new member" has not). */
export async function hasApprovedPost(userId: string, executor: Executor = db): Promise<boolean> {
  const [row] = await executor
    .select({ id: discussionPosts.id })
    .from(discussionPosts)
    .where(and(eq(discussionPosts.authorId, userId), eq(discussionPosts.approvalState, "approved")))
    .limit(1);
  return Boolean(row);
}
