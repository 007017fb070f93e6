/**
 * Reading discussions: categories, a place's threads, a thread's pages of posts, permalinks,
 * unread markers and subscriptions. Every query asks the place's owner first
 * (access.server.ts), so a private space's threads never leave it.
 */
import { and, asc, count, desc, eq, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import {
  discussionCategories,
  discussionCategorySubscriptions,
  discussionPosts,
  discussionReactions,
  discussionThreadReads,
  discussionThreadSubscriptions,
  discussionThreads,
  users,
} from "../../../db/schema";
import { db } from "~/utils/db.server";
import { getPlaceAccess, type Place, type Viewer } from "./access.server";
import { loadPostFor, loadThreadFor } from "./internal.server";
import type { ReactionKind } from "./posting.server";
import { postHref, threadHref } from "./paths";
import { fail, ok, type DiscussionResult } from "./results";

export const DEFAULT_THREADS_PAGE_SIZE = 20;
export const DEFAULT_POSTS_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export const THREAD_SORTS = ["latest", "newest", "unanswered"] as const;
export type ThreadSort = (typeof THREAD_SORTS)[number];

function pageSizeOf(requested: number | undefined, fallback: number): number {
  if (!requested || !Number.isFinite(requested)) return fallback;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(requested)));
}

function pageOf(requested: number | undefined): number {
  return requested && Number.isFinite(requested) ? Math.max(1, Math.floor(requested)) : 1;
}

export interface CategorySummary {
  id: number;
  slug: string;
  name: string;
  description: string;
  requiresApprovalForNewMembers: boolean;
  threadCount: number;
  isSubscribed: boolean;
}

/** The community categories in their order, with how many visible threads each holds. */
export async function listCategories(viewer: Viewer): Promise<CategorySummary[]> {
  const rows = await db
    .select({
      id: discussionCategories.id,
      slug: discussionCategories.slug,
      name: discussionCategories.name,
      description: discussionCategories.description,
      requiresApprovalForNewMembers: discussionCategories.requiresApprovalForNewMembers,
      threadCount: sql<number>`(select count(*) from ${discussionThreads} where ${discussionThreads.placeKind} = 'category'
        and ${discussionThreads.placeId} = ${discussionCategories.slug} and ${discussionThreads.removedAt} is null
        and not ${discussionThreads.pendingApproval})`.mapWith(Number),
      isSubscribed: viewer
        ? sql<boolean>`exists (select 1 from ${discussionCategorySubscriptions} where ${discussionCategorySubscriptions.categoryId} = ${discussionCategories.id}
            and ${discussionCategorySubscriptions.userId} = ${viewer.id})`
        : sql<boolean>`false`,
    })
    .from(discussionCategories)
    .orderBy(asc(discussionCategories.position), asc(discussionCategories.name));
  return rows.map((row) => ({ ...row, isSubscribed: Boolean(row.isSubscribed) }));
}

export async function getCategory(viewer: Viewer, slug: string): Promise<DiscussionResult<CategorySummary>> {
  const category = (await listCategories(viewer)).find((candidate) => candidate.slug === slug);
  return category ? ok(category) : fail("unknown-place");
}

export interface ThreadListItem {
  id: number;
  href: string;
  title: string;
  authorId: string | null;
  authorName: string | null;
  createdAt: Date;
  lastActivityAt: Date;
  replyCount: number;
  pinned: boolean;
  locked: boolean;
  hasAcceptedAnswer: boolean;
  /** Only the author and moderators see a thread that waits for approval. */
  pendingApproval: boolean;
  /** Signed-in viewers: never opened. */
  isNew: boolean;
  /** Signed-in viewers: posts newer than what they have read. */
  hasUnread: boolean;
  /** Where to send them: the first post they have not read. */
  firstUnreadSeq: number | null;
}

export interface ThreadList {
  threads: ThreadListItem[];
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
  canPost: boolean;
  canModerate: boolean;
}

