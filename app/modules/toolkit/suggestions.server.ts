/**
 * Resources members suggest for the toolkit, and the moderators' queue.
 *
 * A suggestion starts `pending`. A moderator can edit it, approve it (it gets a slug in the
 * toolkit's one slug space and is published at /toolkit/<slug> and in search) or reject it
 * with a reason the member sees. Unpublishing an approved suggestion is a rejection with a
 * reason; it keeps its slug, so the address is never given to another suggestion.
 *
 * Every moderator command takes the acting person and checks their roles itself, so a route
 * that forgot its check still cannot approve anything.
 */
import { and, asc, desc, eq, inArray, like, ne, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { slug as githubSlug } from "github-slugger";
import type { Database } from "../../../db/client";
import { auditLog, toolkitSuggestions, users } from "../../../db/schema";
import { db } from "~/utils/db.server";
import type { Role } from "../auth/roles";
import { hitRateLimit, peekRateLimit, type RateLimitPolicy } from "../auth/rate-limit.server";
import { toolkitDocumentId } from "../search/document-ids";
import { queueSearchDocuments } from "../search/queue.server";
import type { SuggestionInput } from "./suggestion-schemas";
import { notify, prepareNotifications } from "../notifications/notifications.server";
import { toolkitSuggestionReviewedKind } from "./suggestion-notifications.server";
import { listToolkitEntries } from "./toolkit.server";

/** Moderators look after the community's content; admins can do anything a moderator can. */
export const TOOLKIT_MODERATOR_ROLES = ["moderator", "admin"] as const satisfies readonly Role[];

export function canModerateToolkit(person: { roles: readonly Role[] } | null | undefined): boolean {
  return Boolean(person?.roles.some((role) => (TOOLKIT_MODERATOR_ROLES as readonly Role[]).includes(role)));
}

export interface Actor {
  id: string;
  roles: readonly Role[];
}

/*
 * Enough for someone adding a handful of resources after a workshop, too few to bury the
 * moderators' queue. Multiplied by RATE_LIMIT_FACTOR like every other limit.
 */
export const SUGGESTION_RATE_LIMIT: RateLimitPolicy = { limit: 5, windowSeconds: 24 * 60 * 60 };

const rateLimitKey = (userId: string) => `toolkit-suggestion:${userId}`;

/**
 * Paths under /toolkit/ that are pages of their own, so no suggestion may take them as a
 * slug ("suggest" is the suggestion form).
 */
export const RESERVED_TOOLKIT_SLUGS: ReadonlySet<string> = new Set(["suggest", "search", "new", "saved"]);

const MAX_SLUG_LENGTH = 80;

/**
 * The same resource is often linked in slightly different ways: http or https, "www.",
 * a trailing slash, a #fragment, an upper-case host. Those compare equal here.
 */
export function normaliseSourceUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return raw.trim().toLowerCase();
  }
  const host = url.hostname.toLowerCase().replace(/^www\./, "");
  const path = url.pathname.replace(/\/+$/, "");
  return `${host}${url.port ? `:${url.port}` : ""}${path}${url.search}`;
}

export type DuplicateSource =
  | { kind: "entry"; slug: string; title: string }
  | { kind: "suggestion"; status: "pending" | "approved"; slug: string | null; title: string; suggestionId: string };

/**
 * A file entry, or a pending or approved suggestion, with the same source address. Rejected
 * suggestions do not count: a resource refused once may be suggested again, better described.
 */
