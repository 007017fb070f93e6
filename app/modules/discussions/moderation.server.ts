/**
 * Moderation: lock, pin, hide, move, the approval queue and reports. Only a moderator of the
 * place (access.server.ts) may act, and every action writes a row in the moderation log in the
 * same transaction.
 */
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import {
  discussionCategories,
  discussionModerationLog,
  discussionPosts,
  discussionReports,
  discussionThreads,
  users,
} from "../../../db/schema";
import { db } from "~/utils/db.server";
import { getPlaceAccess, isPublicPlaceKind, isSiteModerator, placeExists, type Place, type Viewer } from "./access.server";
import { collectPostAudience, type AudienceMember } from "./audience.server";
import {
  checkReason,
  loadPostFor,
  loadThreadFor,
  logModeration,
  placeOf,
  queueThreadDocument,
  queueThreadDocumentRemoval,
  refreshThreadCounters,
} from "./internal.server";
import { fail, ok, type DiscussionResult } from "./results";

async function moderatedThread(viewer: Viewer, threadId: number) {
  if (!viewer) return fail("sign-in-required");
  const context = await loadThreadFor(viewer, threadId);
  if (!context) return fail("not-found");
  if (!context.access.moderate) return fail("forbidden");
  return { viewer, ...context };
}

export async function setThreadLocked(viewer: Viewer, threadId: number, locked: boolean, reason?: string): Promise<DiscussionResult> {
  const context = await moderatedThread(viewer, threadId);
  if ("ok" in context) return context;
  await db.transaction(async (tx) => {
    await tx.update(discussionThreads).set({ locked }).where(eq(discussionThreads.id, threadId));
    await logModeration(tx, { actorId: context.viewer.id, action: locked ? "lock-thread" : "unlock-thread", threadId, reason });
  });
  return ok();
}

export async function setThreadPinned(viewer: Viewer, threadId: number, pinned: boolean, reason?: string): Promise<DiscussionResult> {
  const context = await moderatedThread(viewer, threadId);
  if ("ok" in context) return context;
  await db.transaction(async (tx) => {
    await tx.update(discussionThreads).set({ pinned }).where(eq(discussionThreads.id, threadId));
    await logModeration(tx, { actorId: context.viewer.id, action: pinned ? "pin-thread" : "unpin-thread", threadId, reason });
  });
  return ok();
}

/** Hides a post from members (moderators still see it, with the reason), or shows it again. */
export async function setPostHidden(viewer: Viewer, postId: number, hidden: boolean, reason?: string): Promise<DiscussionResult> {
  if (!viewer) return fail("sign-in-required");
  const context = await loadPostFor(viewer, postId);
  if (!context) return fail("not-found");
  if (!context.access.moderate) return fail("forbidden");
  const checked = hidden ? checkReason(reason) : { reason: reason?.trim() || null };
  if ("ok" in checked) return checked;
  const { post, thread } = context;
  await db.transaction(async (tx) => {
    await tx
      .update(discussionPosts)
      .set(hidden ? { hiddenAt: new Date(), hiddenBy: viewer.id, hiddenReason: checked.reason } : { hiddenAt: null, hiddenBy: null, hiddenReason: null })
      .where(eq(discussionPosts.id, post.id));
    if (hidden && thread.acceptedPostId === post.id) {
      await tx.update(discussionThreads).set({ acceptedPostId: null }).where(eq(discussionThreads.id, thread.id));
    }
    await refreshThreadCounters(tx, thread.id);
    await logModeration(tx, { actorId: viewer.id, action: hidden ? "hide-post" : "unhide-post", threadId: thread.id, postId: post.id, reason: checked.reason });
    await queueThreadDocument(tx, thread);
  });
  return ok();
}

/** Moves a thread to another place; the moderator must moderate both. */
export async function moveThread(viewer: Viewer, threadId: number, to: Place, reason?: string): Promise<DiscussionResult> {
  const context = await moderatedThread(viewer, threadId);
  if ("ok" in context) return context;
  if (!(await placeExists(to))) return fail("unknown-place");
  const target = await getPlaceAccess(context.viewer, to);
  if (!target.read) return fail("unknown-place");
  if (!target.moderate) return fail("forbidden");
  const from = placeOf(context.thread);
  await db.transaction(async (tx) => {
    await tx.update(discussionThreads).set({ placeKind: to.kind, placeId: to.id }).where(eq(discussionThreads.id, threadId));
    await logModeration(tx, { actorId: context.viewer.id, action: "move-thread", threadId, reason, details: { from, to } });
    // Into a space it leaves the index; into a public place it joins it.
    if (isPublicPlaceKind(to.kind)) await queueThreadDocument(tx, { id: threadId, placeKind: to.kind });
    else await queueThreadDocumentRemoval(tx, threadId);
  });
  return ok();
}

