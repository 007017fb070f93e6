import { sql } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migrateNodePostgres } from "drizzle-orm/node-postgres/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { installJobQueueSchema } from "../app/modules/jobs/schema.server";
import type { DatabaseHandle } from "./client";
import { migrationsFolder } from "./paths";
import { runAsScript } from "./script";

/** An arbitrary constant: several app instances starting at once migrate one at a time. */
const MIGRATION_LOCK_ID = 7_061_999;

/**
 * Applies every pending migration in db/migrations, then installs or upgrades the job queue's
 * own schema (app/modules/jobs/schema.server.ts). Safe to run at every start.
 */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
  } else {
    const db = handle.db as unknown as NodePgDatabase;
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_ID})`);
      await migrateNodePostgres(tx as unknown as NodePgDatabase, { migrationsFolder });
    });
  }
  await installJobQueueSchema(handle);
}

runAsScript(import.meta.url, async (handle) => {
  await migrateDatabase(handle);
  console.log(`Migrations applied (${handle.kind}: ${handle.location}).`);
});
