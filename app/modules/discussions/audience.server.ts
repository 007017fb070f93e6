/**
 * Who should be told of a new post: the seam between discussions and notifications. Posting
 * and approving call `collectPostAudience` in their transaction and return its answer; the
 * notifications module (app/modules/notifications/) turns it into notices and mail.
 */
import { and, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import {
  discussionCategories,
  discussionCategorySubscriptions,
  discussionPosts,
  discussionThreadSubscriptions,
  discussionThreads,
  userRoles,
  users,
} from "../../../db/schema";
import type { Role } from "~/modules/auth/roles";
import { getPlaceAccess, isPublicPlaceKind } from "./access.server";
import { placeOf, type Executor } from "./internal.server";

export type AudienceReason = "thread-subscriber" | "category-subscriber" | "participant" | "mention";

export interface AudienceMember {
  userId: string;
  /** Why they hear of it; "mention" deserves a notice of its own kind. */
  reasons: AudienceReason[];
}

/** At most this many mentions in one post reach anyone: a list of names is not a broadcast. */
export const MAX_MENTIONS_PER_POST = 10;

/**
 * The names a body mentions: `@` followed by a member's display name without its spaces
 * (`@AminaDiallo`), matched without regard to case. Mentions inside code are ignored.
 */
export function findMentions(body: string): string[] {
  const withoutCode = body.replace(/```[\s\S]*?```/g, " ").replace(/`[^`]*`/g, " ");
  const names = new Set<string>();
  for (const match of withoutCode.matchAll(/(?:^|[^\p{L}\p{N}_.@])@([\p{L}\p{N}][\p{L}\p{N}._-]{1,60})/gu)) {
    names.add(match[1]!.replace(/[._-]+$/, "").toLowerCase());
    if (names.size >= MAX_MENTIONS_PER_POST) break;
  }
  return [...names];
}

/**
 * The people who should hear of `post` (a post just made visible): the thread's and the
 * category's subscribers, the thread's other participants, and members it mentions. Only
 * people who may READ the place are returned, never the post's author, nor a suspended member.
 */
export async function collectPostAudience(
  executor: Executor,
  post: { id: number; threadId: number; authorId: string | null; body: string },
): Promise<AudienceMember[]> {
  const [thread] = await executor.select().from(discussionThreads).where(eq(discussionThreads.id, post.threadId));
  if (!thread) return [];
  const reasons = new Map<string, Set<AudienceReason>>();
  const add = (userId: string, reason: AudienceReason) => {
    if (userId === post.authorId) return;
    const set = reasons.get(userId) ?? new Set<AudienceReason>();
    set.add(reason);
    reasons.set(userId, set);
  };

  for (const row of await executor
    .select({ userId: discussionThreadSubscriptions.userId })
    .from(discussionThreadSubscriptions)
    .where(eq(discussionThreadSubscriptions.threadId, thread.id))) {
    add(row.userId, "thread-subscriber");
  }
  if (thread.placeKind === "category") {
    for (const row of await executor
      .select({ userId: discussionCategorySubscriptions.userId })
      .from(discussionCategorySubscriptions)
      .innerJoin(discussionCategories, eq(discussionCategories.id, discussionCategorySubscriptions.categoryId))
      .where(eq(discussionCategories.slug, thread.placeId))) {
      add(row.userId, "category-subscriber");
    }
  }
  for (const row of await executor
    .selectDistinct({ userId: discussionPosts.authorId })
    .from(discussionPosts)
    .where(
      and(
        eq(discussionPosts.threadId, thread.id),
        eq(discussionPosts.approvalState, "approved"),
        isNull(discussionPosts.hiddenAt),
        isNull(discussionPosts.removedByAuthorAt),
        ne(discussionPosts.id, post.id),
      ),
    )) {
    if (row.userId) add(row.userId, "participant");
  }
  const mentioned = findMentions(post.body);
  if (mentioned.length > 0) {
    // Display names are compared without spaces; a name shared by several members reaches each.
    for (const row of await executor
      .select({ id: users.id })
      .from(users)
      .where(inArray(sql`lower(regexp_replace(${users.displayName}, '\\s+', '', 'g'))`, mentioned))) {
      add(row.id, "mention");
    }
  }
  if (reasons.size === 0) return [];

  const candidates = await executor
    .select({ id: users.id, suspendedAt: users.suspendedAt })
    .from(users)
    .where(inArray(users.id, [...reasons.keys()]));
  const active = candidates.filter((candidate) => !candidate.suspendedAt).map((candidate) => candidate.id);
  let readers = active;
  if (!isPublicPlaceKind(thread.placeKind) && active.length > 0) {
    const roles = new Map<string, Role[]>();
    for (const row of await executor.select().from(userRoles).where(inArray(userRoles.userId, active))) {
      roles.set(row.userId, [...(roles.get(row.userId) ?? []), row.role]);
    }
    const place = placeOf(thread);
    const allowed = await Promise.all(
      active.map(async (id) => (await getPlaceAccess({ id, roles: roles.get(id) ?? [] }, place)).read),
    );
    readers = active.filter((_, index) => allowed[index]);
  }
  return readers
    .sort()
    .map((userId) => ({ userId, reasons: [...(reasons.get(userId) ?? [])].sort() }));
}