/**
 * A place's threads, pinned first (latest activity), or newest first, or unanswered (no
 * reply yet) newest first. A viewer who may not read the place gets "not-found".
 */
export async function listThreads(
  viewer: Viewer,
  place: Place,
  options: { sort?: ThreadSort; page?: number; pageSize?: number } = {},
): Promise<DiscussionResult<ThreadList>> {
  const access = await getPlaceAccess(viewer, place);
  if (!access.read) return fail("not-found");
  const sort = options.sort ?? "latest";
  const page = pageOf(options.page);
  const pageSize = pageSizeOf(options.pageSize, DEFAULT_THREADS_PAGE_SIZE);
  const conditions: (SQL | undefined)[] = [
    eq(discussionThreads.placeKind, place.kind),
    eq(discussionThreads.placeId, place.id),
    isNull(discussionThreads.removedAt),
  ];
  if (!access.moderate) {
    conditions.push(
      viewer
        ? or(eq(discussionThreads.pendingApproval, false), eq(discussionThreads.authorId, viewer.id))
        : eq(discussionThreads.pendingApproval, false),
    );
  }
  if (sort === "unanswered") conditions.push(eq(discussionThreads.replyCount, 0));
  const where = and(...conditions);
  const order =
    sort === "latest"
      ? [desc(discussionThreads.pinned), desc(discussionThreads.lastActivityAt), desc(discussionThreads.id)]
      : [desc(discussionThreads.createdAt), desc(discussionThreads.id)];
  const [totalRow] = await db.select({ value: count() }).from(discussionThreads).where(where);
  const rows = await db
    .select({
      thread: discussionThreads,
      authorName: users.displayName,
      lastReadSeq: viewer
        ? sql<number | null>`(select ${discussionThreadReads.lastReadSeq} from ${discussionThreadReads}
            where ${discussionThreadReads.threadId} = ${discussionThreads.id} and ${discussionThreadReads.userId} = ${viewer.id})`
        : sql<number | null>`null`,
    })
    .from(discussionThreads)
    .leftJoin(users, eq(users.id, discussionThreads.authorId))
    .where(where)
    .orderBy(...order)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const total = totalRow?.value ?? 0;
  return ok({
    threads: rows.map(({ thread, authorName, lastReadSeq }) => {
      const readSeq = lastReadSeq === null ? null : Number(lastReadSeq);
      const hasUnread = viewer !== null && (readSeq === null || readSeq < thread.lastPostSeq);
      return {
        id: thread.id,
        href: threadHref(thread.id),
        title: thread.title,
        authorId: thread.authorId,
        authorName,
        createdAt: thread.createdAt,
        lastActivityAt: thread.lastActivityAt,
        replyCount: thread.replyCount,
        pinned: thread.pinned,
        locked: thread.locked,
        hasAcceptedAnswer: thread.acceptedPostId !== null,
        pendingApproval: thread.pendingApproval,
        isNew: viewer !== null && readSeq === null,
        hasUnread,
        firstUnreadSeq: hasUnread ? (readSeq ?? 0) + 1 : null,
      };
    }),
    page,
    pageSize,
    total,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    canPost: access.post,
    canModerate: access.moderate,
  });
}

export type PostState = "visible" | "removed-by-author" | "hidden" | "pending" | "rejected";

export interface ThreadPost {
  id: number;
  seq: number;
  href: string;
  state: PostState;
  authorId: string | null;
  authorName: string | null;
  /** Null when removed by its author (the stub stays, so replies keep their context). */
  body: string | null;
  bodyHtml: string | null;
  createdAt: Date;
  editedAt: Date | null;
  /** Moderators only: why it is hidden. */
  hiddenReason: string | null;
  quoted: { id: number; seq: number; authorName: string | null; bodyHtml: string | null; href: string } | null;
  reactions: Partial<Record<ReactionKind, number>>;
  myReactions: ReactionKind[];
  isAccepted: boolean;
  canEdit: boolean;
  canRemove: boolean;
}

