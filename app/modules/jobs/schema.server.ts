import { PgBoss } from "pg-boss";
import type { DatabaseHandle } from "../../../db/client";
import { queueDatabaseFor } from "./database-adapter.server";

/**
 * Creates pg-boss's own schema ("pgboss"), or brings it up to the installed pg-boss version.
 * Part of migrating the database (db/migrate.ts), so the build's database template and the
 * tests' snapshot already hold it and a server start only checks its version. pg-boss keeps
 * its version in that schema and takes an advisory lock, so servers starting together are safe.
 */
export async function installJobQueueSchema(handle: DatabaseHandle): Promise<void> {
  const boss = new PgBoss({
    db: queueDatabaseFor(handle),
    backend: handle.kind === "pglite" ? "pglite" : "postgres",
    supervise: false,
    schedule: false,
    registerInstance: false,
  });
  let failure: unknown;
  boss.on("error", (error) => {
    failure ??= error;
  });
  await boss.start();
  await boss.stop({ graceful: false, close: false });
  if (failure) throw failure;
}
