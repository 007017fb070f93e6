import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discussionCategories, discussionPosts, discussionThreads, searchQueue } from "../../../db/schema";
import { countRows, createTestUser } from "../../../tests/db-utils";
import { db } from "~/utils/db.server";
import { registerSpaceOwner, spacePlace, unregisterSpaceOwner, type Viewer } from "./access.server";
import { collectPostAudience, findMentions } from "./audience.server";
import {
  createThread,
  editPost,
  editThreadTitle,
  removeThread,
  getPostHistory,
  markAcceptedAnswer,
  previewPost,
  removePostByAuthor,
  reply,
  toggleReaction,
} from "./posting.server";
import {
  getThreadPage,
  listThreads,
  locatePost,
  markThreadRead,
  subscribeToCategory,
  subscribeToThread,
} from "./reading.server";
import { describeFailure, type DiscussionResult } from "./results";

const category = { kind: "category" as const, id: "agreements" };

async function member(displayName?: string, roles: ("moderator" | "admin")[] = []): Promise<{ id: string; roles: ("moderator" | "admin")[] }> {
  const user = await createTestUser({ displayName, roles });
  return { id: user.id, roles };
}

function value<T>(result: DiscussionResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.reason}`);
  return result.value;
}

beforeAll(async () => {
  await db.insert(discussionCategories).values([
    { slug: "agreements", name: "Agreements and legal", position: 1 },
    { slug: "introductions", name: "Introductions", position: 2 },
  ]);
});

describe("posting", () => {
  it("creates a thread, replies with a quote, and shows them in order on a page", async () => {
    const alice = await member();
    const bob = await member();
    const thread = value(await createThread(alice, category, { title: "  A mobility data agreement  ", body: "Which **clauses**?" }));
    expect(thread.seq).toBe(1);
    const answer = value(await reply(bob, thread.threadId, { body: "Purpose limitation first.", quotedPostId: thread.postId }));
    expect(answer.seq).toBe(2);
    const page = value(await getThreadPage(null, thread.threadId));
    expect(page.thread.title).toBe("A mobility data agreement");
    expect(page.thread.replyCount).toBe(1);
    expect(page.posts.map((post) => post.seq)).toEqual([1, 2]);
    expect(page.posts[0]!.bodyHtml).toContain("<strong>clauses</strong>");
    expect(page.posts[1]!.quoted?.seq).toBe(1);
    expect(page.canReply).toBe(false);
    // Bob is told of nothing he wrote; Alice (subscribed as the thread's author) hears of the reply.
    expect(answer.audience).toEqual([{ userId: alice.id, reasons: ["participant", "thread-subscriber"] }]);
  });

  it("refuses bad input with a clear reason and writes nothing", async () => {
    const alice = await member();
    const before = await countRows(discussionPosts);
    expect(await createThread(null, category, { title: "t", body: "b" })).toMatchObject({ ok: false, reason: "sign-in-required" });
    expect(await createThread(alice, category, { title: " ", body: "b" })).toMatchObject({ reason: "title-empty" });
    expect(await createThread(alice, category, { title: "t", body: "  \n " })).toMatchObject({ reason: "body-empty" });
    expect(await createThread(alice, category, { title: "t", body: "x".repeat(20_001) })).toMatchObject({ reason: "body-too-long" });
    expect(await createThread(alice, { kind: "category", id: "nope" }, { title: "t", body: "b" })).toMatchObject({ reason: "unknown-place" });
    expect(await createThread(alice, { kind: "lesson", id: "no-course/no-lesson" }, { title: "t", body: "b" })).toMatchObject({ reason: "unknown-place" });
    expect(await reply(alice, 999_999, { body: "hello" })).toMatchObject({ reason: "not-found" });
    expect(await countRows(discussionPosts)).toBe(before);
    expect(describeFailure("body-too-long")).toMatch(/20000 characters/);
  });

  it("treats a double submit as one post", async () => {
    const alice = await member();
    const first = value(await createThread(alice, category, { title: "Twice", body: "Once only", idempotencyKey: "k1" }));
    const again = await createThread(alice, category, { title: "Twice", body: "Once only", idempotencyKey: "k1" });
    expect(again).toMatchObject({ ok: false, reason: "duplicate", existing: { threadId: first.threadId, postId: first.postId } });
    value(await reply(alice, first.threadId, { body: "A follow-up" }));
    expect(await reply(alice, first.threadId, { body: "A follow-up" })).toMatchObject({ reason: "duplicate" });
    expect(value(await getThreadPage(null, first.threadId)).posts).toHaveLength(2);
  });

  it("previews without saving", async () => {
    const alice = await member();
    const before = await countRows(discussionPosts);
    expect(value(previewPost(alice, "<script>x</script> *hi*")).html).toBe("<p>&lt;script&gt;x&lt;/script&gt; <em>hi</em></p>\n");
    expect(await countRows(discussionPosts)).toBe(before);
  });

  it("limits posting to 20 posts in 10 minutes, with a clear message", async () => {
    const alice = await member();
    const thread = value(await createThread(alice, category, { title: "Busy", body: "post 0" }));
    for (let index = 1; index < 20; index++) value(await reply(alice, thread.threadId, { body: `post ${index}` }));
    const limited = await reply(alice, thread.threadId, { body: "one too many" });
    expect(limited).toMatchObject({ ok: false, reason: "rate-limited" });
    expect(!limited.ok && describeFailure(limited)).toMatch(/20 times in 10 minutes/);
  });

  it("queues public threads for the site search", async () => {
    const alice = await member();
    const thread = value(await createThread(alice, category, { title: "Searchable", body: "words" }));
    const queued = await db.select().from(searchQueue).where(eq(searchQueue.documentId, `thread:${thread.threadId}`));
    expect(queued).toHaveLength(1);
  });
});

describe("editing, removing, reactions and accepted answers", () => {
  it("loses no reply when many members post at once, each with its own number", async () => {
    const alice = await member();
    const thread = value(await createThread(alice, category, { title: "Busy thread", body: "go" }));
    const posters = await Promise.all(Array.from({ length: 12 }, () => member()));
    const results = await Promise.all(posters.map((poster, index) => reply(poster, thread.threadId, { body: `reply ${index}` })));
    expect(results.every((result) => result.ok)).toBe(true);
    const page = value(await getThreadPage(null, thread.threadId, { pageSize: 50 }));
    expect(page.posts.map((post) => post.seq)).toEqual(Array.from({ length: 13 }, (_, index) => index + 1));
    expect(page.thread.replyCount).toBe(12);
  });

  it("lets the author or a moderator retitle or remove a thread, and then refuses replies", async () => {
    const alice = await member();
    const bob = await member();
    const moderator = await member(undefined, ["moderator"]);
    const thread = value(await createThread(alice, category, { title: "Old title", body: "x" }));
    expect(await editThreadTitle(bob, thread.threadId, "Mine now")).toMatchObject({ reason: "forbidden" });
    value(await editThreadTitle(alice, thread.threadId, "New title"));
    expect(value(await getThreadPage(null, thread.threadId)).thread.title).toBe("New title");
    expect(await removeThread(bob, thread.threadId)).toMatchObject({ reason: "forbidden" });
    expect(await removeThread(moderator, thread.threadId)).toMatchObject({ reason: "reason-required" });
    value(await removeThread(moderator, thread.threadId, { reason: "Duplicate of another thread" }));
    expect(await reply(bob, thread.threadId, { body: "late" })).toMatchObject({ reason: "thread-removed" });
    expect(await getThreadPage(bob, thread.threadId)).toMatchObject({ reason: "thread-removed" });
    expect(value(await listThreads(null, category)).threads.map((item) => item.id)).not.toContain(thread.threadId);
  });

  it("keeps every earlier version of an edited post", async () => {
    const alice = await member();
    const bob = await member();
    const thread = value(await createThread(alice, category, { title: "Edits", body: "first" }));
    expect(await editPost(bob, thread.postId, { body: "not mine" })).toMatchObject({ reason: "forbidden" });
    value(await editPost(alice, thread.postId, { body: "second" }));
    value(await editPost(alice, thread.postId, { body: "third" }));
    const history = value(await getPostHistory(null, thread.postId));
    expect(history.map((version) => [version.body, version.isCurrent])).toEqual([
      ["first", false],
      ["second", false],
      ["third", true],
    ]);
    expect(value(await getThreadPage(null, thread.threadId)).posts[0]!.editedAt).not.toBeNull();
  });

  it("removes a post softly: the stub and the replies stay", async () => {
    const alice = await member();
    const bob = await member();
    const thread = value(await createThread(alice, category, { title: "Soft", body: "opening" }));
    const answer = value(await reply(bob, thread.threadId, { body: "oops" }));
    value(await reply(alice, thread.threadId, { body: "after" }));
    expect(await removePostByAuthor(alice, answer.postId)).toMatchObject({ reason: "forbidden" });
    value(await removePostByAuthor(bob, answer.postId));
    const page = value(await getThreadPage(null, thread.threadId));
    expect(page.posts.map((post) => [post.seq, post.state, post.body])).toEqual([
      [1, "visible", "opening"],
      [2, "removed-by-author", null],
      [3, "visible", "after"],
    ]);
    expect(page.thread.replyCount).toBe(1);
  });

  it("lets the thread's author or a moderator accept a reply, never the opening post", async () => {
    const alice = await member();
    const bob = await member();
    const moderator = await member(undefined, ["moderator"]);
    const thread = value(await createThread(alice, category, { title: "Which basis?", body: "?" }));
    const answer = value(await reply(bob, thread.threadId, { body: "Public task." }));
    expect(await markAcceptedAnswer(bob, thread.threadId, answer.postId)).toMatchObject({ reason: "forbidden" });
    expect(await markAcceptedAnswer(alice, thread.threadId, thread.postId)).toMatchObject({ reason: "not-a-reply" });
    value(await markAcceptedAnswer(alice, thread.threadId, answer.postId));
    expect(value(await getThreadPage(null, thread.threadId)).acceptedAnswer?.id).toBe(answer.postId);
    value(await markAcceptedAnswer(moderator, thread.threadId, null));
    expect(value(await getThreadPage(null, thread.threadId)).acceptedAnswer).toBeNull();
  });

  it("counts reactions, one per person and kind, and shows the viewer's own", async () => {
    const alice = await member();
    const bob = await member();
    const thread = value(await createThread(alice, category, { title: "Thanks", body: "useful?" }));
    expect(value(await toggleReaction(bob, thread.postId, "helpful")).active).toBe(true);
    value(await toggleReaction(alice, thread.postId, "helpful"));
    expect(await toggleReaction(bob, thread.postId, "explode")).toMatchObject({ ok: false });
    const seenByBob = value(await getThreadPage(bob, thread.threadId)).posts[0]!;
    expect(seenByBob.reactions).toEqual({ helpful: 2 });
    expect(seenByBob.myReactions).toEqual(["helpful"]);
    expect(value(await toggleReaction(bob, thread.postId, "helpful")).active).toBe(false);
    expect(value(await getThreadPage(null, thread.threadId)).posts[0]!.reactions).toEqual({ helpful: 1 });
  });
});

describe("reading", () => {
  it("sorts threads by latest activity, newest and unanswered, with unread markers", async () => {
    const place = { kind: "category" as const, id: "introductions" };
    const alice = await member();
    const bob = await member();
    const older = value(await createThread(alice, place, { title: "Older", body: "1" }));
    const newer = value(await createThread(alice, place, { title: "Newer", body: "2" }));
    value(await reply(bob, older.threadId, { body: "bumps the older one" }));
    const titles = async (sort: "latest" | "newest" | "unanswered", viewer: Viewer = null) =>
      value(await listThreads(viewer, place, { sort })).threads.map((thread) => thread.title);
    expect(await titles("latest")).toEqual(["Older", "Newer"]);
    expect(await titles("newest")).toEqual(["Newer", "Older"]);
    expect(await titles("unanswered")).toEqual(["Newer"]);

    const seenByAlice = value(await listThreads(alice, place)).threads;
    expect(seenByAlice.find((thread) => thread.id === older.threadId)).toMatchObject({ hasUnread: true, firstUnreadSeq: 2, isNew: false });
    expect(seenByAlice.find((thread) => thread.id === newer.threadId)).toMatchObject({ hasUnread: false });
    value(await markThreadRead(alice, older.threadId, 2));
    expect(value(await listThreads(alice, place)).threads.every((thread) => !thread.hasUnread)).toBe(true);
    const carol = await member();
    expect(value(await listThreads(carol, place)).threads.every((thread) => thread.isNew)).toBe(true);
  });

  it("paginates posts and finds the page of a permalink", async () => {
    const alice = await member(undefined, ["moderator"]);
    const thread = value(await createThread(alice, category, { title: "Long", body: "start" }));
    let last = thread;
    for (let index = 0; index < 6; index++) last = value(await reply(alice, thread.threadId, { body: `reply ${index}` }));
    const page2 = value(await getThreadPage(null, thread.threadId, { page: 2, pageSize: 3 }));
    expect(page2.posts.map((post) => post.seq)).toEqual([4, 5, 6]);
    expect(page2.pageCount).toBe(3);
    const located = value(await locatePost(null, last.postId, { pageSize: 3 }));
    expect(located).toEqual({ threadId: thread.threadId, seq: 7, page: 3, href: `/discussions/threads/${thread.threadId}?page=3#post-7` });
  });

  it("tells subscribers and mentioned members of a post", async () => {
    const alice = await member();
    const bob = await member("Bob Mensah");
    const watcher = await member();
    const thread = value(await createThread(alice, category, { title: "Mentions", body: "hi" }));
    value(await subscribeToCategory(watcher, "agreements"));
    const posted = value(await reply(alice, thread.threadId, { body: "What do you think, @BobMensah? Not `@code`." }));
    expect(posted.audience).toEqual(
      [
        { userId: bob.id, reasons: ["mention"] },
        { userId: watcher.id, reasons: ["category-subscriber"] },
      ].sort((a, b) => a.userId.localeCompare(b.userId)),
    );
    expect(findMentions("@Amina and email@example.org and `@not`")).toEqual(["amina"]);
  });
});

