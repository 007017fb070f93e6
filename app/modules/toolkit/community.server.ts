/**
 * "Was this useful?" votes and "my toolkit" saves. Both refer to an entry by its slug, which
 * names either a file entry (content/toolkit) or an approved member suggestion: the two share
 * one slug space, so everything here works the same for either.
 */
import { and, count, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { toolkitSaves, toolkitVotes } from "../../../db/schema";
import { db } from "~/utils/db.server";
import { z } from "~/utils/zod";
import { toolkitDocumentId } from "../search/document-ids";
import { queueSearchDocuments } from "../search/queue.server";
import { getPublishedSuggestion, listPublishedSuggestionsBySlug } from "./suggestions.server";
import { getToolkitEntry, listToolkitEntries } from "./toolkit.server";

/** What lists and the community panel need to know about an entry, wherever it comes from. */
export interface ToolkitEntrySummary {
  slug: string;
  title: string;
  type: string;
  publisher: string;
  year: number;
  source: "file" | "suggestion";
}

export async function findToolkitEntrySummary(slug: string): Promise<ToolkitEntrySummary | undefined> {
  const entry = await getToolkitEntry(slug);
  if (entry) return { slug, title: entry.title, type: entry.type, publisher: entry.publisher, year: entry.year, source: "file" };
  const suggestion = await getPublishedSuggestion(slug);
  if (suggestion) {
    const { title, type, publisher, year } = suggestion;
    return { slug, title, type, publisher, year, source: "suggestion" };
  }
  return undefined;
}

/** The forms on an entry page, told apart by `intent`. */
export const EntryCommunityActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("vote"), useful: z.enum(["yes", "no"]).transform((answer) => answer === "yes") }),
  z.object({ intent: z.literal("save") }),
  z.object({ intent: z.literal("unsave") }),
]);

export interface EntryCommunity {
  usefulCount: number;
  notUsefulCount: number;
  /** The signed-in member's answer: true (useful), false (not useful), null (none yet). */
  myVote: boolean | null;
  isSaved: boolean;
}

export async function getEntryCommunity(entrySlug: string, userId: string | null): Promise<EntryCommunity> {
  const [tally] = await db
    .select({
      useful: sql<number>`count(*) filter (where ${toolkitVotes.useful})`.mapWith(Number),
      notUseful: sql<number>`count(*) filter (where not ${toolkitVotes.useful})`.mapWith(Number),
    })
    .from(toolkitVotes)
    .where(eq(toolkitVotes.entrySlug, entrySlug));
  let myVote: boolean | null = null;
  let isSaved = false;
  if (userId) {
    const [[vote], [save]] = await Promise.all([
      db
        .select({ useful: toolkitVotes.useful })
        .from(toolkitVotes)
        .where(and(eq(toolkitVotes.userId, userId), eq(toolkitVotes.entrySlug, entrySlug))),
      db
        .select({ slug: toolkitSaves.entrySlug })
        .from(toolkitSaves)
        .where(and(eq(toolkitSaves.userId, userId), eq(toolkitSaves.entrySlug, entrySlug))),
    ]);
    myVote = vote ? vote.useful : null;
    isSaved = Boolean(save);
  }
  return { usefulCount: tally?.useful ?? 0, notUsefulCount: tally?.notUseful ?? 0, myVote, isSaved };
}

export type CommunityResult = { ok: true } | { ok: false; reason: "not-found" };

/**
 * Records or changes a member's answer. When the answer changes, the entry's search document
 * is queued in the same transaction, since the "most useful" sort reads the counts.
 */
export async function castVote(userId: string, entrySlug: string, useful: boolean): Promise<CommunityResult> {
  if (!(await findToolkitEntrySummary(entrySlug))) return { ok: false, reason: "not-found" };
  await db.transaction(async (tx) => {
    const written = await tx
      .insert(toolkitVotes)
      .values({ userId, entrySlug, useful })
      .onConflictDoUpdate({
        target: [toolkitVotes.userId, toolkitVotes.entrySlug],
        set: { useful, votedAt: sql`now()` },
        // The same answer again changes nothing, so it queues nothing either.
        setWhere: ne(toolkitVotes.useful, useful),
      })
      .returning({ entrySlug: toolkitVotes.entrySlug });
    if (written.length > 0) await queueSearchDocuments([toolkitDocumentId(entrySlug)], tx);
  });
  return { ok: true };
}

/** Adds an entry to the member's toolkit; saving it twice keeps the first date. */
export async function saveEntry(userId: string, entrySlug: string): Promise<CommunityResult> {
  if (!(await findToolkitEntrySummary(entrySlug))) return { ok: false, reason: "not-found" };
  await db.insert(toolkitSaves).values({ userId, entrySlug }).onConflictDoNothing();
  return { ok: true };
}

/**
 * Removes an entry from the member's toolkit. This works for entries that have since left the
 * toolkit (an unpublished suggestion), so such a save can still be cleared from "my toolkit".
 */
export async function unsaveEntry(userId: string, entrySlug: string): Promise<void> {
  await db.delete(toolkitSaves).where(and(eq(toolkitSaves.userId, userId), eq(toolkitSaves.entrySlug, entrySlug)));
}

export interface SavedEntry {
  slug: string;
  savedAt: Date;
  /** Null when the entry is no longer in the toolkit. */
  entry: ToolkitEntrySummary | null;
}

/** The member's toolkit, most recently saved first. */
export async function listSavedEntries(userId: string): Promise<SavedEntry[]> {
  const saves = await db
    .select({ slug: toolkitSaves.entrySlug, savedAt: toolkitSaves.savedAt })
    .from(toolkitSaves)
    .where(eq(toolkitSaves.userId, userId))
    .orderBy(desc(toolkitSaves.savedAt), desc(toolkitSaves.entrySlug));
  if (saves.length === 0) return [];
  const files = new Map((await listToolkitEntries()).map((entry) => [entry.slug, entry]));
  const suggestions = new Map(
    (await listPublishedSuggestionsBySlug(saves.map((save) => save.slug).filter((slug) => !files.has(slug)))).map(
      (suggestion) => [suggestion.slug, suggestion],
    ),
  );
  return saves.map(({ slug, savedAt }) => {
    const file = files.get(slug);
    if (file) {
      return { slug, savedAt, entry: { slug, title: file.title, type: file.type, publisher: file.publisher, year: file.year, source: "file" } };
    }
    const suggestion = suggestions.get(slug);
    if (suggestion) {
      const { title, type, publisher, year } = suggestion;
      return { slug, savedAt, entry: { slug, title, type, publisher, year, source: "suggestion" } };
    }
    return { slug, savedAt, entry: null };
  });
}

/** "Useful" answers per entry, for the search index's "most useful" sort and for reports. */
export async function countUsefulVotes(entrySlugs?: readonly string[]): Promise<Map<string, number>> {
  if (entrySlugs?.length === 0) return new Map();
  const rows = await db
    .select({ entrySlug: toolkitVotes.entrySlug, value: count() })
    .from(toolkitVotes)
    .where(
      and(eq(toolkitVotes.useful, true), entrySlugs ? inArray(toolkitVotes.entrySlug, [...entrySlugs]) : undefined),
    )
    .groupBy(toolkitVotes.entrySlug);
  return new Map(rows.map((row) => [row.entrySlug, row.value]));
}
