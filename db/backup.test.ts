import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { BackupError, backupDatabase, restoreDatabase } from "./backup";
import { createDatabase } from "./client";
import { DataFolderInUseError, lockDataFolder } from "./data-lock";
import { users } from "./schema";

/*
 * On real data folders. The first database is restored from the migrated snapshot the test
 * setup made (tests/setup/global-setup.ts), which is itself a PGlite dump: the same path a
 * backup takes back.
 */

const snapshot = inject("pgliteSnapshotPath");
const root = mkdtempSync(path.join(os.tmpdir(), "practica-backup-"));
const dataDir = path.join(root, "data");
const backupFile = path.join(root, "backups", "practica.tar.gz");

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Adds people (if any) and returns everyone's address, in one opening of the folder. */
async function addPeopleAndList(...added: string[]): Promise<string[]> {
  const handle = createDatabase({ dataDir });
  try {
    for (const email of added)
      await handle.db.insert(users).values({ id: crypto.randomUUID(), email, displayName: email, passwordHash: "x" });
    return (await handle.db.select({ email: users.email }).from(users).orderBy(users.email)).map((row) => row.email);
  } finally {
    await handle.close();
  }
}

// One sequence on one data folder. Without a snapshot (TEST_DATABASE_URL runs) there is no
// embedded database to start from.
describe.skipIf(!snapshot)("db:backup and db:restore", () => {
  it("fills an empty data folder from a dump", async () => {
    await expect(backupDatabase(dataDir, backupFile)).rejects.toThrow("there is no database");
    await restoreDatabase(dataDir, snapshot ?? "");
    expect(await addPeopleAndList("before-backup@example.org")).toEqual(["before-backup@example.org"]);
  }, 120_000);

  it("backs up, and a restore after a change takes the change away", async () => {
    expect(await backupDatabase(dataDir, backupFile)).toBeGreaterThan(1000);
    expect(existsSync(`${backupFile}.partial`)).toBe(false);

    expect(await addPeopleAndList("after-backup@example.org")).toEqual([
      "after-backup@example.org",
      "before-backup@example.org",
    ]);

    // Not over an existing database without being told; nothing changes.
    await expect(restoreDatabase(dataDir, backupFile)).rejects.toThrow(BackupError);
    expect(readdirSync(dataDir).sort()).toEqual(["pglite"]);

    const { previous } = await restoreDatabase(dataDir, backupFile, { replace: true });
    expect(await addPeopleAndList()).toEqual(["before-backup@example.org"]);
    // The replaced database is kept aside, whole.
    expect(previous && existsSync(path.join(previous, "PG_VERSION"))).toBe(true);
    expect(readdirSync(dataDir).filter((name) => name.endsWith(".restoring"))).toEqual([]);
  }, 180_000);

  it("refuses to overwrite a backup file without being told", async () => {
    await expect(backupDatabase(dataDir, backupFile)).rejects.toThrow("exists already");
    await addPeopleAndList("second-backup@example.org");
    await backupDatabase(dataDir, backupFile, { overwrite: true });
    await restoreDatabase(dataDir, backupFile, { replace: true });
    expect(await addPeopleAndList()).toEqual(["before-backup@example.org", "second-backup@example.org"]);
  }, 180_000);

  it("refuses while another process holds the data folder, and a file that is not a backup", async () => {
    const lock = lockDataFolder(dataDir);
    try {
      await expect(restoreDatabase(dataDir, backupFile, { replace: true })).rejects.toThrow(DataFolderInUseError);
      await expect(backupDatabase(dataDir, path.join(root, "other.tar.gz"))).rejects.toThrow(DataFolderInUseError);
    } finally {
      lock.release();
    }
    const notABackup = path.join(root, "notes.txt");
    writeFileSync(notABackup, "hello");
    await expect(restoreDatabase(dataDir, notABackup, { replace: true })).rejects.toThrow("not a backup");
  });
});