describe("a private space", () => {
  const members = new Set<string>();
  const space = spacePlace("test-cohort", "7");

  beforeAll(() => {
    registerSpaceOwner("test-cohort", (viewer, ownerId) => {
      const isMember = ownerId === "7" && viewer !== null && members.has(viewer.id);
      return { read: isMember, post: isMember, moderate: false };
    });
  });
  afterAll(() => unregisterSpaceOwner("test-cohort"));

  it("is closed to non-members: no reading, listing, posting, or hearing of posts", async () => {
    const insider = await member();
    const other = await member();
    const outsider = await member("Nosy Outsider");
    const siteModerator = await member(undefined, ["admin"]);
    members.add(insider.id);
    members.add(other.id);
    const thread = value(await createThread(insider, space, { title: "Our session", body: "Notes" }));
    value(await subscribeToThread(other, thread.threadId));
    expect(value(await listThreads(other, space)).threads).toHaveLength(1);

    for (const viewer of [null, outsider, siteModerator]) {
      expect(await listThreads(viewer, space)).toMatchObject({ ok: false, reason: "not-found" });
      expect(await getThreadPage(viewer, thread.threadId)).toMatchObject({ ok: false, reason: "not-found" });
      expect(await locatePost(viewer, thread.postId)).toMatchObject({ ok: false, reason: "not-found" });
      expect(await getPostHistory(viewer, thread.postId)).toMatchObject({ ok: false, reason: "not-found" });
    }
    expect(await reply(outsider, thread.threadId, { body: "let me in" })).toMatchObject({ reason: "not-found" });
    expect(await subscribeToThread(outsider, thread.threadId)).toMatchObject({ reason: "not-found" });
    expect(await createThread(outsider, space, { title: "x", body: "y" })).toMatchObject({ reason: "unknown-place" });

    // Even mentioned by name, the outsider is not told.
    const posted = value(await reply(insider, thread.threadId, { body: "cc @NosyOutsider" }));
    expect(posted.audience.map((entry) => entry.userId)).toEqual([other.id]);
    const [post] = await db.select().from(discussionPosts).where(eq(discussionPosts.id, posted.postId));
    expect((await collectPostAudience(db, post!)).map((entry) => entry.userId)).not.toContain(outsider.id);
    // Nor is a space's thread queued for the site search.
    expect(await db.select().from(searchQueue).where(eq(searchQueue.documentId, `thread:${thread.threadId}`))).toHaveLength(0);
  });

  it("is closed to everyone when no owner answers for it", async () => {
    const alice = await member();
    expect(await createThread(alice, spacePlace("unknown-owner", "1"), { title: "x", body: "y" })).toMatchObject({ reason: "unknown-place" });
    const [row] = await db
      .insert(discussionThreads)
      .values({ placeKind: "space", placeId: "unknown-owner:1", title: "orphan", authorId: alice.id })
      .returning();
    expect(await getThreadPage(alice, row!.id)).toMatchObject({ reason: "not-found" });
  });
});
