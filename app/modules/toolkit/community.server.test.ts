import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { searchQueue, toolkitSaves, toolkitVotes } from "../../../db/schema";
import { createTestUser } from "../../../tests/db-utils";
import { db } from "~/utils/db.server";
import {
  EntryCommunityActionSchema,
  castVote,
  countUsefulVotes,
  getEntryCommunity,
  listSavedEntries,
  saveEntry,
  unsaveEntry,
} from "./community.server";
import { approveSuggestion, createSuggestion, rejectSuggestion } from "./suggestions.server";
import { listToolkitEntries } from "./toolkit.server";

type Entry = Awaited<ReturnType<typeof listToolkitEntries>>[number];
let first: Entry;
let second: Entry;

beforeAll(async () => {
  const entries = await listToolkitEntries();
  if (!entries[0] || !entries[1]) throw new Error("content/toolkit needs two entries");
  [first, second] = [entries[0], entries[1]];
});

async function queued(): Promise<string[]> {
  return (await db.select({ id: searchQueue.documentId }).from(searchQueue)).map((row) => row.id);
}

/** An approved member suggestion, published at /toolkit/<slug>. */
async function publishSuggestion(title: string) {
  const member = await createTestUser();
  const moderator = await createTestUser({ roles: ["moderator"] });
  const created = await createSuggestion(member.id, {
    title,
    publisher: "Example Institute",
    year: 2022,
    sourceUrl: `https://example.org/${crypto.randomUUID()}`,
    type: "guide",
    topics: ["data-ethics"],
    audiences: ["analysts"],
    regions: ["europe"],
    languages: ["en"],
    licence: "CC-BY-4.0",
    summary: "A guide to weighing the ethics of a data sharing project.",
    howToUse: "Work through its questions with the project team before sharing.",
  });
  if (!created.ok) throw new Error("suggestion refused");
  const actor = { id: moderator.id, roles: ["moderator" as const] };
  const approved = await approveSuggestion(actor, created.id);
  if (!approved.ok) throw new Error("approval refused");
  return { slug: approved.slug, suggestionId: created.id, actor };
}

describe("was this useful", () => {
  it("keeps one answer per member, which they can change, and counts them", async () => {
    const [ana, ben, cai] = await Promise.all([createTestUser(), createTestUser(), createTestUser()]);
    expect(await getEntryCommunity(first.slug, null)).toEqual({ usefulCount: 0, notUsefulCount: 0, myVote: null, isSaved: false });

    await castVote(ana.id, first.slug, true);
    await castVote(ana.id, first.slug, true);
    await castVote(ben.id, first.slug, true);
    await castVote(cai.id, first.slug, false);
    expect(await getEntryCommunity(first.slug, ana.id)).toEqual({ usefulCount: 2, notUsefulCount: 1, myVote: true, isSaved: false });
    expect(await getEntryCommunity(first.slug, cai.id)).toMatchObject({ myVote: false });

    await castVote(ana.id, first.slug, false);
    expect(await getEntryCommunity(first.slug, ana.id)).toMatchObject({ usefulCount: 1, notUsefulCount: 2, myVote: false });
    const rows = await db.select().from(toolkitVotes).where(eq(toolkitVotes.userId, ana.id));
    expect(rows).toHaveLength(1);
    // Another entry's counts are its own.
    expect(await getEntryCommunity(second.slug, ana.id)).toMatchObject({ usefulCount: 0, notUsefulCount: 0, myVote: null });
    expect((await countUsefulVotes([first.slug, second.slug])).get(first.slug)).toBe(1);
  });

  it("queues the entry's search document when an answer changes, not when it is repeated", async () => {
    const member = await createTestUser();
    await db.delete(searchQueue);
    await castVote(member.id, second.slug, true);
    expect(await queued()).toEqual([`toolkit:${second.slug}`]);
    await db.delete(searchQueue);
    await castVote(member.id, second.slug, true);
    expect(await queued()).toEqual([]);
    await castVote(member.id, second.slug, false);
    expect(await queued()).toEqual([`toolkit:${second.slug}`]);
  });

  it("refuses an entry that does not exist", async () => {
    const member = await createTestUser();
    expect(await castVote(member.id, "no-such-entry", true)).toEqual({ ok: false, reason: "not-found" });
    expect(await db.select().from(toolkitVotes).where(eq(toolkitVotes.entrySlug, "no-such-entry"))).toEqual([]);
  });

  it("works for an approved suggestion, and not for one that was unpublished", async () => {
    const member = await createTestUser();
    const { slug, suggestionId, actor } = await publishSuggestion("Ethics questions for data projects");
    expect(await castVote(member.id, slug, true)).toEqual({ ok: true });
    expect(await getEntryCommunity(slug, member.id)).toMatchObject({ usefulCount: 1, myVote: true });
    await rejectSuggestion(actor, suggestionId, "Withdrawn by its publisher.");
    expect(await castVote(member.id, slug, false)).toEqual({ ok: false, reason: "not-found" });
  });

  it("reads the forms of the entry page", () => {
    expect(EntryCommunityActionSchema.parse({ intent: "vote", useful: "yes" })).toEqual({ intent: "vote", useful: true });
    expect(EntryCommunityActionSchema.parse({ intent: "vote", useful: "no" })).toEqual({ intent: "vote", useful: false });
    expect(EntryCommunityActionSchema.safeParse({ intent: "vote", useful: "maybe" }).success).toBe(false);
    expect(EntryCommunityActionSchema.safeParse({ intent: "delete-everything" }).success).toBe(false);
  });
});

