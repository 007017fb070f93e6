/**
 * The scale-out measurement (issue 12): the class's lesson served by one server process, then
 * by two (`WEB_CONCURRENCY=2`), on one PostgreSQL database made for the run and dropped after.
 * Besides requests per second it reads the CPU each party used during the load (the server
 * processes, PostgreSQL's, the load generator in this process), since on a 2-core machine they
 * all share the same cores.
 */
import { readdirSync, readFileSync } from "node:fs";
import {
  createTestDatabase,
  dropTestDatabase,
  newTestDatabaseName,
  withDatabaseName,
} from "../../setup/test-database";
import { freePort, HOST, httpRequest, signIn, signUp, enrol, waitForOk } from "./http";
import { runLoad, assertAllOk, type LoadResult } from "./load";
import {
  processTree,
  readMemory,
  spawnManaged,
  stopGracefully,
  type ManagedProcess,
} from "./processes";

const TICKS_PER_SECOND = 100;

export interface ScaleOutRow {
  processes: number;
  load: LoadResult;
  /** CPU seconds used during the measured load, per party. */
  cpuSeconds: { servers: number; postgres: number; loadGenerator: number };
  /** Resident memory of each server process after the load, in MiB. */
  rssMbPerServer: number[];
}

export interface ScaleOutResult {
  path: string;
  members: number;
  rows: ScaleOutRow[];
  /** Two processes' requests per second over one's. */
  speedup: number;
}

/** utime + stime of a process, in clock ticks (0 once it is gone). */
function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** Every process named postgres on this machine (the server's backends among them). */
function postgresPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() === "postgres")
        pids.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}

function sumTicks(pids: number[]): Map<number, number> {
  return new Map(pids.map((pid) => [pid, cpuTicks(pid)]));
}

function ticksSince(before: Map<number, number>, pids: number[]): number {
  let total = 0;
  for (const pid of pids) total += cpuTicks(pid) - (before.get(pid) ?? 0);
  return total / TICKS_PER_SECOND;
}

export interface ScaleOutOptions {
  projectRoot: string;
  /** For the MDX cache: the database is PostgreSQL's. */
  dataDir: string;
  startArguments: string[];
  serverUrl: string;
  path: string;
  courseSlug: string;
  members: Array<{ email: string; password: string; displayName: string }>;
  connections: number;
  durationSec: number;
  warmupSec: number;
  progress: (message: string) => void;
}

export async function measureScaleOut(options: ScaleOutOptions): Promise<ScaleOutResult> {
  const databaseName = newTestDatabaseName().replace("practica_test_", "practica_bench_");
  await createTestDatabase(options.serverUrl, databaseName);
  const databaseUrl = withDatabaseName(options.serverUrl, databaseName);
  const rows: ScaleOutRow[] = [];
  try {
    for (const processes of [1, 2]) {
      const port = await freePort();
      const origin = `http://${HOST}:${port}`;
      options.progress(`scale-out: ${processes} server process(es) on PostgreSQL`);
      const server: ManagedProcess = spawnManaged(
        `Practica on PostgreSQL, WEB_CONCURRENCY=${processes}`,
        process.execPath,
        options.startArguments,
        {
          cwd: options.projectRoot,
          env: {
            ...process.env,
            NODE_ENV: "production",
            HOST,
            PORT: String(port),
            DATA_DIR: options.dataDir,
            LOG_LEVEL: "warn",
            DATABASE_URL: databaseUrl,
            WEB_CONCURRENCY: String(processes),
            SEED_DEMO: "0",
            MEILI_HOST: "",
            MEILI_API_KEY: "",
            SMTP_URL: "",
            PUBLIC_URL: "",
            TRUST_PROXY: "0",
            RATE_LIMIT_FACTOR: "1000",
          },
        },
      );
      try {
        await waitForOk(server, `${origin}/healthz`, { intervalMs: 50, timeoutMs: 120_000 });
        // Every process of a cluster must be listening before the load.
        await new Promise((resolve) => setTimeout(resolve, processes > 1 ? 3_000 : 0));
        const cookies: Record<string, string>[] = [];
        for (const member of options.members) {
          const cookie =
            rows.length === 0 ? await signUp(origin, member) : await signIn(origin, member);
          if (rows.length === 0) await enrol(origin, options.courseSlug, cookie);
          cookies.push({ Cookie: cookie });
        }
        const preflight = await httpRequest(`${origin}${options.path}`, { headers: cookies[0] });
        if (preflight.status !== 200)
          throw new Error(`scale-out preflight GET ${options.path} answered ${preflight.status}`);
        const loadOptions = {
          url: `${origin}${options.path}`,
          headers: { "Cache-Control": "no-cache" },
          perConnectionHeaders: cookies,
          connections: options.connections,
        };
        if (options.warmupSec > 0)
          await runLoad({ ...loadOptions, durationSec: options.warmupSec });
        const serverPids = processTree(server.pid);
        const pgPids = postgresPids();
        const serversBefore = sumTicks(serverPids);
        const postgresBefore = sumTicks(pgPids);
        const ownBefore = process.cpuUsage();
        const load = await runLoad({ ...loadOptions, durationSec: options.durationSec });
        const own = process.cpuUsage(ownBefore);
        assertAllOk(`scale-out, ${processes} process(es)`, load);
        // The primary of a cluster serves nothing; its workers are its children.
        const servingPids =
          processes > 1 ? serverPids.filter((pid) => pid !== server.pid) : serverPids;
        rows.push({
          processes,
          load,
          cpuSeconds: {
            servers: ticksSince(serversBefore, serverPids),
            postgres: ticksSince(postgresBefore, pgPids),
            loadGenerator: (own.user + own.system) / 1e6,
          },
          rssMbPerServer: servingPids.flatMap((pid) => {
            try {
              return [readMemory(pid).rssMb];
            } catch {
              return [];
            }
          }),
        });
      } finally {
        if (!server.exitInfo) await stopGracefully(server, 20_000);
      }
    }
  } finally {
    await dropTestDatabase(options.serverUrl, databaseName);
  }
  const [one, two] = rows;
  return {
    path: options.path,
    members: options.members.length,
    rows,
    speedup: one && two && one.load.rps > 0 ? two.load.rps / one.load.rps : 0,
  };
}
