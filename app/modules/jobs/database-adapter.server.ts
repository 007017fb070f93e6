import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type pg from "pg";
import { fromDrizzle, fromPglite, type Db, type DrizzleTransactionLike } from "pg-boss";
import type { Database, DatabaseHandle } from "../../../db/client";

/** A drizzle transaction, as `db.transaction(async (tx) => ...)` hands it out. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

/**
 * pg-boss runs its SQL through the app's own database connection, so the queue works wherever
 * the app does: the embedded PGlite (one connection, shared with every request) or the
 * PostgreSQL pool. No second pool, and closing the database closes the queue's connection too.
 */
export function queueDatabaseFor(handle: DatabaseHandle): Db {
  // drizzle keeps its driver client as $client: a PGlite instance or a pg Pool.
  const client: unknown = (handle.db as unknown as { $client: unknown }).$client;
  if (handle.kind === "pglite") return fromPglite(client as PGlite);
  return fromPool(client as pg.Pool);
}

/**
 * A pg Pool as pg-boss's database. pg-boss sends parameterless multi-statement SQL (its
 * schema, its locked maintenance blocks); pg runs those with the simple protocol and answers
 * one result per statement, whose rows pg-boss expects together.
 */
function fromPool(pool: pg.Pool): Db {
  return {
    async executeSql(text, values) {
      const result: unknown = await pool.query(text, values);
      if (Array.isArray(result)) {
        return { rows: (result as pg.QueryResult[]).flatMap((part) => part.rows ?? []) };
      }
      return result as pg.QueryResult;
    },
  };
}

/** The caller's drizzle transaction as pg-boss's database: the job commits with the caller's writes. */
export function queueDatabaseInTransaction(tx: Transaction): Db {
  // drizzle types execute()'s result per driver; both drivers answer with rows pg-boss reads.
  return fromDrizzle(tx as unknown as DrizzleTransactionLike, sql);
}