/** Turns the approval of new members' first posts on or off for a category. */
export async function setCategoryApproval(viewer: Viewer, categorySlug: string, required: boolean): Promise<DiscussionResult> {
  if (!viewer) return fail("sign-in-required");
  const access = await getPlaceAccess(viewer, { kind: "category", id: categorySlug });
  if (!access.moderate) return fail("forbidden");
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(discussionCategories)
      .set({ requiresApprovalForNewMembers: required })
      .where(eq(discussionCategories.slug, categorySlug))
      .returning({ id: discussionCategories.id });
    if (updated.length === 0) return fail("unknown-place");
    await logModeration(tx, { actorId: viewer.id, action: required ? "require-approval" : "stop-requiring-approval", details: { category: categorySlug } });
    return ok();
  });
}

export interface PendingPost {
  postId: number;
  threadId: number;
  threadTitle: string;
  seq: number;
  authorId: string | null;
  authorName: string | null;
  body: string;
  bodyHtml: string;
  createdAt: Date;
  place: Place;
}

/** Posts waiting for approval in the places the viewer moderates, oldest first. */
export async function listPendingPosts(viewer: Viewer): Promise<DiscussionResult<PendingPost[]>> {
  if (!viewer) return fail("sign-in-required");
  const rows = await db
    .select({ post: discussionPosts, thread: discussionThreads, authorName: users.displayName })
    .from(discussionPosts)
    .innerJoin(discussionThreads, eq(discussionThreads.id, discussionPosts.threadId))
    .leftJoin(users, eq(users.id, discussionPosts.authorId))
    .where(and(eq(discussionPosts.approvalState, "pending"), isNull(discussionThreads.removedAt)))
    .orderBy(asc(discussionPosts.createdAt), asc(discussionPosts.id));
  const moderated = await filterModerated(viewer, rows.map((row) => row.thread));
  return ok(
    rows
      .filter((row) => moderated.has(row.thread.id))
      .map(({ post, thread, authorName }) => ({
        postId: post.id,
        threadId: thread.id,
        threadTitle: thread.title,
        seq: post.seq,
        authorId: post.authorId,
        authorName,
        body: post.body,
        bodyHtml: post.bodyHtml,
        createdAt: post.createdAt,
        place: placeOf(thread),
      })),
  );
}

/** The ids of the threads (of those given) whose place the viewer moderates. */
async function filterModerated(viewer: Viewer, threads: { id: number; placeKind: Place["kind"]; placeId: string }[]): Promise<Set<number>> {
  const byPlace = new Map<string, boolean>();
  const result = new Set<number>();
  for (const thread of threads) {
    const key = `${thread.placeKind}\u0000${thread.placeId}`;
    let moderates = byPlace.get(key);
    if (moderates === undefined) {
      moderates = (await getPlaceAccess(viewer, placeOf(thread))).moderate;
      byPlace.set(key, moderates);
    }
    if (moderates) result.add(thread.id);
  }
  return result;
}

/**
 * Approves a waiting post (it appears, and its audience is told) or rejects it (with a reason).
 * Approving a thread's opening post shows the thread.
 */
export async function approvePost(
  viewer: Viewer,
  postId: number,
  decision: { approve: boolean; reason?: string } = { approve: true },
): Promise<DiscussionResult<{ audience: AudienceMember[] }>> {
  if (!viewer) return fail("sign-in-required");
  const context = await loadPostFor(viewer, postId);
  if (!context) return fail("not-found");
  if (!context.access.moderate) return fail("forbidden");
  const { post, thread } = context;
  if (post.approvalState !== "pending") return fail("not-pending");
  const reason = decision.approve ? { reason: decision.reason?.trim() || null } : checkReason(decision.reason);
  if ("ok" in reason) return reason;
  return db.transaction(async (tx) => {
    await tx
      .update(discussionPosts)
      .set({ approvalState: decision.approve ? "approved" : "rejected" })
      .where(eq(discussionPosts.id, post.id));
    if (post.seq === 1) {
      await tx
        .update(discussionThreads)
        .set(decision.approve ? { pendingApproval: false, lastActivityAt: new Date() } : { removedAt: new Date(), removedBy: viewer.id })
        .where(eq(discussionThreads.id, thread.id));
    } else if (decision.approve) {
      await tx.update(discussionThreads).set({ lastActivityAt: new Date() }).where(eq(discussionThreads.id, thread.id));
    }
    await refreshThreadCounters(tx, thread.id);
    await logModeration(tx, {
      actorId: viewer.id,
      action: decision.approve ? "approve-post" : "reject-post",
      threadId: thread.id,
      postId: post.id,
      reason: reason.reason,
    });
    let audience: AudienceMember[] = [];
    if (decision.approve) {
      await queueThreadDocument(tx, thread);
      // TODO(notifications): notify `audience` of the post now visible (mentions as their own kind).
      audience = await collectPostAudience(tx, post);
    }
    return ok({ audience });
  });
}