export async function findDuplicateSource(
  sourceUrl: string,
  options: { exceptSuggestionId?: string } = {},
): Promise<DuplicateSource | null> {
  const wanted = normaliseSourceUrl(sourceUrl);
  const entry = (await listToolkitEntries()).find((candidate) => normaliseSourceUrl(candidate.sourceUrl) === wanted);
  if (entry) return { kind: "entry", slug: entry.slug, title: entry.title };
  // The queue is small (tens to a few thousand rows): compare normalised addresses here
  // rather than teach SQL the same normalisation. The host narrows the rows read.
  const host = wanted.split(/[/?:]/, 1)[0] ?? wanted;
  const rows = await db
    .select({
      id: toolkitSuggestions.id,
      status: toolkitSuggestions.status,
      slug: toolkitSuggestions.slug,
      title: toolkitSuggestions.title,
      sourceUrl: toolkitSuggestions.sourceUrl,
    })
    .from(toolkitSuggestions)
    .where(
      and(
        inArray(toolkitSuggestions.status, ["pending", "approved"]),
        sql`lower(${toolkitSuggestions.sourceUrl}) like ${`%${likeEscape(host)}%`}`,
        options.exceptSuggestionId ? ne(toolkitSuggestions.id, options.exceptSuggestionId) : undefined,
      ),
    )
    .orderBy(asc(toolkitSuggestions.createdAt));
  const match = rows.find((row) => normaliseSourceUrl(row.sourceUrl) === wanted);
  if (!match || match.status === "rejected") return null;
  return { kind: "suggestion", status: match.status, slug: match.slug, title: match.title, suggestionId: match.id };
}

function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}

export type CreateSuggestionResult =
  | { ok: true; id: string }
  | { ok: false; reason: "duplicate"; duplicate: DuplicateSource }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

export async function createSuggestion(userId: string, input: SuggestionInput): Promise<CreateSuggestionResult> {
  const allowed = await peekRateLimit(rateLimitKey(userId), SUGGESTION_RATE_LIMIT);
  if (!allowed.allowed) return { ok: false, reason: "rate-limited", retryAfterSeconds: allowed.retryAfterSeconds };
  const duplicate = await findDuplicateSource(input.sourceUrl);
  if (duplicate) return { ok: false, reason: "duplicate", duplicate };
  // Only suggestions that reach the queue count against the limit.
  const hit = await hitRateLimit(rateLimitKey(userId), SUGGESTION_RATE_LIMIT);
  if (!hit.allowed) return { ok: false, reason: "rate-limited", retryAfterSeconds: hit.retryAfterSeconds };
  const id = crypto.randomUUID();
  await db.insert(toolkitSuggestions).values({ id, ...input, suggestedBy: userId, status: "pending" });
  return { id, ok: true };
}

/** What a member sees of their own suggestions, newest first. */
export function listMySuggestions(userId: string) {
  return db
    .select({
      id: toolkitSuggestions.id,
      title: toolkitSuggestions.title,
      status: toolkitSuggestions.status,
      slug: toolkitSuggestions.slug,
      moderatorNote: toolkitSuggestions.moderatorNote,
      createdAt: toolkitSuggestions.createdAt,
      reviewedAt: toolkitSuggestions.reviewedAt,
    })
    .from(toolkitSuggestions)
    .where(eq(toolkitSuggestions.suggestedBy, userId))
    .orderBy(desc(toolkitSuggestions.createdAt), desc(toolkitSuggestions.id));
}

/** The moderators' queue: oldest first, so nobody waits behind newer suggestions. */
export function listPendingSuggestions() {
  return db
    .select({
      id: toolkitSuggestions.id,
      title: toolkitSuggestions.title,
      publisher: toolkitSuggestions.publisher,
      type: toolkitSuggestions.type,
      createdAt: toolkitSuggestions.createdAt,
      suggestedByName: users.displayName,
    })
    .from(toolkitSuggestions)
    .leftJoin(users, eq(users.id, toolkitSuggestions.suggestedBy))
    .where(eq(toolkitSuggestions.status, "pending"))
    .orderBy(asc(toolkitSuggestions.createdAt), asc(toolkitSuggestions.id));
}

