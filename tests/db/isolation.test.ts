import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "../../db/schema";
import { countRows, createTestUser } from "../db-utils";
import { db, getDatabaseHandle } from "~/utils/db.server";

describe("per-file test database", () => {
  it("starts empty and migrated", async () => {
    expect(await countRows(users)).toBe(0);
  });

  it("is a throwaway database, never a developer's own", async () => {
    const handle = getDatabaseHandle();
    if (process.env.TEST_DATABASE_URL) {
      expect(handle.kind).toBe("postgres");
      const result = await db.execute<{ name: string }>(sql`select current_database() as name`);
      const name = (result as unknown as { rows: { name: string }[] }).rows[0]?.name;
      expect(name).toMatch(/^practica_test_[0-9a-f]{12}$/);
    } else {
      expect(handle).toMatchObject({ kind: "pglite", location: "memory://" });
    }
  });

  it("keeps what the file writes for the rest of the file", async () => {
    await createTestUser({ email: "isolation@example.test" });
    expect(await countRows(users)).toBe(1);
  });
});
