import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Env } from "../app/utils/env.server";
import type { DatabaseHandle } from "./client";

/**
 * Runs `task` as a command-line script when `moduleUrl` is the file node was started with:
 * opens the configured database, always closes it, and exits 1 with one line on failure.
 */
export function runAsScript(moduleUrl: string, task: (handle: DatabaseHandle, env: Env) => Promise<void>): void {
  if (!process.argv[1] || fileURLToPath(moduleUrl) !== path.resolve(process.argv[1])) return;
  const run = async () => {
    const { getEnv } = await import("../app/utils/env.server");
    const { createDatabase } = await import("./client");
    const env = getEnv();
    const handle = createDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
    try {
      await task(handle, env);
    } finally {
      await handle.close();
    }
  };
  run().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
