import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, inject, it } from "vitest";
import { restoreDatabase } from "./backup";
import { createDatabase, durableStartParams } from "./client";

const snapshot = inject("pgliteSnapshotPath");
const root = mkdtempSync(path.join(os.tmpdir(), "practica-client-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("the embedded database on a folder", () => {
  it("starts PostgreSQL without PGlite's fsync=off, syncing the WAL with fsync", () => {
    const parameters = durableStartParams();
    expect(parameters).not.toContain("-F");
    expect(parameters.join(" ")).toContain("-c wal_sync_method=fsync");
    // The rest of PGlite's own parameters stay.
    expect(parameters).toContain("--single");
  });

  it.skipIf(!snapshot)("commits with fsync on, through a filesystem that really syncs", async () => {
    const dataDir = path.join(root, "data");
    await restoreDatabase(dataDir, snapshot ?? "");
    const handle = createDatabase({ dataDir });
    try {
      const client = (handle.db as unknown as { $client: PGlite }).$client;
      expect((await client.query<{ fsync: string }>("show fsync")).rows).toEqual([{ fsync: "on" }]);
      expect((await client.query<{ wal_sync_method: string }>("show wal_sync_method")).rows).toEqual([
        { wal_sync_method: "fsync" },
      ]);
      const nodefs = client.Module.NODEFS as unknown as { stream_ops: { fsync?: unknown } };
      expect(typeof nodefs.stream_ops.fsync).toBe("function");
    } finally {
      await handle.close();
    }
  }, 60_000);
});
