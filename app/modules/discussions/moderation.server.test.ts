import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { discussionCategories, discussionModerationLog } from "../../../db/schema";
import { createTestUser } from "../../../tests/db-utils";
import { db } from "~/utils/db.server";
import {
  approvePost,
  listModerationLog,
  listPendingPosts,
  listReports,
  moveThread,
  reportPost,
  resolveReport,
  setCategoryApproval,
  setPostHidden,
  setThreadLocked,
  setThreadPinned,
} from "./moderation.server";
import { createThread, reply } from "./posting.server";
import { getThreadPage, listThreads } from "./reading.server";
import type { DiscussionResult } from "./results";

const privacy = { kind: "category" as const, id: "privacy" };
const legal = { kind: "category" as const, id: "legal" };

async function member(roles: ("moderator" | "admin")[] = []) {
  const user = await createTestUser({ roles });
  return { id: user.id, roles };
}

function value<T>(result: DiscussionResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.reason}`);
  return result.value;
}

beforeAll(async () => {
  await db.insert(discussionCategories).values([
    { slug: "privacy", name: "Privacy and de-identification" },
    { slug: "legal", name: "Agreements and legal" },
  ]);
});

describe("moderation", () => {
  it("locks a thread against replies and pins it first, with audit rows", async () => {
    const alice = await member();
    const moderator = await member(["moderator"]);
    const thread = value(await createThread(alice, privacy, { title: "Locked soon", body: "x" }));
    value(await createThread(alice, privacy, { title: "Newer", body: "y" }));
    expect(await setThreadLocked(alice, thread.threadId, true)).toMatchObject({ reason: "forbidden" });
    value(await setThreadLocked(moderator, thread.threadId, true, "Answered; closing"));
    expect(await reply(alice, thread.threadId, { body: "one more" })).toMatchObject({ ok: false, reason: "thread-locked" });
    value(await reply(moderator, thread.threadId, { body: "Moderators may still post." }));
    value(await setThreadPinned(moderator, thread.threadId, true));
    expect(value(await listThreads(null, privacy, { sort: "latest" })).threads[0]!.title).toBe("Locked soon");
    const log = await db.select().from(discussionModerationLog).where(eq(discussionModerationLog.threadId, thread.threadId));
    expect(log.map((row) => [row.action, row.actorId, row.reason])).toEqual([
      ["lock-thread", moderator.id, "Answered; closing"],
      ["pin-thread", moderator.id, null],
    ]);
  });

  it("hides a post from members, keeps it visible to moderators with the reason", async () => {
    const alice = await member();
    const bob = await member();
    const moderator = await member(["moderator"]);
    const thread = value(await createThread(alice, privacy, { title: "Hide", body: "fine" }));
    const rude = value(await reply(bob, thread.threadId, { body: "rude words" }));
    expect(await setPostHidden(moderator, rude.postId, true)).toMatchObject({ reason: "reason-required" });
    value(await setPostHidden(moderator, rude.postId, true, "Personal attack"));
    for (const viewer of [null, alice, bob]) {
      const page = value(await getThreadPage(viewer, thread.threadId));
      expect(page.posts.map((post) => post.body)).toEqual(["fine"]);
    }
    const seenByModerator = value(await getThreadPage(moderator, thread.threadId)).posts[1]!;
    expect(seenByModerator).toMatchObject({ state: "hidden", body: "rude words", hiddenReason: "Personal attack" });
    expect(value(await getThreadPage(null, thread.threadId)).thread.replyCount).toBe(0);
    value(await setPostHidden(moderator, rude.postId, false));
    expect(value(await getThreadPage(null, thread.threadId)).thread.replyCount).toBe(1);
  });

  it("holds a new member's first post for approval when the category asks", async () => {
    const moderator = await member(["moderator"]);
    const newcomer = await member();
    const reader = await member();
    expect(await setCategoryApproval(newcomer, "legal", true)).toMatchObject({ reason: "forbidden" });
    value(await setCategoryApproval(moderator, "legal", true));
    const thread = value(await createThread(newcomer, legal, { title: "My first question", body: "Hello all" }));
    expect(thread).toMatchObject({ approved: false, audience: [] });
    expect(value(await listThreads(reader, legal)).threads).toHaveLength(0);
    expect(await getThreadPage(reader, thread.threadId)).toMatchObject({ reason: "not-found" });
    expect(value(await listThreads(newcomer, legal)).threads[0]).toMatchObject({ pendingApproval: true });
    expect(await listPendingPosts(reader)).toMatchObject({ ok: true, value: [] });
    expect(value(await listPendingPosts(moderator)).map((post) => post.postId)).toEqual([thread.postId]);
    value(await approvePost(moderator, thread.postId));
    expect(value(await listThreads(reader, legal)).threads.map((item) => item.title)).toEqual(["My first question"]);
    expect(await approvePost(moderator, thread.postId)).toMatchObject({ reason: "not-pending" });
    // Once approved, they are no longer new.
    expect(value(await reply(newcomer, thread.threadId, { body: "Thanks" })).approved).toBe(true);
  });

  it("rejects a pending post with a reason", async () => {
    const moderator = await member(["moderator"]);
    const newcomer = await member();
    value(await setCategoryApproval(moderator, "legal", true));
    const thread = value(await createThread(newcomer, legal, { title: "Spam", body: "buy now" }));
    expect(await approvePost(moderator, thread.postId, { approve: false })).toMatchObject({ reason: "reason-required" });
    value(await approvePost(moderator, thread.postId, { approve: false, reason: "Advertising" }));
    expect(await getThreadPage(newcomer, thread.threadId)).toMatchObject({ ok: false });
  });

  it("moves a thread between categories", async () => {
    const alice = await member();
    const moderator = await member(["moderator"]);
    const thread = value(await createThread(alice, privacy, { title: "Wrong place", body: "legal question" }));
    expect(await moveThread(moderator, thread.threadId, { kind: "category", id: "nowhere" })).toMatchObject({ reason: "unknown-place" });
    value(await moveThread(moderator, thread.threadId, legal, "About agreements"));
    expect(value(await getThreadPage(null, thread.threadId)).thread.place).toEqual(legal);
  });

  it("takes reports to a queue that moderators resolve", async () => {
    const alice = await member();
    const bob = await member();
    const moderator = await member(["moderator"]);
    const thread = value(await createThread(alice, privacy, { title: "Reported", body: "ok" }));
    const bad = value(await reply(bob, thread.threadId, { body: "someone's phone number" }));
    expect(await reportPost(null, bad.postId, "x")).toMatchObject({ reason: "sign-in-required" });
    expect(await reportPost(alice, bad.postId, " ")).toMatchObject({ reason: "reason-required" });
    const report = value(await reportPost(alice, bad.postId, "Personal data"));
    expect(await reportPost(alice, bad.postId, "again")).toMatchObject({ reason: "already-reported" });
    expect(await listReports(alice)).toMatchObject({ ok: true, value: [] });
    expect(value(await listReports(moderator)).map((item) => [item.reportId, item.reason])).toEqual([[report.reportId, "Personal data"]]);
    expect(await resolveReport(alice, report.reportId, { action: "hide", note: "x" })).toMatchObject({ reason: "forbidden" });
    value(await resolveReport(moderator, report.reportId, { action: "hide", note: "Personal data removed" }));
    expect(value(await listReports(moderator))).toEqual([]);
    expect(value(await getThreadPage(null, thread.threadId)).posts).toHaveLength(1);
    const log = value(await listModerationLog(moderator, { threadId: thread.threadId }));
    expect(log.map((entry) => entry.action)).toEqual(["resolve-report-hide", "hide-post"]);
    expect(await listModerationLog(alice)).toMatchObject({ reason: "forbidden" });
  });
});
