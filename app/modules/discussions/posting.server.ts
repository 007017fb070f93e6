/**
 * Writing in discussions: new threads, replies, edits with their history, removal by the
 * author, reactions and accepted answers. Every function takes the viewer and answers a
 * DiscussionResult; a failure changes nothing.
 */
import { and, asc, desc, eq, gte, sql } from "drizzle-orm";
import {
  discussionCategories,
  discussionPostRevisions,
  discussionPosts,
  discussionReactions,
  discussionThreadReads,
  discussionThreadSubscriptions,
  discussionThreads,
  REACTION_KINDS,
} from "../../../db/schema";
import { hitRateLimit, type RateLimitPolicy } from "~/modules/auth/rate-limit.server";
import { db } from "~/utils/db.server";
import { getPlaceAccess, placeExists, type Place, type Viewer } from "./access.server";
import { collectPostAudience, type AudienceMember } from "./audience.server";
import {
  checkBody,
  checkTitle,
  hasApprovedPost,
  loadPostFor,
  loadThreadFor,
  logModeration,
  queueThreadDocument,
  refreshThreadCounters,
  type Executor,
} from "./internal.server";
import { renderMarkdown } from "./markdown.server";
import { fail, ok, POSTING_WINDOW_MINUTES, POSTS_PER_WINDOW, type DiscussionFailure, type DiscussionResult } from "./results";

export type ReactionKind = (typeof REACTION_KINDS)[number];
export { REACTION_KINDS };

export const POSTING_RATE_LIMIT: RateLimitPolicy = { limit: POSTS_PER_WINDOW, windowSeconds: POSTING_WINDOW_MINUTES * 60 };

/** The same body from the same person within this time is a double submit, not a new post. */
export const DUPLICATE_WINDOW_SECONDS = 30;

export interface PostedValue {
  threadId: number;
  postId: number;
  seq: number;
  /** False when the post waits for a moderator (a new member's first posts, where asked). */
  approved: boolean;
  /** Who should be told of it (empty while it waits for approval). */
  audience: AudienceMember[];
}

export interface NewThreadInput {
  title: string;
  body: string;
  /** A value the form sends once per page load: the same key twice makes one thread. */
  idempotencyKey?: string;
}

export interface ReplyInput {
  body: string;
  quotedPostId?: number | null;
  idempotencyKey?: string;
}

/** Renders a body as it would be posted, without saving anything (the no-JavaScript preview). */
export function previewPost(viewer: Viewer, body: string): DiscussionResult<{ html: string }> {
  if (!viewer) return fail("sign-in-required");
  const checked = checkBody(body);
  if ("ok" in checked) return checked;
  return ok({ html: renderMarkdown(checked.body) });
}

/** The post a repeated submission already made, if this is one. */
async function findDuplicate(
  authorId: string,
  body: string,
  idempotencyKey: string | undefined,
  threadId: number | null,
): Promise<DiscussionFailure | null> {
  const sameKey = idempotencyKey
    ? and(eq(discussionPosts.authorId, authorId), eq(discussionPosts.idempotencyKey, idempotencyKey))
    : undefined;
  const sameBody = and(
    eq(discussionPosts.authorId, authorId),
    eq(discussionPosts.body, body),
    gte(discussionPosts.createdAt, sql`now() - make_interval(secs => ${DUPLICATE_WINDOW_SECONDS})`),
    threadId === null ? eq(discussionPosts.seq, 1) : eq(discussionPosts.threadId, threadId),
  );
  for (const condition of [sameKey, sameBody]) {
    if (!condition) continue;
    const [existing] = await db
      .select({ threadId: discussionPosts.threadId, postId: discussionPosts.id })
      .from(discussionPosts)
      .where(condition)
      .orderBy(desc(discussionPosts.id))
      .limit(1);
    if (existing) return fail("duplicate", { existing });
  }
  return null;
}

/** Counts one post against the author's limit; moderators of the place are not limited. */
async function checkRateLimit(viewer: { id: string }, isModerator: boolean): Promise<DiscussionFailure | null> {
  if (isModerator) return null;
  const result = await hitRateLimit(`discussion-post:${viewer.id}`, POSTING_RATE_LIMIT);
  return result.allowed ? null : fail("rate-limited", { retryAfterSeconds: result.retryAfterSeconds });
}

/** A new member's post waits when the category asks for it; elsewhere posts appear at once. */
async function needsApproval(viewer: { id: string }, place: Place, isModerator: boolean): Promise<boolean> {
  if (isModerator || place.kind !== "category") return false;
  const [category] = await db
    .select({ requiresApproval: discussionCategories.requiresApprovalForNewMembers })
    .from(discussionCategories)
    .where(eq(discussionCategories.slug, place.id));
  if (!category?.requiresApproval) return false;
  return !(await hasApprovedPost(viewer.id));
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown; cause?: { code?: unknown } }).code ?? (error as { cause?: { code?: unknown } }).cause?.code;
  return code === "23505";
}

