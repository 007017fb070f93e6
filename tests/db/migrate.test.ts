import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
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

describe("0003_search_query_ids", () => {
  it("gives logged searches UUIDs and keeps each click with its search", async () => {
    // A database at 0002, with searches and clicks in it, then migrated to the end.
    const migrations = new URL("../../db/migrations/", import.meta.url).pathname;
    const upTo0002 = mkdtempSync(path.join(os.tmpdir(), "practica-migrations-"));
    try {
      cpSync(migrations, upTo0002, { recursive: true });
      const full = JSON.parse(
        readFileSync(path.join(migrations, "meta/_journal.json"), "utf8"),
      ) as {
        entries: Array<{ tag: string }>;
      };
      const cut = full.entries.findIndex((entry) => entry.tag === "0003_search_query_ids");
      writeFileSync(
        path.join(upTo0002, "meta/_journal.json"),
        JSON.stringify({ ...full, entries: full.entries.slice(0, cut) }),
      );
      const client = new PGlite();
      const old = drizzle(client);
      await migrate(old, { migrationsFolder: upTo0002 });
      await client.exec(`
        insert into search_queries (scope, query, result_count) values ('toolkit', 'dpia', 3), ('site', 'nothing', 0);
        insert into search_clicks (query_id, document_id, position) values (1, 'toolkit:a', 1), (1, 'toolkit:b', 2);
      `);
      await migrate(old, { migrationsFolder: migrations });

      const searches = await client.query<{ id: string; query: string; clicks: number }>(
        `select q.id, q.query, (select count(*)::int from search_clicks c where c.query_id = q.id) as clicks
           from search_queries q order by q.query`,
      );
      expect(searches.rows.map(({ query, clicks }) => ({ query, clicks }))).toEqual([
        { query: "dpia", clicks: 2 },
        { query: "nothing", clicks: 0 },
      ]);
      for (const { id } of searches.rows) expect(id).toMatch(/^[0-9a-f-]{36}$/);
      // New rows get an id from the server, or from the default.
      await client.exec(
        `insert into search_queries (scope, query, result_count) values ('site', 'x', 0)`,
      );
      expect((await client.query(`select * from search_queries`)).rows).toHaveLength(3);
      await client.close();
    } finally {
      rmSync(upTo0002, { recursive: true, force: true });
    }
  });
});
