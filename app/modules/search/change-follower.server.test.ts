import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { searchChanges } from "../../../db/schema";
import { createEmbeddedSearchEngine } from "../../../search/embedded/embedded-engine";
import {
  createSearchChangeFollower,
  latestSearchChangeId,
  pruneSearchChanges,
} from "./change-follower.server";
import { courseDocumentId, toolkitDocumentId } from "./document-ids";
import { forgetSearchEngine, setSearchEngine } from "./engine.server";
import { queueSearchDocuments } from "./queue.server";
import { db } from "~/utils/db.server";

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const DPIA = toolkitDocumentId("ico-dpia-guidance-and-template");
const COURSE = courseDocumentId("foundations-of-data-sharing");
const OLD = toolkitDocumentId("changed-an-hour-ago");

afterAll(() => forgetSearchEngine());

// The change log is written on PostgreSQL only: PGlite is one process, one index.
describe.skipIf(!onPostgres)("following search changes (PostgreSQL only)", () => {
  it("brings this process's embedded index up to date with what any writer queued, once each", async () => {
    // This process's index, empty: as if another process had drained the queue.
    const engine = createEmbeddedSearchEngine();
    setSearchEngine(engine);
    const follower = createSearchChangeFollower(await latestSearchChangeId());
    expect(await follower.catchUp()).toBe(0);
    // An id taken now by a transaction that will commit late.
    const [late] = await db
      .select({ id: sql<string>`nextval(pg_get_serial_sequence('search_changes', 'id'))::text` })
      .from(sql`(values (1)) as one (n)`);
    const lateId = Number(late?.id);

    await queueSearchDocuments([DPIA]);
    expect(await follower.catchUp()).toBe(1);
    expect(await engine.count()).toBe(1);
    // Nothing new: nothing rebuilt.
    expect(await follower.catchUp()).toBe(0);

    // A change whose id was taken before the last one seen but committed after it.
    await db.insert(searchChanges).values({ id: lateId, documentId: COURSE });
    expect(await follower.catchUp()).toBe(1);
    expect(await engine.count()).toBe(2);
  });

  it("a document whose source is gone is removed", async () => {
    const engine = createEmbeddedSearchEngine();
    setSearchEngine(engine);
    const follower = createSearchChangeFollower(await latestSearchChangeId());
    // What the last minute logged is taken again once (a late commit may hide in it).
    await follower.catchUp();
    await engine.clear();
    await queueSearchDocuments([toolkitDocumentId("no-such-entry")]);
    expect(await follower.catchUp()).toBe(1);
    expect(await engine.count()).toBe(0);
  });

  it("prunes changes older than every process can need", async () => {
    await queueSearchDocuments([DPIA]);
    await db
      .insert(searchChanges)
      .values({ documentId: OLD, changedAt: sql`now() - interval '1 hour'` });
    await pruneSearchChanges();
    const rows = await db.select({ documentId: searchChanges.documentId }).from(searchChanges);
    expect(rows.map((row) => row.documentId)).not.toContain(OLD);
    expect(rows.map((row) => row.documentId)).toContain(DPIA);
  });
});

describe.skipIf(onPostgres)("the search change log on PGlite", () => {
  it("is not written: one process holds the one index", async () => {
    await queueSearchDocuments([DPIA]);
    expect(await db.select().from(searchChanges)).toEqual([]);
  });
});
