import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it } from "vitest";
import { copyDatabaseTemplate, createDatabaseTemplate, databaseTemplatePath, isInitialisedDataFolder } from "./template";

describe("embedded database template", () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "practica-template-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("makes a migrated database that a fresh data folder starts as a copy of", async () => {
    const folder = path.join(root, "data/pglite");
    mkdirSync(folder, { recursive: true });
    expect(copyDatabaseTemplate(folder, root)).toBe(false);
    expect(isInitialisedDataFolder(folder)).toBe(false);

    // A dump an earlier build left behind is cleared away.
    mkdirSync(path.join(root, "build"), { recursive: true });
    const oldDump = path.join(root, "build/pglite-template-0123456789abcdef.tar.gz");
    writeFileSync(oldDump, "old");
    const template = await createDatabaseTemplate(root);
    expect(template).toBe(databaseTemplatePath(root));
    expect(existsSync(oldDump)).toBe(false);

    expect(copyDatabaseTemplate(folder, root)).toBe(true);
    expect(isInitialisedDataFolder(folder)).toBe(true);
    expect(existsSync(`${folder}.copying`)).toBe(false);
    const client = new PGlite(folder);
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
    // The template itself is untouched by the copy's use.
    expect(isInitialisedDataFolder(template)).toBe(true);
  });
});