export interface ThreadPage {
  thread: {
    id: number;
    href: string;
    title: string;
    place: Place;
    authorId: string | null;
    authorName: string | null;
    createdAt: Date;
    replyCount: number;
    locked: boolean;
    pinned: boolean;
    removed: boolean;
    pendingApproval: boolean;
    acceptedPostId: number | null;
    isSubscribed: boolean;
    lastReadSeq: number | null;
  };
  /** The accepted answer, shown under the opening post whatever page it is on. */
  acceptedAnswer: ThreadPost | null;
  posts: ThreadPost[];
  page: number;
  pageSize: number;
  pageCount: number;
  canReply: boolean;
  canModerate: boolean;
  /** The thread's author or a moderator. */
  canAcceptAnswer: boolean;
}

type PostRow = typeof discussionPosts.$inferSelect;

/** The posts the viewer may see, as a condition. */
function visiblePostsCondition(viewer: Viewer, canModerate: boolean): SQL | undefined {
  if (canModerate) return undefined;
  const approvedAndShown = and(eq(discussionPosts.approvalState, "approved"), isNull(discussionPosts.hiddenAt));
  if (!viewer) return approvedAndShown;
  return or(
    approvedAndShown,
    and(eq(discussionPosts.approvalState, "pending"), eq(discussionPosts.authorId, viewer.id), isNull(discussionPosts.hiddenAt)),
  );
}

