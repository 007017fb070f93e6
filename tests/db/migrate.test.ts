import { readFileSync } from "node:fs";
import { is, sql, type SQL } from "drizzle-orm";
import { PgTable, getTableConfig } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { migrateDatabase } from "../../db/migrate";
import * as schema from "../../db/schema";
import { users } from "../../db/schema";
import { countRows, createTestUser } from "../db-utils";
import { db, getDatabaseHandle } from "~/utils/db.server";

const journal = JSON.parse(
  readFileSync(new URL("../../db/migrations/meta/_journal.json", import.meta.url), "utf8"),
) as { entries: unknown[] };

/** Rows of a raw query; both drivers answer with `{ rows }`. */
async function rowsOf<Row>(query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}

async function appliedMigrationCount(): Promise<number> {
  const [row] = await rowsOf<{ count: number | string }>(
    sql`select count(*) as count from drizzle.__drizzle_migrations`,
  );
  return Number(row?.count);
}

describe("migrateDatabase", () => {
  it("has applied every migration in the journal", async () => {
    expect(journal.entries.length).toBeGreaterThan(0);
    expect(await appliedMigrationCount()).toBe(journal.entries.length);
  });

  it("creates every table the drizzle schema declares", async () => {
    const declared = (Object.values(schema) as unknown[])
      .filter((value): value is PgTable => is(value, PgTable))
      .map((table) => getTableConfig(table).name)
      .sort();
    const existing = await rowsOf<{ name: string }>(
      sql`select table_name as name from information_schema.tables where table_schema = 'public'`,
    );
    expect(declared.length).toBeGreaterThan(0);
    expect(existing.map((row) => row.name)).toEqual(expect.arrayContaining(declared));
  });

  it("is harmless to run again: nothing re-applied, data kept", async () => {
    const person = await createTestUser();
    await migrateDatabase(getDatabaseHandle());
    await migrateDatabase(getDatabaseHandle());
    expect(await appliedMigrationCount()).toBe(journal.entries.length);
    expect(await countRows(users)).toBe(1);
    const [row] = await rowsOf<{ id: string }>(sql`select id from users`);
    expect(row?.id).toBe(person.id);
  });
});
