import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { countRows } from "../tests/db-utils";
import { placeExists } from "~/modules/discussions/access.server";
import { getThreadPage, listCategories, listThreads } from "~/modules/discussions/reading.server";
import { db } from "~/utils/db.server";
import { DEMO_THREADS, DISCUSSION_CATEGORIES } from "./demo-discussions";
import { discussionCategories, discussionPosts, discussionThreads } from "./schema";
import { seedDatabase } from "./seed";

// One sequence: the database is shared by the whole file.
describe("demo discussions", () => {
  it("creates the categories even without demo accounts, and no threads", async () => {
    await seedDatabase(db, { demoAccounts: false });
    expect((await listCategories(null)).map((category) => category.name)).toEqual(DISCUSSION_CATEGORIES.map((category) => category.name));
    expect(await countRows(discussionThreads)).toBe(0);
  });

  it("writes every demo thread once, in real places, with replies and accepted answers", { timeout: 120_000 }, async () => {
    await seedDatabase(db, { demoAccounts: true });
    await seedDatabase(db, { demoAccounts: true });
    expect(await countRows(discussionThreads)).toBe(DEMO_THREADS.length);
    expect(await countRows(discussionPosts)).toBe(DEMO_THREADS.reduce((total, thread) => total + thread.posts.length, 0));
    for (const category of DISCUSSION_CATEGORIES) {
      const listed = await listThreads(null, { kind: "category", id: category.slug });
      expect(listed.ok && listed.value.threads.length, category.slug).toBeGreaterThan(0);
    }
    for (const thread of DEMO_THREADS) expect(await placeExists(thread.place), thread.place.id).toBe(true);
    expect(DEMO_THREADS.filter((thread) => thread.place.kind === "lesson")).toHaveLength(2);
    expect(DEMO_THREADS.filter((thread) => thread.place.kind === "toolkit-entry")).toHaveLength(2);

    const [agreement] = await db.select().from(discussionThreads).where(eq(discussionThreads.placeId, "agreements-and-legal")).orderBy(discussionThreads.id);
    const page = await getThreadPage(null, agreement!.id);
    expect(page.ok && page.value.acceptedAnswer?.bodyHtml).toContain("<strong>Purpose</strong>");
    expect(page.ok && page.value.thread.replyCount).toBe(3);
  });

  it("never restores what someone changed", async () => {
    const [thread] = await db.select().from(discussionThreads).orderBy(discussionThreads.id).limit(1);
    await db.update(discussionThreads).set({ title: "Renamed by a moderator" }).where(eq(discussionThreads.id, thread!.id));
    await db.delete(discussionCategories).where(eq(discussionCategories.slug, "introductions"));
    await seedDatabase(db, { demoAccounts: true });
    const [again] = await db.select().from(discussionThreads).where(eq(discussionThreads.id, thread!.id));
    expect(again!.title).toBe("Renamed by a moderator");
    expect((await listCategories(null)).map((category) => category.slug)).not.toContain("introductions");
  });
});