/** One page of a thread's posts in order, with reactions, the viewer's own, and the accepted answer. */
export async function getThreadPage(
  viewer: Viewer,
  threadId: number,
  options: { page?: number; pageSize?: number } = {},
): Promise<DiscussionResult<ThreadPage>> {
  const context = await loadThreadFor(viewer, threadId);
  if (!context) return fail("not-found");
  const { thread, access } = context;
  if (thread.removedAt && !access.moderate) return fail("thread-removed");
  const pageSize = pageSizeOf(options.pageSize, DEFAULT_POSTS_PAGE_SIZE);
  const visible = and(eq(discussionPosts.threadId, thread.id), visiblePostsCondition(viewer, access.moderate));
  const [totalRow] = await db.select({ value: count() }).from(discussionPosts).where(visible);
  const total = totalRow?.value ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(pageOf(options.page), pageCount);
  const rows = await db
    .select()
    .from(discussionPosts)
    .where(visible)
    .orderBy(asc(discussionPosts.seq))
    .limit(pageSize)
    .offset((page - 1) * pageSize);

  let accepted: PostRow | undefined;
  if (thread.acceptedPostId !== null) {
    accepted = rows.find((row) => row.id === thread.acceptedPostId);
    if (!accepted) {
      [accepted] = await db.select().from(discussionPosts).where(and(visible, eq(discussionPosts.id, thread.acceptedPostId)));
    }
  }
  const quotedIds = rows.map((row) => row.quotedPostId).filter((id): id is number => id !== null);
  const quotedRows = quotedIds.length > 0 ? await db.select().from(discussionPosts).where(and(visible, inArray(discussionPosts.id, quotedIds))) : [];
  const allPosts = [...rows, ...(accepted ? [accepted] : []), ...quotedRows];
  const authorIds = [...new Set([thread.authorId, ...allPosts.map((post) => post.authorId)].filter((id): id is string => id !== null))];
  const names = new Map(
    authorIds.length > 0
      ? (await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, authorIds))).map((row) => [row.id, row.name])
      : [],
  );
  const postIds = [...new Set(allPosts.map((post) => post.id))];
  const reactionRows =
    postIds.length > 0
      ? await db
          .select({
            postId: discussionReactions.postId,
            kind: discussionReactions.kind,
            total: count(),
            mine: viewer ? sql<boolean>`bool_or(${discussionReactions.userId} = ${viewer.id})` : sql<boolean>`false`,
          })
          .from(discussionReactions)
          .where(inArray(discussionReactions.postId, postIds))
          .groupBy(discussionReactions.postId, discussionReactions.kind)
      : [];
  const [subscription] = viewer
    ? await db
        .select({ threadId: discussionThreadSubscriptions.threadId })
        .from(discussionThreadSubscriptions)
        .where(and(eq(discussionThreadSubscriptions.threadId, thread.id), eq(discussionThreadSubscriptions.userId, viewer.id)))
    : [];
  const [read] = viewer
    ? await db
        .select({ seq: discussionThreadReads.lastReadSeq })
        .from(discussionThreadReads)
        .where(and(eq(discussionThreadReads.threadId, thread.id), eq(discussionThreadReads.userId, viewer.id)))
    : [];

  const quotedById = new Map(quotedRows.map((row) => [row.id, row]));
  // A permalink names the page the post is on for this viewer; posts on this page are here.
  const pageBySeq = (seq: number) => (rows.some((row) => row.seq === seq) ? page : null);
  const toThreadPost = (post: PostRow, postPage: number | null): ThreadPost => {
    const state: PostState = post.removedByAuthorAt
      ? "removed-by-author"
      : post.hiddenAt
        ? "hidden"
        : post.approvalState === "approved"
          ? "visible"
          : post.approvalState;
    const showBody = state !== "removed-by-author" || access.moderate;
    const quotedRow = post.quotedPostId !== null ? quotedById.get(post.quotedPostId) : undefined;
    const reactions: Partial<Record<ReactionKind, number>> = {};
    const myReactions: ReactionKind[] = [];
    for (const row of reactionRows.filter((candidate) => candidate.postId === post.id)) {
      reactions[row.kind] = row.total;
      if (row.mine) myReactions.push(row.kind);
    }
    const isAuthor = viewer !== null && post.authorId === viewer.id;
    return {
      id: post.id,
      seq: post.seq,
      href: postPage === null ? threadHref(thread.id) : postHref(thread.id, postPage, post.seq),
      state,
      authorId: post.authorId,
      authorName: post.authorId ? (names.get(post.authorId) ?? null) : null,
      body: showBody ? post.body : null,
      bodyHtml: showBody ? post.bodyHtml : null,
      createdAt: post.createdAt,
      editedAt: post.editedAt,
      hiddenReason: access.moderate ? post.hiddenReason : null,
      quoted: quotedRow
        ? {
            id: quotedRow.id,
            seq: quotedRow.seq,
            authorName: quotedRow.authorId ? (names.get(quotedRow.authorId) ?? null) : null,
            bodyHtml: quotedRow.removedByAuthorAt || quotedRow.hiddenAt ? null : quotedRow.bodyHtml,
            href: threadHref(thread.id) + `#post-${quotedRow.seq}`,
          }
        : null,
      reactions,
      myReactions,
      isAccepted: thread.acceptedPostId === post.id,
      canEdit: state !== "removed-by-author" && !thread.removedAt && ((isAuthor && !thread.locked) || access.moderate),
      canRemove: isAuthor && state !== "removed-by-author",
    };
  };

  return ok({
    thread: {
      id: thread.id,
      href: threadHref(thread.id),
      title: thread.title,
      place: { kind: thread.placeKind, id: thread.placeId },
      authorId: thread.authorId,
      authorName: thread.authorId ? (names.get(thread.authorId) ?? null) : null,
      createdAt: thread.createdAt,
      replyCount: thread.replyCount,
      locked: thread.locked,
      pinned: thread.pinned,
      removed: thread.removedAt !== null,
      pendingApproval: thread.pendingApproval,
      acceptedPostId: thread.acceptedPostId,
      isSubscribed: Boolean(subscription),
      lastReadSeq: read?.seq ?? null,
    },
    acceptedAnswer: accepted ? toThreadPost(accepted, pageBySeq(accepted.seq)) : null,
    posts: rows.map((row) => toThreadPost(row, page)),
    page,
    pageSize,
    pageCount,
    canReply: access.post && !thread.removedAt && (!thread.locked || access.moderate),
    canModerate: access.moderate,
    canAcceptAnswer: !thread.removedAt && ((viewer !== null && thread.authorId === viewer.id) || access.moderate),
  });
}