/** Any signed-in reader may report a post, once while their report is open. */
export async function reportPost(viewer: Viewer, postId: number, reason: string): Promise<DiscussionResult<{ reportId: number }>> {
  if (!viewer) return fail("sign-in-required");
  const checked = checkReason(reason);
  if ("ok" in checked) return checked;
  const context = await loadPostFor(viewer, postId);
  if (!context) return fail("not-found");
  const [report] = await db
    .insert(discussionReports)
    .values({ postId, reporterId: viewer.id, reason: checked.reason })
    .onConflictDoNothing()
    .returning({ id: discussionReports.id });
  return report ? ok({ reportId: report.id }) : fail("already-reported");
}

export interface OpenReport {
  reportId: number;
  reason: string;
  createdAt: Date;
  reporterName: string | null;
  postId: number;
  threadId: number;
  threadTitle: string;
  seq: number;
  postBodyHtml: string;
  postAuthorName: string | null;
  postHidden: boolean;
}

/** Open reports in the places the viewer moderates, oldest first. */
export async function listReports(viewer: Viewer): Promise<DiscussionResult<OpenReport[]>> {
  if (!viewer) return fail("sign-in-required");
  const rows = await db
    .select({ report: discussionReports, post: discussionPosts, thread: discussionThreads })
    .from(discussionReports)
    .innerJoin(discussionPosts, eq(discussionPosts.id, discussionReports.postId))
    .innerJoin(discussionThreads, eq(discussionThreads.id, discussionPosts.threadId))
    .where(isNull(discussionReports.resolvedAt))
    .orderBy(asc(discussionReports.createdAt), asc(discussionReports.id));
  const moderated = await filterModerated(viewer, rows.map((row) => row.thread));
  const visible = rows.filter((row) => moderated.has(row.thread.id));
  const ids = [...new Set(visible.flatMap((row) => [row.report.reporterId, row.post.authorId]).filter((id): id is string => id !== null))];
  const names = new Map<string, string>();
  for (const id of ids) {
    const [user] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, id));
    if (user) names.set(id, user.name);
  }
  return ok(
    visible.map(({ report, post, thread }) => ({
      reportId: report.id,
      reason: report.reason,
      createdAt: report.createdAt,
      reporterName: report.reporterId ? (names.get(report.reporterId) ?? null) : null,
      postId: post.id,
      threadId: thread.id,
      threadTitle: thread.title,
      seq: post.seq,
      postBodyHtml: post.bodyHtml,
      postAuthorName: post.authorId ? (names.get(post.authorId) ?? null) : null,
      postHidden: post.hiddenAt !== null,
    })),
  );
}

/** Closes a report: "hide" also hides the post (the note is the reason), "dismiss" leaves it. */
export async function resolveReport(
  viewer: Viewer,
  reportId: number,
  resolution: { action: "hide" | "dismiss"; note?: string },
): Promise<DiscussionResult> {
  if (!viewer) return fail("sign-in-required");
  const [report] = await db.select().from(discussionReports).where(eq(discussionReports.id, reportId));
  if (!report || report.resolvedAt) return fail("not-found");
  const context = await loadPostFor(viewer, report.postId);
  if (!context) return fail("not-found");
  if (!context.access.moderate) return fail("forbidden");
  if (resolution.action === "hide") {
    const hidden = await setPostHidden(viewer, report.postId, true, resolution.note);
    if (!hidden.ok) return hidden;
  }
  await db.transaction(async (tx) => {
    await tx
      .update(discussionReports)
      .set({ resolvedAt: new Date(), resolvedBy: viewer.id, resolution: resolution.action })
      .where(eq(discussionReports.id, reportId));
    await logModeration(tx, {
      actorId: viewer.id,
      action: `resolve-report-${resolution.action}`,
      threadId: context.thread.id,
      postId: report.postId,
      reason: resolution.note?.trim() || null,
      details: { reportId },
    });
  });
  return ok();
}

export interface ModerationLogEntry {
  id: number;
  actorName: string | null;
  action: string;
  threadId: number | null;
  postId: number | null;
  reason: string | null;
  details: Record<string, unknown>;
  createdAt: Date;
}

/** The moderation log, newest first: site moderators and admins only. */
export async function listModerationLog(viewer: Viewer, options: { threadId?: number; limit?: number } = {}): Promise<DiscussionResult<ModerationLogEntry[]>> {
  if (!viewer) return fail("sign-in-required");
  if (!isSiteModerator(viewer)) return fail("forbidden");
  const rows = await db
    .select({ entry: discussionModerationLog, actorName: users.displayName })
    .from(discussionModerationLog)
    .leftJoin(users, eq(users.id, discussionModerationLog.actorId))
    .where(options.threadId === undefined ? undefined : eq(discussionModerationLog.threadId, options.threadId))
    .orderBy(desc(discussionModerationLog.id))
    .limit(Math.min(500, options.limit ?? 100));
  return ok(rows.map(({ entry, actorName }) => ({ ...entry, actorName })));
}
