import { sql } from "drizzle-orm";
import packageJson from "../../../package.json";
import { getDatabaseHandle } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

const DATABASE_TIMEOUT_MS = 2_000;

async function isDatabaseReachable(): Promise<boolean> {
  try {
    const handle = getDatabaseHandle();
    const ping = handle.db.execute(sql`select 1`);
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error("timeout")), DATABASE_TIMEOUT_MS).unref(),
    );
    await Promise.race([ping, timeout]);
    return true;
  } catch {
    return false;
  }
}

async function getSearchStatus() {
  const env = getEnv();
  if (!env.MEILI_HOST) {
    // The embedded engine runs in this process: reachable whenever the server answers.
    return { engine: "embedded", reachable: true };
  }
  try {
    const response = await fetch(new URL("/health", env.MEILI_HOST), {
      signal: AbortSignal.timeout(DATABASE_TIMEOUT_MS),
    });
    return { engine: "meilisearch", reachable: response.ok };
  } catch {
    return { engine: "meilisearch", reachable: false };
  }
}

export async function getHealth() {
  const handle = getDatabaseHandle();
  const [databaseReachable, search] = await Promise.all([isDatabaseReachable(), getSearchStatus()]);
  return {
    status: databaseReachable ? "ok" : "unavailable",
    version: packageJson.version,
    uptimeSeconds: Math.round(process.uptime()),
    database: { kind: handle.kind, reachable: databaseReachable },
    search,
  };
}