/** Where a post is for this viewer: its thread, the page it is on, and its permalink. */
export async function locatePost(
  viewer: Viewer,
  postId: number,
  options: { pageSize?: number } = {},
): Promise<DiscussionResult<{ threadId: number; seq: number; page: number; href: string }>> {
  const context = await loadPostFor(viewer, postId);
  if (!context) return fail("not-found");
  const { post, thread, access } = context;
  if (thread.removedAt && !access.moderate) return fail("thread-removed");
  const pageSize = pageSizeOf(options.pageSize, DEFAULT_POSTS_PAGE_SIZE);
  const [before] = await db
    .select({ value: count() })
    .from(discussionPosts)
    .where(and(eq(discussionPosts.threadId, thread.id), lt(discussionPosts.seq, post.seq), visiblePostsCondition(viewer, access.moderate)));
  const page = Math.floor((before?.value ?? 0) / pageSize) + 1;
  return ok({ threadId: thread.id, seq: post.seq, page, href: postHref(thread.id, page, post.seq) });
}

/** Records that the viewer has read the thread up to `seq` (never backwards). */
export async function markThreadRead(viewer: Viewer, threadId: number, seq: number): Promise<DiscussionResult> {
  if (!viewer) return fail("sign-in-required");
  const context = await loadThreadFor(viewer, threadId);
  if (!context) return fail("not-found");
  const upTo = Math.max(0, Math.min(Math.floor(seq), context.thread.lastSeq));
  await db
    .insert(discussionThreadReads)
    .values({ userId: viewer.id, threadId, lastReadSeq: upTo })
    .onConflictDoUpdate({
      target: [discussionThreadReads.userId, discussionThreadReads.threadId],
      set: { lastReadSeq: sql`greatest(${discussionThreadReads.lastReadSeq}, ${upTo})`, readAt: sql`now()` },
    });
  return ok();
}

export async function subscribeToThread(viewer: Viewer, threadId: number): Promise<DiscussionResult> {
  if (!viewer) return fail("sign-in-required");
  if (!(await loadThreadFor(viewer, threadId))) return fail("not-found");
  await db.insert(discussionThreadSubscriptions).values({ userId: viewer.id, threadId }).onConflictDoNothing();
  return ok();
}

export async function unsubscribeFromThread(viewer: Viewer, threadId: number): Promise<DiscussionResult> {
  if (!viewer) return fail("sign-in-required");
  await db
    .delete(discussionThreadSubscriptions)
    .where(and(eq(discussionThreadSubscriptions.userId, viewer.id), eq(discussionThreadSubscriptions.threadId, threadId)));
  return ok();
}

async function categoryIdOf(slug: string): Promise<number | null> {
  const [row] = await db.select({ id: discussionCategories.id }).from(discussionCategories).where(eq(discussionCategories.slug, slug));
  return row?.id ?? null;
}

export async function subscribeToCategory(viewer: Viewer, categorySlug: string): Promise<DiscussionResult> {
  if (!viewer) return fail("sign-in-required");
  const categoryId = await categoryIdOf(categorySlug);
  if (categoryId === null) return fail("unknown-place");
  await db.insert(discussionCategorySubscriptions).values({ userId: viewer.id, categoryId }).onConflictDoNothing();
  return ok();
}

export async function unsubscribeFromCategory(viewer: Viewer, categorySlug: string): Promise<DiscussionResult> {
  if (!viewer) return fail("sign-in-required");
  const categoryId = await categoryIdOf(categorySlug);
  if (categoryId === null) return fail("unknown-place");
  await db
    .delete(discussionCategorySubscriptions)
    .where(and(eq(discussionCategorySubscriptions.userId, viewer.id), eq(discussionCategorySubscriptions.categoryId, categoryId)));
  return ok();
}