/** Published suggestions, most recently reviewed first, so moderators can find one to edit or unpublish. */
export function listPublishedSuggestions({ limit = 100 }: { limit?: number } = {}) {
  return db
    .select({
      id: toolkitSuggestions.id,
      title: toolkitSuggestions.title,
      slug: toolkitSuggestions.slug,
      reviewedAt: toolkitSuggestions.reviewedAt,
    })
    .from(toolkitSuggestions)
    .where(eq(toolkitSuggestions.status, "approved"))
    .orderBy(desc(toolkitSuggestions.reviewedAt), desc(toolkitSuggestions.id))
    .limit(limit);
}

/** One suggestion with everything a moderator needs to review it. */
export async function getSuggestionForReview(id: string) {
  const suggester = alias(users, "suggester");
  const reviewer = alias(users, "reviewer");
  const [row] = await db
    .select({
      suggestion: toolkitSuggestions,
      suggestedByName: suggester.displayName,
      reviewedByName: reviewer.displayName,
    })
    .from(toolkitSuggestions)
    .leftJoin(suggester, eq(suggester.id, toolkitSuggestions.suggestedBy))
    .leftJoin(reviewer, eq(reviewer.id, toolkitSuggestions.reviewedBy))
    .where(eq(toolkitSuggestions.id, id));
  if (!row) return undefined;
  return { ...row.suggestion, suggestedByName: row.suggestedByName, reviewedByName: row.reviewedByName };
}

const publishedColumns = {
  slug: toolkitSuggestions.slug,
  title: toolkitSuggestions.title,
  publisher: toolkitSuggestions.publisher,
  year: toolkitSuggestions.year,
  sourceUrl: toolkitSuggestions.sourceUrl,
  type: toolkitSuggestions.type,
  topics: toolkitSuggestions.topics,
  audiences: toolkitSuggestions.audiences,
  regions: toolkitSuggestions.regions,
  languages: toolkitSuggestions.languages,
  licence: toolkitSuggestions.licence,
  summary: toolkitSuggestions.summary,
  howToUse: toolkitSuggestions.howToUse,
  reviewedAt: toolkitSuggestions.reviewedAt,
  updatedAt: toolkitSuggestions.updatedAt,
};

export type PublishedSuggestion = Omit<typeof toolkitSuggestions.$inferSelect, "slug" | "id" | "status" | "suggestedBy" | "reviewedBy" | "moderatorNote" | "createdAt"> & {
  slug: string;
};

/** An approved suggestion by its slug, as /toolkit/<slug> shows it. */
export async function getPublishedSuggestion(slug: string): Promise<PublishedSuggestion | undefined> {
  const [row] = await db
    .select(publishedColumns)
    .from(toolkitSuggestions)
    .where(and(eq(toolkitSuggestions.slug, slug), eq(toolkitSuggestions.status, "approved")));
  return row?.slug ? { ...row, slug: row.slug } : undefined;
}

/** Approved suggestions with these slugs; every approved suggestion when `slugs` is left out. */
export async function listPublishedSuggestionsBySlug(slugs?: readonly string[]): Promise<PublishedSuggestion[]> {
  if (slugs?.length === 0) return [];
  const rows = await db
    .select(publishedColumns)
    .from(toolkitSuggestions)
    .where(
      and(eq(toolkitSuggestions.status, "approved"), slugs ? inArray(toolkitSuggestions.slug, [...slugs]) : undefined),
    );
  return rows.flatMap((row) => (row.slug ? [{ ...row, slug: row.slug }] : []));
}

/** Lower-case words joined by hyphens, as file entries' names are; "resource" when nothing is left. */
export function slugFromTitle(title: string): string {
  const ascii = title.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  let slug = githubSlug(ascii)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length > MAX_SLUG_LENGTH) {
    slug = slug.slice(0, MAX_SLUG_LENGTH);
    // Cut at a word boundary when there is one.
    slug = slug.includes("-") ? slug.slice(0, slug.lastIndexOf("-")) : slug;
  }
  return slug || "resource";
}