describe("my toolkit", () => {
  it("saves once, lists newest first with what the page shows, and removes", async () => {
    const member = await createTestUser();
    const { slug: suggestionSlug } = await publishSuggestion("A suggested guide to save");
    expect(await saveEntry(member.id, first.slug)).toEqual({ ok: true });
    await saveEntry(member.id, first.slug);
    expect(await saveEntry(member.id, suggestionSlug)).toEqual({ ok: true });
    expect(await getEntryCommunity(first.slug, member.id)).toMatchObject({ isSaved: true });
    expect(await db.select().from(toolkitSaves).where(eq(toolkitSaves.userId, member.id))).toHaveLength(2);

    const saved = await listSavedEntries(member.id);
    expect(saved.map((item) => item.slug)).toEqual([suggestionSlug, first.slug]);
    expect(saved[0]).toMatchObject({
      savedAt: expect.any(Date),
      entry: { title: "A suggested guide to save", type: "guide", publisher: "Example Institute", year: 2022, source: "suggestion" },
    });
    expect(saved[1]?.entry).toEqual({
      slug: first.slug,
      title: first.title,
      type: first.type,
      publisher: first.publisher,
      year: first.year,
      source: "file",
    });

    await unsaveEntry(member.id, first.slug);
    expect((await listSavedEntries(member.id)).map((item) => item.slug)).toEqual([suggestionSlug]);
    expect(await getEntryCommunity(first.slug, member.id)).toMatchObject({ isSaved: false });
    // Another member's toolkit is their own.
    expect(await listSavedEntries((await createTestUser()).id)).toEqual([]);
  });

  it("refuses to save an unknown entry", async () => {
    const member = await createTestUser();
    expect(await saveEntry(member.id, "no-such-entry")).toEqual({ ok: false, reason: "not-found" });
    expect(await listSavedEntries(member.id)).toEqual([]);
  });

  it("keeps a saved suggestion that was unpublished, marked as gone, so it can be removed", async () => {
    const member = await createTestUser();
    const { slug, suggestionId, actor } = await publishSuggestion("A guide that will be withdrawn");
    await saveEntry(member.id, slug);
    await rejectSuggestion(actor, suggestionId, "Withdrawn by its publisher.");
    expect(await listSavedEntries(member.id)).toEqual([{ slug, savedAt: expect.any(Date), entry: null }]);
    await unsaveEntry(member.id, slug);
    expect(await listSavedEntries(member.id)).toEqual([]);
  });
});
