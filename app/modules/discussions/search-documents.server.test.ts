import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discussionCategories } from "../../../db/schema";
import { createEmbeddedSearchEngine } from "../../../search/embedded/embedded-engine";
import { createTestUser } from "../../../tests/db-utils";
import { db } from "~/utils/db.server";
import { buildSearchDocument } from "../search/documents.server";
import { registerSpaceOwner, spacePlace, unregisterSpaceOwner } from "./access.server";
import { setPostHidden } from "./moderation.server";
import { createThread, reply } from "./posting.server";
import type { DiscussionResult } from "./results";
import { buildAllThreadSearchDocuments, listThreadDocumentIds } from "./search-documents.server";

function value<T>(result: DiscussionResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.reason}`);
  return result.value;
}

const members = new Set<string>();

beforeAll(async () => {
  await db.insert(discussionCategories).values({ slug: "privacy", name: "Privacy and de-identification" });
  registerSpaceOwner("search-cohort", (viewer) => {
    const isMember = viewer !== null && members.has(viewer.id);
    return { read: isMember, post: isMember, moderate: false };
  });
});
afterAll(() => unregisterSpaceOwner("search-cohort"));

describe("thread search documents", () => {
  it("indexes public threads with what visitors see, and never a space's threads", async () => {
    const alice = { id: (await createTestUser()).id, roles: [] };
    const moderator = { id: (await createTestUser({ roles: ["moderator"] })).id, roles: ["moderator" as const] };
    members.add(alice.id);
    const open = value(await createThread(alice, { kind: "category", id: "privacy" }, { title: "k-anonymity for trips", body: "Is **k=5** enough?" }));
    const hidden = value(await reply(alice, open.threadId, { body: "zebracrossing secret" }));
    value(await setPostHidden(moderator, hidden.postId, true, "off topic"));
    const closed = value(await createThread(alice, spacePlace("search-cohort", "1"), { title: "Cohort-only quokka", body: "quokka notes" }));

    const document = await buildSearchDocument(`thread:${open.threadId}`);
    expect(document).toMatchObject({ kind: "thread", title: "k-anonymity for trips", url: `/discussions/threads/${open.threadId}`, summary: "Is k=5 enough?" });
    expect(document?.body).not.toContain("zebracrossing");
    expect(await buildSearchDocument(`thread:${closed.threadId}`)).toBeNull();
    expect(await listThreadDocumentIds()).toEqual([`thread:${open.threadId}`]);

    const engine = createEmbeddedSearchEngine();
    await engine.index(await buildAllThreadSearchDocuments());
    expect((await engine.search({ query: "anonymity" })).hits.map((hit) => hit.url)).toEqual([`/discussions/threads/${open.threadId}`]);
    expect((await engine.search({ query: "quokka" })).hits).toEqual([]);
  });
});