async function markReadUpTo(executor: Executor, userId: string, threadId: number, seq: number): Promise<void> {
  await executor
    .insert(discussionThreadReads)
    .values({ userId, threadId, lastReadSeq: seq })
    .onConflictDoUpdate({
      target: [discussionThreadReads.userId, discussionThreadReads.threadId],
      set: { lastReadSeq: sql`greatest(${discussionThreadReads.lastReadSeq}, ${seq})`, readAt: sql`now()` },
    });
}

export async function createThread(viewer: Viewer, place: Place, input: NewThreadInput): Promise<DiscussionResult<PostedValue>> {
  if (!viewer) return fail("sign-in-required");
  const title = checkTitle(input.title);
  if ("ok" in title) return title;
  const body = checkBody(input.body);
  if ("ok" in body) return body;
  if (!(await placeExists(place))) return fail("unknown-place");
  const access = await getPlaceAccess(viewer, place);
  // A space the viewer cannot read answers as if it did not exist.
  if (!access.read) return fail("unknown-place");
  if (!access.post) return fail("forbidden");
  const duplicate = await findDuplicate(viewer.id, body.body, input.idempotencyKey, null);
  if (duplicate) return duplicate;
  const limited = await checkRateLimit(viewer, access.moderate);
  if (limited) return limited;
  const approved = !(await needsApproval(viewer, place, access.moderate));

  try {
    return await db.transaction(async (tx) => {
      const [thread] = await tx
        .insert(discussionThreads)
        .values({
          placeKind: place.kind,
          placeId: place.id,
          title: title.title,
          authorId: viewer.id,
          lastSeq: 1,
          lastPostSeq: approved ? 1 : 0,
          pendingApproval: !approved,
        })
        .returning();
      const [post] = await tx
        .insert(discussionPosts)
        .values({
          threadId: thread!.id,
          seq: 1,
          authorId: viewer.id,
          body: body.body,
          bodyHtml: renderMarkdown(body.body),
          approvalState: approved ? "approved" : "pending",
          idempotencyKey: input.idempotencyKey ?? null,
        })
        .returning();
      await tx.insert(discussionThreadSubscriptions).values({ userId: viewer.id, threadId: thread!.id }).onConflictDoNothing();
      await markReadUpTo(tx, viewer.id, thread!.id, 1);
      let audience: AudienceMember[] = [];
      if (approved) {
        await queueThreadDocument(tx, thread!);
        // TODO(notifications): notify `audience` of the new thread (mentions as their own kind).
        audience = await collectPostAudience(tx, post!);
      }
      return ok({ threadId: thread!.id, postId: post!.id, seq: 1, approved, audience });
    });
  } catch (error) {
    // The same idempotency key from a submit racing this one: that one made the thread.
    if (isUniqueViolation(error)) return (await findDuplicate(viewer.id, body.body, input.idempotencyKey, null)) ?? fail("duplicate");
    throw error;
  }
}