type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** The suggestion a moderator acts on, locked until the transaction ends. */
async function lockSuggestionForReview(tx: Transaction, suggestionId: string) {
  const [suggestion] = await tx
    .select({
      id: toolkitSuggestions.id,
      status: toolkitSuggestions.status,
      slug: toolkitSuggestions.slug,
      title: toolkitSuggestions.title,
      suggestedBy: toolkitSuggestions.suggestedBy,
    })
    .from(toolkitSuggestions)
    .where(eq(toolkitSuggestions.id, suggestionId))
    .for("update");
  return suggestion;
}

/** A slug no file entry, reserved path or other suggestion has: the title's, then -2, -3... */
async function assignSlug(tx: Transaction, suggestionId: string, title: string): Promise<string> {
  const base = slugFromTitle(title);
  const fileSlugs = new Set((await listToolkitEntries()).map((entry) => entry.slug));
  const rows = await tx
    .select({ slug: toolkitSuggestions.slug })
    .from(toolkitSuggestions)
    .where(
      and(
        ne(toolkitSuggestions.id, suggestionId),
        or(eq(toolkitSuggestions.slug, base), like(toolkitSuggestions.slug, `${likeEscape(base)}-%`)),
      ),
    );
  const taken = new Set([...fileSlugs, ...RESERVED_TOOLKIT_SLUGS, ...rows.flatMap((row) => (row.slug ? [row.slug] : []))]);
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix += 1) {
    const candidate = `${base}-${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

async function recordModeration(
  executor: Pick<Database, "insert">,
  actorId: string,
  action: "approve" | "reject" | "unpublish" | "edit",
  suggestion: { id: string; title: string; suggestedBy: string | null },
  details: Record<string, unknown> = {},
) {
  await executor.insert(auditLog).values({
    actorId,
    action: `toolkit-suggestion.${action}`,
    targetUserId: suggestion.suggestedBy,
    details: { suggestionId: suggestion.id, title: suggestion.title, ...details },
  });
}

/** Postgres' unique_violation, however the driver wraps it. */
function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error; current && typeof current === "object"; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

export type ModerationFailure = "forbidden" | "not-found";

export type ApproveResult =
  | { ok: true; slug: string }
  | { ok: false; reason: ModerationFailure | "already-approved" };

/**
 * Publishes a pending (or earlier rejected) suggestion: gives it a slug, marks it approved and
 * queues its search document, all in one transaction.
 */
export async function approveSuggestion(actor: Actor, suggestionId: string): Promise<ApproveResult> {
  if (!canModerateToolkit(actor)) return { ok: false, reason: "forbidden" };
  await prepareNotifications();
  // Two moderators approving suggestions with the same title at once race for one slug;
  // the unique index refuses the second, which then picks the next free one.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction(async (tx): Promise<ApproveResult> => {
        const suggestion = await lockSuggestionForReview(tx, suggestionId);
        if (!suggestion) return { ok: false, reason: "not-found" };
        if (suggestion.status === "approved") return { ok: false, reason: "already-approved" };
        // One unpublished earlier gets its old address back, unless a file entry has taken it.
        const fileSlugs = new Set((await listToolkitEntries()).map((entry) => entry.slug));
        const slug =
          suggestion.slug && !fileSlugs.has(suggestion.slug)
            ? suggestion.slug
            : await assignSlug(tx, suggestion.id, suggestion.title);
        const now = new Date();
        await tx
          .update(toolkitSuggestions)
          .set({ status: "approved", slug, reviewedBy: actor.id, reviewedAt: now, moderatorNote: null, updatedAt: now })
          .where(eq(toolkitSuggestions.id, suggestion.id));
        await queueSearchDocuments([toolkitDocumentId(slug)], tx);
        await recordModeration(tx, actor.id, "approve", suggestion, { slug });
        if (suggestion.suggestedBy) {
          await notify(tx, {
            recipientIds: [suggestion.suggestedBy],
            kind: toolkitSuggestionReviewedKind,
            data: { title: suggestion.title, outcome: "approved" },
            link: `/toolkit/${slug}`,
            subjectId: suggestion.id,
          });
        }
        return { ok: true, slug };
      });
    } catch (error) {
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

export type RejectResult =
  | { ok: true; unpublished: boolean }
  | { ok: false; reason: ModerationFailure | "already-rejected" };

/**
 * Rejects a pending suggestion, or unpublishes an approved one, with a reason shown to the
 * member who suggested it. Unpublishing queues the search document so the worker removes it.
 */
export async function rejectSuggestion(actor: Actor, suggestionId: string, reason: string): Promise<RejectResult> {
  if (!canModerateToolkit(actor)) return { ok: false, reason: "forbidden" };
  await prepareNotifications();
  return db.transaction(async (tx): Promise<RejectResult> => {
    const suggestion = await lockSuggestionForReview(tx, suggestionId);
    if (!suggestion) return { ok: false, reason: "not-found" };
    if (suggestion.status === "rejected") return { ok: false, reason: "already-rejected" };
    const now = new Date();
    await tx
      .update(toolkitSuggestions)
      .set({ status: "rejected", reviewedBy: actor.id, reviewedAt: now, moderatorNote: reason, updatedAt: now })
      .where(eq(toolkitSuggestions.id, suggestion.id));
    const unpublished = suggestion.status === "approved";
    if (unpublished && suggestion.slug) await queueSearchDocuments([toolkitDocumentId(suggestion.slug)], tx);
    await recordModeration(tx, actor.id, unpublished ? "unpublish" : "reject", suggestion, {
      reason,
      ...(suggestion.slug ? { slug: suggestion.slug } : {}),
    });
    if (suggestion.suggestedBy) {
      await notify(tx, {
        recipientIds: [suggestion.suggestedBy],
        kind: toolkitSuggestionReviewedKind,
        data: { title: suggestion.title, outcome: unpublished ? "unpublished" : "rejected", reason },
        // Where members find their suggestions and the moderators' reasons.
        link: "/toolkit/suggest",
        subjectId: suggestion.id,
      });
    }
    return { ok: true, unpublished };
  });
}

export type UpdateSuggestionResult =
  | { ok: true }
  | { ok: false; reason: ModerationFailure }
  | { ok: false; reason: "duplicate"; duplicate: DuplicateSource };

/**
 * A moderator's corrections, in any status. The slug stays as it is, so a published page keeps
 * its address; a published suggestion's search document is queued to pick up the change.
 */
export async function updateSuggestion(
  actor: Actor,
  suggestionId: string,
  input: SuggestionInput,
): Promise<UpdateSuggestionResult> {
  if (!canModerateToolkit(actor)) return { ok: false, reason: "forbidden" };
  const duplicate = await findDuplicateSource(input.sourceUrl, { exceptSuggestionId: suggestionId });
  if (duplicate) return { ok: false, reason: "duplicate", duplicate };
  return db.transaction(async (tx): Promise<UpdateSuggestionResult> => {
    const [before] = await tx.select().from(toolkitSuggestions).where(eq(toolkitSuggestions.id, suggestionId)).for("update");
    if (!before) return { ok: false, reason: "not-found" };
    const changed = (Object.keys(input) as Array<keyof SuggestionInput>).filter(
      (field) => JSON.stringify(before[field]) !== JSON.stringify(input[field]),
    );
    if (changed.length === 0) return { ok: true };
    await tx
      .update(toolkitSuggestions)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(toolkitSuggestions.id, suggestionId));
    if (before.status === "approved" && before.slug) await queueSearchDocuments([toolkitDocumentId(before.slug)], tx);
    await recordModeration(tx, actor.id, "edit", { ...before, title: input.title }, { fields: changed });
    return { ok: true };
  });
}
