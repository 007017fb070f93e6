import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabaseTemplate, databaseTemplatePath, isInitialisedDataFolder, readDatabaseTemplate } from "./template";

describe("embedded database template", () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "practica-template-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("packs a migrated database that a fresh data folder starts from", async () => {
    expect(readDatabaseTemplate(root)).toBeUndefined();
    const file = await createDatabaseTemplate(root);
    expect(file).toBe(databaseTemplatePath(root));

    const folder = path.join(root, "data/pglite");
    mkdirSync(folder, { recursive: true });
    expect(isInitialisedDataFolder(folder)).toBe(false);
    const client = new PGlite(folder, { loadDataDir: readDatabaseTemplate(root) });
    try {
      const tables = await client.query<{ table_name: string }>(
        "select table_name from information_schema.tables where table_schema = 'public'",
      );
      const names = tables.rows.map((row) => row.table_name);
      expect(names).toEqual(expect.arrayContaining(["users", "sessions", "course_enrollments", "search_queue", "toolkit_suggestions"]));
      const applied = await client.query<{ count: number }>("select count(*)::int as count from drizzle.__drizzle_migrations");
      expect(applied.rows[0]?.count).toBeGreaterThanOrEqual(3);
    } finally {
      await client.close();
    }
    expect(isInitialisedDataFolder(folder)).toBe(true);
  });
});