export async function reply(viewer: Viewer, threadId: number, input: ReplyInput): Promise<DiscussionResult<PostedValue>> {
  if (!viewer) return fail("sign-in-required");
  const body = checkBody(input.body);
  if ("ok" in body) return body;
  const context = await loadThreadFor(viewer, threadId);
  if (!context) return fail("not-found");
  const { thread, access } = context;
  if (thread.removedAt) return fail("thread-removed");
  if (thread.locked && !access.moderate) return fail("thread-locked");
  if (!access.post) return fail("forbidden");
  if (input.quotedPostId != null) {
    const quoted = await loadPostFor(viewer, input.quotedPostId);
    if (!quoted || quoted.post.threadId !== thread.id) return fail("quoted-post-not-in-thread");
  }
  const duplicate = await findDuplicate(viewer.id, body.body, input.idempotencyKey, thread.id);
  if (duplicate) return duplicate;
  const limited = await checkRateLimit(viewer, access.moderate);
  if (limited) return limited;
  const approved = !(await needsApproval(viewer, { kind: thread.placeKind, id: thread.placeId }, access.moderate));

  try {
    return await db.transaction(async (tx) => {
      // Taking the next number locks the thread row, so a lock or removal made meanwhile holds.
      const [numbered] = await tx
        .update(discussionThreads)
        .set({ lastSeq: sql`${discussionThreads.lastSeq} + 1` })
        .where(
          and(
            eq(discussionThreads.id, thread.id),
            sql`${discussionThreads.removedAt} is null`,
            access.moderate ? undefined : eq(discussionThreads.locked, false),
          ),
        )
        .returning({ seq: discussionThreads.lastSeq, removedAt: discussionThreads.removedAt });
      if (!numbered) {
        const [now] = await tx.select().from(discussionThreads).where(eq(discussionThreads.id, thread.id));
        return fail(now?.removedAt || !now ? "thread-removed" : "thread-locked");
      }
      const [post] = await tx
        .insert(discussionPosts)
        .values({
          threadId: thread.id,
          seq: numbered.seq,
          authorId: viewer.id,
          body: body.body,
          bodyHtml: renderMarkdown(body.body),
          quotedPostId: input.quotedPostId ?? null,
          approvalState: approved ? "approved" : "pending",
          idempotencyKey: input.idempotencyKey ?? null,
        })
        .returning();
      await markReadUpTo(tx, viewer.id, thread.id, numbered.seq);
      let audience: AudienceMember[] = [];
      if (approved) {
        await tx
          .update(discussionThreads)
          .set({
            replyCount: sql`${discussionThreads.replyCount} + 1`,
            lastPostSeq: numbered.seq,
            lastActivityAt: post!.createdAt,
          })
          .where(eq(discussionThreads.id, thread.id));
        await queueThreadDocument(tx, thread);
        // TODO(notifications): notify `audience` of the reply (mentions as their own kind).
        audience = await collectPostAudience(tx, post!);
      }
      return ok({ threadId: thread.id, postId: post!.id, seq: numbered.seq, approved, audience });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return (await findDuplicate(viewer.id, body.body, input.idempotencyKey, thread.id)) ?? fail("duplicate");
    throw error;
  }
}

/** Edits a post; the earlier body is kept in its history. By its author or a moderator. */
export async function editPost(viewer: Viewer, postId: number, input: { body: string }): Promise<DiscussionResult<{ changed: boolean }>> {
  if (!viewer) return fail("sign-in-required");
  const body = checkBody(input.body);
  if ("ok" in body) return body;
  const context = await loadPostFor(viewer, postId);
  if (!context) return fail("not-found");
  const { post, thread, access } = context;
  const isAuthor = post.authorId === viewer.id;
  if (!isAuthor && !access.moderate) return fail("forbidden");
  if (thread.removedAt) return fail("thread-removed");
  if (post.removedByAuthorAt) return fail("post-removed");
  if (thread.locked && !access.moderate) return fail("thread-locked");
  if (post.body === body.body) return ok({ changed: false });
  await db.transaction(async (tx) => {
    await tx.insert(discussionPostRevisions).values({
      postId: post.id,
      body: post.body,
      bodyHtml: post.bodyHtml,
      writtenAt: post.editedAt ?? post.createdAt,
      replacedBy: viewer.id,
    });
    await tx
      .update(discussionPosts)
      .set({ body: body.body, bodyHtml: renderMarkdown(body.body), editedAt: sql`now()` })
      .where(eq(discussionPosts.id, post.id));
    if (!isAuthor) await logModeration(tx, { actorId: viewer.id, action: "edit-post", threadId: thread.id, postId: post.id });
    await queueThreadDocument(tx, thread);
  });
  return ok({ changed: true });
}

export interface PostVersion {
  body: string;
  bodyHtml: string;
  /** When this version was written. */
  writtenAt: Date;
  isCurrent: boolean;
}

/** Every version of a post, oldest first, the current one last: anyone who can see the post can see its history. */
export async function getPostHistory(viewer: Viewer, postId: number): Promise<DiscussionResult<PostVersion[]>> {
  const context = await loadPostFor(viewer, postId);
  if (!context) return fail("not-found");
  const { post } = context;
  if (post.removedByAuthorAt && !context.access.moderate) return fail("post-removed");
  const revisions = await db
    .select()
    .from(discussionPostRevisions)
    .where(eq(discussionPostRevisions.postId, post.id))
    .orderBy(asc(discussionPostRevisions.id));
  return ok([
    ...revisions.map((revision) => ({ body: revision.body, bodyHtml: revision.bodyHtml, writtenAt: revision.writtenAt, isCurrent: false })),
    { body: post.body, bodyHtml: post.bodyHtml, writtenAt: post.editedAt ?? post.createdAt, isCurrent: true },
  ]);
}

/** The author takes their post back: it shows as "removed by author", and the replies stay. */
export async function removePostByAuthor(viewer: Viewer, postId: number): Promise<DiscussionResult> {
  if (!viewer) return fail("sign-in-required");
  const context = await loadPostFor(viewer, postId);
  if (!context) return fail("not-found");
  const { post, thread } = context;
  if (post.authorId !== viewer.id) return fail("forbidden");
  if (post.removedByAuthorAt) return fail("post-removed");
  await db.transaction(async (tx) => {
    await tx.update(discussionPosts).set({ removedByAuthorAt: sql`now()` }).where(eq(discussionPosts.id, post.id));
    if (thread.acceptedPostId === post.id) {
      await tx.update(discussionThreads).set({ acceptedPostId: null }).where(eq(discussionThreads.id, thread.id));
    }
    await refreshThreadCounters(tx, thread.id);
    await queueThreadDocument(tx, thread);
  });
  return ok();
}

/** Removes a whole thread: its author or a moderator (with a reason, in the audit log). */
export async function removeThread(viewer: Viewer, threadId: number, options: { reason?: string } = {}): Promise<DiscussionResult> {
  if (!viewer) return fail("sign-in-required");
  const context = await loadThreadFor(viewer, threadId);
  if (!context) return fail("not-found");
  const { thread, access } = context;
  const isAuthor = thread.authorId === viewer.id;
  if (!isAuthor && !access.moderate) return fail("forbidden");
  if (thread.removedAt) return fail("thread-removed");
  const reason = options.reason?.trim() || null;
  if (!isAuthor && !reason) return fail("reason-required");
  await db.transaction(async (tx) => {
    await tx.update(discussionThreads).set({ removedAt: sql`now()`, removedBy: viewer.id }).where(eq(discussionThreads.id, thread.id));
    if (!isAuthor) await logModeration(tx, { actorId: viewer.id, action: "remove-thread", threadId: thread.id, reason });
    await queueThreadDocument(tx, thread);
  });
  return ok();
}

export async function editThreadTitle(viewer: Viewer, threadId: number, title: string): Promise<DiscussionResult> {
  if (!viewer) return fail("sign-in-required");
  const checked = checkTitle(title);
  if ("ok" in checked) return checked;
  const context = await loadThreadFor(viewer, threadId);
  if (!context) return fail("not-found");
  const { thread, access } = context;
  const isAuthor = thread.authorId === viewer.id;
  if (!isAuthor && !access.moderate) return fail("forbidden");
  if (thread.removedAt) return fail("thread-removed");
  if (thread.locked && !access.moderate) return fail("thread-locked");
  await db.transaction(async (tx) => {
    await tx.update(discussionThreads).set({ title: checked.title }).where(eq(discussionThreads.id, thread.id));
    if (!isAuthor) {
      await logModeration(tx, { actorId: viewer.id, action: "edit-title", threadId: thread.id, details: { from: thread.title, to: checked.title } });
    }
    await queueThreadDocument(tx, thread);
  });
  return ok();
}

/** Adds the viewer's reaction of this kind, or takes it back if they had given it. */
export async function toggleReaction(viewer: Viewer, postId: number, kind: string): Promise<DiscussionResult<{ active: boolean }>> {
  if (!viewer) return fail("sign-in-required");
  if (!(REACTION_KINDS as readonly string[]).includes(kind)) return fail("forbidden");
  const context = await loadPostFor(viewer, postId);
  if (!context) return fail("not-found");
  const { post, thread, access } = context;
  if (!access.post) return fail("forbidden");
  if (thread.removedAt) return fail("thread-removed");
  if (post.removedByAuthorAt || post.hiddenAt || post.approvalState !== "approved") return fail("post-removed");
  const reactionKind = kind as ReactionKind;
  const removed = await db
    .delete(discussionReactions)
    .where(and(eq(discussionReactions.postId, post.id), eq(discussionReactions.userId, viewer.id), eq(discussionReactions.kind, reactionKind)))
    .returning({ postId: discussionReactions.postId });
  if (removed.length > 0) return ok({ active: false });
  await db.insert(discussionReactions).values({ postId: post.id, userId: viewer.id, kind: reactionKind }).onConflictDoNothing();
  return ok({ active: true });
}

/**
 * Marks a reply as the thread's accepted answer (null clears it): the thread's author or a
 * moderator. A moderator's choice is in the audit log.
 */
export async function markAcceptedAnswer(viewer: Viewer, threadId: number, postId: number | null): Promise<DiscussionResult> {
  if (!viewer) return fail("sign-in-required");
  const context = await loadThreadFor(viewer, threadId);
  if (!context) return fail("not-found");
  const { thread, access } = context;
  const isAuthor = thread.authorId === viewer.id;
  if (!isAuthor && !access.moderate) return fail("forbidden");
  if (thread.removedAt) return fail("thread-removed");
  if (postId !== null) {
    const post = await loadPostFor(viewer, postId);
    if (!post || post.post.threadId !== thread.id) return fail("not-found");
    if (post.post.seq === 1) return fail("not-a-reply");
    if (post.post.removedByAuthorAt || post.post.hiddenAt || post.post.approvalState !== "approved") return fail("post-removed");
  }
  await db.transaction(async (tx) => {
    await tx.update(discussionThreads).set({ acceptedPostId: postId }).where(eq(discussionThreads.id, thread.id));
    if (!isAuthor) await logModeration(tx, { actorId: viewer.id, action: "accept-answer", threadId: thread.id, postId: postId ?? undefined });
  });
  return ok();
}
