import { parseWithZod } from "@conform-to/zod/v4";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, searchQueue, toolkitSuggestions } from "../../../db/schema";
import { DEMO_SUGGESTIONS, seedDatabase } from "../../../db/seed";
import { createTestUser, getMailsTo } from "../../../tests/db-utils";
import { runDueJobs, stopJobQueue } from "../jobs/queue.server";
import { notificationMailJob } from "../notifications/notification-mail.server";
import {
  countUnreadNotifications,
  listNotifications,
  openNotification,
} from "../notifications/notifications.server";
import { db } from "~/utils/db.server";
import { SuggestionSchema, type SuggestionInput } from "./suggestion-schemas";
import {
  SUGGESTION_RATE_LIMIT,
  approveSuggestion,
  canModerateToolkit,
  createSuggestion,
  findDuplicateSource,
  getPublishedSuggestion,
  getSuggestionForReview,
  listMySuggestions,
  listPendingSuggestions,
  normaliseSourceUrl,
  rejectSuggestion,
  slugFromTitle,
  updateSuggestion,
} from "./suggestions.server";
import { listToolkitEntries } from "./toolkit.server";

afterAll(() => stopJobQueue());

let sequence = 0;
function suggestionInput(overrides: Partial<SuggestionInput> = {}): SuggestionInput {
  sequence += 1;
  return {
    title: `Recommendation on health data governance ${sequence}`,
    publisher: "OECD",
    year: 2017,
    sourceUrl: `https://example.org/resources/${sequence}-${crypto.randomUUID()}`,
    type: "framework",
    topics: ["health-data", "governance"],
    audiences: ["decision-makers"],
    regions: ["global"],
    languages: ["en"],
    licence: "proprietary",
    summary: "Principles for governments on making health data available while protecting privacy.",
    howToUse: "Use its twelve principles as a checklist when designing a national health data framework.",
    ...overrides,
  };
}

async function moderatorAndMember() {
  const [moderatorUser, member] = await Promise.all([createTestUser({ roles: ["moderator"] }), createTestUser()]);
  return { moderator: { id: moderatorUser.id, roles: ["moderator" as const] }, member };
}

async function queuedDocumentIds(): Promise<string[]> {
  return (await db.select({ id: searchQueue.documentId }).from(searchQueue)).map((row) => row.id);
}

let fileEntry: { slug: string; title: string; sourceUrl: string };
beforeAll(async () => {
  const [first] = await listToolkitEntries();
  if (!first) throw new Error("content/toolkit has no entries");
  fileEntry = first;
});

describe("the suggestion form's schema", () => {
  function parse(fields: Record<string, string | string[]>) {
    const formData = new FormData();
    for (const [name, value] of Object.entries(fields)) {
      for (const one of Array.isArray(value) ? value : [value]) formData.append(name, one);
    }
    return parseWithZod(formData, { schema: SuggestionSchema });
  }
  const good = {
    title: "Data Sharing Playbook",
    publisher: "Example Foundation",
    year: "2021",
    sourceUrl: "https://example.org/playbook",
    type: "guide",
    topics: "data-sharing-agreements",
    audiences: ["analysts", "legal-governance"],
    regions: "global",
    languages: ["en", "fr"],
    licence: "CC-BY-4.0",
    summary: "A step-by-step guide to setting up a data sharing partnership.",
    howToUse: "Follow the six stages, from scoping to closing the partnership.",
  };

  it("accepts a complete suggestion, with one checkbox ticked or several", () => {
    const submission = parse(good);
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    expect(submission.value).toMatchObject({ year: 2021, topics: ["data-sharing-agreements"], audiences: ["analysts", "legal-governance"] });
  });

  it("names each bad field", () => {
    const submission = parse({
      ...good,
      sourceUrl: "http://example.org/playbook",
      year: "1800",
      topics: "not-a-topic",
      languages: "xx",
      licence: "all rights reserved",
      summary: "short",
    });
    expect(submission.status).toBe("error");
    const errors = submission.reply().error ?? {};
    expect(Object.keys(errors).sort()).toEqual(["languages", "licence", "sourceUrl", "summary", "topics[0]", "year"].sort());
    expect(errors.sourceUrl).toEqual(["Enter an address starting with https://"]);
  });

  it("requires at least one topic, audience and region", () => {
    const { topics: _topics, audiences: _audiences, regions: _regions, ...rest } = good;
    const errors = parse(rest).reply().error ?? {};
    expect(errors.topics).toEqual(["Choose at least one"]);
    expect(errors.audiences).toEqual(["Choose at least one"]);
    expect(errors.regions).toEqual(["Choose at least one"]);
  });

  it("stores proprietary one way", () => {
    const submission = parse({ ...good, licence: "Proprietary" });
    expect(submission.status === "success" && submission.value.licence).toBe("proprietary");
  });
});

