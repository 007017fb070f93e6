import { sql } from "drizzle-orm";
import packageJson from "../../../package.json";
import { getDatabaseHandle } from "~/utils/db.server";
import { getSearchEngine } from "../search/engine.server";
import { getSearchBacklog } from "../search/worker.server";

const CHECK_TIMEOUT_MS = 2_000;

async function isDatabaseReachable(): Promise<boolean> {
  try {
    const handle = getDatabaseHandle();
    const ping = handle.db.execute(sql`select 1`);
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error("timeout")), CHECK_TIMEOUT_MS).unref(),
    );
    await Promise.race([ping, timeout]);
    return true;
  } catch {
    return false;
  }
}

/** Resolves to `fallback` if `promise` takes longer than the health check may wait. */
function within<T>(promise: Promise<T>, fallback: T): Promise<T> {
  const timeout = new Promise<T>((resolve) => setTimeout(() => resolve(fallback), CHECK_TIMEOUT_MS).unref());
  return Promise.race([promise, timeout]);
}

/** Which engine, whether it answers and how many documents it holds. */
async function getEngineStatus() {
  const engine = getSearchEngine();
  const health = await within(engine.health(), { ok: false, engine: engine.name });
  const documents = health.ok ? await within(engine.count().catch(() => undefined), undefined) : undefined;
  return { engine: engine.name, reachable: health.ok, ...(documents === undefined ? {} : { documents }) };
}

/**
 * The database decides the status (503 when it is down). Search trouble never does: pages
 * still work and say that search is unavailable. The search `backlog` is the queue of changes not
 * yet applied to the index, null when the database cannot say.
 */
export async function getHealth() {
  const handle = getDatabaseHandle();
  const [databaseReachable, engineStatus] = await Promise.all([isDatabaseReachable(), getEngineStatus()]);
  const backlog = databaseReachable ? await within(getSearchBacklog().catch(() => null), null) : null;
  return {
    status: databaseReachable ? "ok" : "unavailable",
    version: packageJson.version,
    uptimeSeconds: Math.round(process.uptime()),
    database: { kind: handle.kind, reachable: databaseReachable },
    search: { ...engineStatus, backlog },
  };
}