describe("creating suggestions", () => {
  it("puts a member's suggestion in the queue, oldest first, with their name", async () => {
    const member = await createTestUser({ displayName: "Queue Tester" });
    const first = await createSuggestion(member.id, suggestionInput());
    const second = await createSuggestion(member.id, suggestionInput());
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    const queue = (await listPendingSuggestions()).filter((row) => row.suggestedByName === "Queue Tester");
    expect(queue.map((row) => row.id)).toEqual([first.id, second.id]);
    const mine = await listMySuggestions(member.id);
    expect(mine.map((row) => [row.id, row.status])).toEqual([
      [second.id, "pending"],
      [first.id, "pending"],
    ]);
  });

  it("refuses a resource already in the toolkit's files, however its address is written", async () => {
    const member = await createTestUser();
    const url = new URL(fileEntry.sourceUrl);
    url.hostname = url.hostname.startsWith("www.") ? url.hostname.slice(4) : `www.${url.hostname}`;
    url.hostname = url.hostname.toUpperCase();
    const variant = `${url.toString().replace(/\/$/, "")}/#section`;
    expect(normaliseSourceUrl(variant)).toBe(normaliseSourceUrl(fileEntry.sourceUrl));
    const result = await createSuggestion(member.id, suggestionInput({ sourceUrl: variant }));
    expect(result).toEqual({ ok: false, reason: "duplicate", duplicate: { kind: "entry", slug: fileEntry.slug, title: fileEntry.title } });
    expect(await listMySuggestions(member.id)).toEqual([]);
  });

  it("refuses a resource another member suggested, until that suggestion is rejected", async () => {
    const { moderator, member } = await moderatorAndMember();
    const other = await createTestUser();
    const input = suggestionInput();
    const original = await createSuggestion(other.id, input);
    if (!original.ok) throw new Error("first suggestion refused");
    const again = await createSuggestion(member.id, suggestionInput({ sourceUrl: `${input.sourceUrl}/` }));
    expect(again).toMatchObject({ ok: false, reason: "duplicate", duplicate: { kind: "suggestion", status: "pending", suggestionId: original.id } });

    await rejectSuggestion(moderator, original.id, "The link pointed to a login page.");
    expect(await createSuggestion(member.id, suggestionInput({ sourceUrl: input.sourceUrl }))).toMatchObject({ ok: true });
  });

  it("limits how many suggestions one member sends, without counting refused duplicates", async () => {
    const member = await createTestUser();
    await createSuggestion(member.id, suggestionInput({ sourceUrl: fileEntry.sourceUrl }));
    for (let index = 0; index < SUGGESTION_RATE_LIMIT.limit; index += 1) {
      expect(await createSuggestion(member.id, suggestionInput())).toMatchObject({ ok: true });
    }
    const refused = await createSuggestion(member.id, suggestionInput());
    expect(refused).toMatchObject({ ok: false, reason: "rate-limited" });
    expect(refused.ok === false && refused.reason === "rate-limited" && refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(await listMySuggestions(member.id)).toHaveLength(SUGGESTION_RATE_LIMIT.limit);
    // Another member is not affected.
    expect(await createSuggestion((await createTestUser()).id, suggestionInput())).toMatchObject({ ok: true });
  });
});

describe("moderation", () => {
  it("lets moderators and admins moderate, and nobody else", () => {
    expect(canModerateToolkit({ roles: ["moderator"] })).toBe(true);
    expect(canModerateToolkit({ roles: ["admin"] })).toBe(true);
    expect(canModerateToolkit({ roles: ["facilitator", "expert"] })).toBe(false);
    expect(canModerateToolkit({ roles: [] })).toBe(false);
    expect(canModerateToolkit(null)).toBe(false);
  });

  it("refuses every moderation command from someone without the role, and changes nothing", async () => {
    const member = await createTestUser({ roles: ["facilitator"] });
    const created = await createSuggestion(member.id, suggestionInput());
    if (!created.ok) throw new Error("suggestion refused");
    const learner = { id: member.id, roles: ["facilitator" as const] };
    expect(await approveSuggestion(learner, created.id)).toEqual({ ok: false, reason: "forbidden" });
    expect(await rejectSuggestion(learner, created.id, "Not wanted here")).toEqual({ ok: false, reason: "forbidden" });
    expect(await updateSuggestion(learner, created.id, suggestionInput({ title: "Changed by a member" }))).toEqual({
      ok: false,
      reason: "forbidden",
    });
    expect(await getSuggestionForReview(created.id)).toMatchObject({ status: "pending", slug: null, title: expect.stringMatching(/^Recommendation/) });
  });

  it("approves with a slug from the title, records who and when, queues the search document and audits it", async () => {
    const { moderator, member } = await moderatorAndMember();
    const created = await createSuggestion(member.id, suggestionInput({ title: "Données de santé : un guide" }));
    if (!created.ok) throw new Error("suggestion refused");
    const result = await approveSuggestion(moderator, created.id);
    expect(result).toEqual({ ok: true, slug: "donnees-de-sante-un-guide" });
    const row = await getSuggestionForReview(created.id);
    expect(row).toMatchObject({ status: "approved", slug: "donnees-de-sante-un-guide", reviewedBy: moderator.id, reviewedAt: expect.any(Date) });
    expect(await queuedDocumentIds()).toContain("toolkit:donnees-de-sante-un-guide");
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, moderator.id), eq(auditLog.action, "toolkit-suggestion.approve")));
    expect(audit).toMatchObject({ targetUserId: member.id, details: { suggestionId: created.id, slug: "donnees-de-sante-un-guide" } });
    expect(await getPublishedSuggestion("donnees-de-sante-un-guide")).toMatchObject({ title: "Données de santé : un guide" });
    expect(await approveSuggestion(moderator, created.id)).toEqual({ ok: false, reason: "already-approved" });
  });

  it("never gives a slug a file entry, a page of its own or another suggestion already has", async () => {
    const admin = await createTestUser({ roles: ["admin"] });
    const adminActor = { id: admin.id, roles: ["admin" as const] };
    const approve = async (title: string) => {
      // A member each: one member's suggestions are rate-limited.
      const member = await createTestUser();
      const created = await createSuggestion(member.id, suggestionInput({ title }));
      if (!created.ok) throw new Error("suggestion refused");
      return approveSuggestion(adminActor, created.id);
    };
    // The file entry's title may not make its slug; its slug as a title certainly does.
    expect(await approve(fileEntry.slug.replaceAll("-", " "))).toEqual({ ok: true, slug: `${fileEntry.slug}-2` });
    expect(await approve("Suggest")).toEqual({ ok: true, slug: "suggest-2" });
    expect(await approve("A shared title")).toEqual({ ok: true, slug: "a-shared-title" });
    expect(await approve("A shared title!")).toEqual({ ok: true, slug: "a-shared-title-2" });
    expect(await approve("A SHARED TITLE")).toEqual({ ok: true, slug: "a-shared-title-3" });
    expect(await approve("¿?")).toEqual({ ok: true, slug: "resource" });
  });

  it("writes the approval and its queue row in one transaction: when one fails, neither is kept", async () => {
    const { moderator, member } = await moderatorAndMember();
    const created = await createSuggestion(member.id, suggestionInput({ title: "Refused by the queue" }));
    if (!created.ok) throw new Error("suggestion refused");
    // A real failure inside the database, not a mock: the queue refuses this one document.
    await db.execute(sql`
      create function refuse_test_document() returns trigger language plpgsql as $$
      begin
        if new.document_id = 'toolkit:refused-by-the-queue' then raise exception 'queue unavailable'; end if;
        return new;
      end $$`);
    await db.execute(sql`create trigger refuse_test_document before insert on search_queue for each row execute function refuse_test_document()`);
    try {
      await expect(approveSuggestion(moderator, created.id)).rejects.toThrow();
    } finally {
      await db.execute(sql`drop trigger refuse_test_document on search_queue`);
      await db.execute(sql`drop function refuse_test_document`);
    }
    expect(await getSuggestionForReview(created.id)).toMatchObject({ status: "pending", slug: null, reviewedBy: null });
    expect(await queuedDocumentIds()).not.toContain("toolkit:refused-by-the-queue");
    expect(await approveSuggestion(moderator, created.id)).toEqual({ ok: true, slug: "refused-by-the-queue" });
  });

  it("rejects with a reason the member sees", async () => {
    const { moderator, member } = await moderatorAndMember();
    const created = await createSuggestion(member.id, suggestionInput());
    if (!created.ok) throw new Error("suggestion refused");
    expect(await rejectSuggestion(moderator, created.id, "This is a vendor's sales page, not guidance.")).toEqual({
      ok: true,
      unpublished: false,
    });
    const [mine] = await listMySuggestions(member.id);
    expect(mine).toMatchObject({ status: "rejected", moderatorNote: "This is a vendor's sales page, not guidance.", slug: null });
    expect((await listPendingSuggestions()).map((row) => row.id)).not.toContain(created.id);
    expect(await rejectSuggestion(moderator, created.id, "Again")).toEqual({ ok: false, reason: "already-rejected" });
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, moderator.id), eq(auditLog.action, "toolkit-suggestion.reject")));
    expect(audit?.details).toMatchObject({ suggestionId: created.id, reason: "This is a vendor's sales page, not guidance." });
  });

  it("unpublishes an approved suggestion, queues its document for removal, and gives the same address back on re-approval", async () => {
    const { moderator, member } = await moderatorAndMember();
    const created = await createSuggestion(member.id, suggestionInput({ title: "Telecom data handbook" }));
    if (!created.ok) throw new Error("suggestion refused");
    await approveSuggestion(moderator, created.id);
    await db.delete(searchQueue);
    expect(await rejectSuggestion(moderator, created.id, "The publisher withdrew it.")).toEqual({ ok: true, unpublished: true });
    expect(await getPublishedSuggestion("telecom-data-handbook")).toBeUndefined();
    expect(await queuedDocumentIds()).toEqual(["toolkit:telecom-data-handbook"]);
    expect(await approveSuggestion(moderator, created.id)).toEqual({ ok: true, slug: "telecom-data-handbook" });
  });

  it("lets a moderator correct any field, keeps the slug, and queues a published suggestion again", async () => {
    const { moderator, member } = await moderatorAndMember();
    const input = suggestionInput({ title: "Mobility data guide" });
    const created = await createSuggestion(member.id, input);
    if (!created.ok) throw new Error("suggestion refused");
    const corrected = { ...input, title: "Mobility data: a practical guide", year: 2020, topics: ["mobility-data" as const] };
    expect(await updateSuggestion(moderator, created.id, corrected)).toEqual({ ok: true });
    expect(await getSuggestionForReview(created.id)).toMatchObject({ title: corrected.title, year: 2020, topics: ["mobility-data"], status: "pending" });
    expect(await queuedDocumentIds()).not.toContain("toolkit:mobility-data-a-practical-guide");

    await approveSuggestion(moderator, created.id);
    await db.delete(searchQueue);
    expect(await updateSuggestion(moderator, created.id, { ...corrected, summary: "A corrected summary of what the guide covers." })).toEqual({
      ok: true,
    });
    expect(await queuedDocumentIds()).toEqual(["toolkit:mobility-data-a-practical-guide"]);
    expect(await getPublishedSuggestion("mobility-data-a-practical-guide")).toMatchObject({
      summary: "A corrected summary of what the guide covers.",
    });
    const edits = await db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.actorId, moderator.id), eq(auditLog.action, "toolkit-suggestion.edit")));
    expect(edits.map((edit) => edit.details.fields)).toEqual([["title", "year", "topics"], ["summary"]]);
  });

  it("refuses an edit that gives the address of another entry", async () => {
    const { moderator, member } = await moderatorAndMember();
    const created = await createSuggestion(member.id, suggestionInput());
    if (!created.ok) throw new Error("suggestion refused");
    const result = await updateSuggestion(moderator, created.id, suggestionInput({ sourceUrl: fileEntry.sourceUrl }));
    expect(result).toMatchObject({ ok: false, reason: "duplicate", duplicate: { kind: "entry", slug: fileEntry.slug } });
    // Its own address is not a duplicate of itself.
    const row = await getSuggestionForReview(created.id);
    expect(await findDuplicateSource(row?.sourceUrl ?? "", { exceptSuggestionId: created.id })).toBeNull();
  });

  it("tells the member who suggested it, on their notifications page and by mail, and nobody else", async () => {
    const { moderator, member } = await moderatorAndMember();
    const created = await createSuggestion(member.id, suggestionInput({ title: "Mobility data playbook" }));
    if (!created.ok) throw new Error("suggestion refused");
    await approveSuggestion(moderator, created.id);
    const { items } = await listNotifications(member.id, { page: 1 });
    expect(items).toMatchObject([{ title: "Your suggestion “Mobility data playbook” is published in the toolkit", isRead: false }]);
    expect(await openNotification(member.id, items[0]!.id)).toBe("/toolkit/mobility-data-playbook");
    expect(await countUnreadNotifications(moderator.id)).toBe(0);
    await rejectSuggestion(moderator, created.id, "The publisher withdrew it.");
    expect((await listNotifications(member.id, { page: 1 })).items[0]).toMatchObject({
      title: "Your suggestion “Mobility data playbook” was unpublished",
      summary: "Reason: The publisher withdrew it.",
    });
    await runDueJobs({ jobs: [notificationMailJob], includeDelayed: true });
    const mails = await getMailsTo(member.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe("2 new notifications: Your toolkit suggestions are reviewed");
  });

  it("answers not-found for an unknown suggestion", async () => {
    const { moderator } = await moderatorAndMember();
    const unknown = crypto.randomUUID();
    expect(await approveSuggestion(moderator, unknown)).toEqual({ ok: false, reason: "not-found" });
    expect(await rejectSuggestion(moderator, unknown, "No such thing")).toEqual({ ok: false, reason: "not-found" });
    expect(await updateSuggestion(moderator, unknown, suggestionInput())).toEqual({ ok: false, reason: "not-found" });
    expect(await db.select().from(toolkitSuggestions).where(eq(toolkitSuggestions.id, unknown))).toEqual([]);
  });
});

describe("slugFromTitle", () => {
  it("makes lower-case words joined by hyphens, at most 80 characters, cut between words", () => {
    expect(slugFromTitle("The EU Data Act (2023/2854)")).toBe("the-eu-data-act-20232854");
    expect(slugFromTitle("  Ça va — très bien  ")).toBe("ca-va-tres-bien");
    const long = slugFromTitle("word ".repeat(40));
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});

describe("the demo seed", () => {
  it("puts the demo learner's suggestions in the queue once, however often it runs", async () => {
    await seedDatabase(db, { demoAccounts: true });
    await seedDatabase(db, { demoAccounts: true });
    const queue = await listPendingSuggestions();
    const seeded = queue.filter((row) => DEMO_SUGGESTIONS.some((demo) => demo.id === row.id));
    expect(seeded.map((row) => row.suggestedByName)).toEqual(DEMO_SUGGESTIONS.map(() => "Joseph Mwangi"));
    // Each is valid by the form's own rules, so a moderator can save it unchanged.
    for (const demo of DEMO_SUGGESTIONS) expect(SuggestionSchema.safeParse(demo).success).toBe(true);
    // And none duplicates a file entry.
    for (const demo of DEMO_SUGGESTIONS) {
      expect(await findDuplicateSource(demo.sourceUrl, { exceptSuggestionId: demo.id })).toBeNull();
    }
  });
});
