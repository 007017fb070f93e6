/**
 * `npm run bench`: how fast Practica starts, how much it serves, how much memory it keeps.
 *
 *   1. Cold start of the production server (build present) on a fresh temporary DATA_DIR,
 *      from spawn to the first 200 on `/`; a second start on the same folder; graceful
 *      shutdown time after SIGTERM for both.
 *   2. autocannon at BENCH_CONNECTIONS (50) connections for BENCH_DURATION (10) seconds per
 *      scenario (scenarios.ts), next to a bare node:http server answering the same home page HTML.
 *   3. Resident memory of the server process after the load.
 *   4. The JavaScript a lesson page sends (every script and module preload, gzipped), and the
 *      content compile: every MDX file compiled into an empty cache (cold), then loaded again
 *      from that cache in a new process (warm), which must compile nothing.
 *   5. The embedded search engine on 10,000 generated documents (BENCH_SEARCH_DOCUMENTS), in a
 *      process of its own: index build time and memory, search latency p50/p95 (search/bench.ts).
 *      The toolkit search page itself is one of the load scenarios (scenarios.ts).
 *   6. The matching module ranking 10,000 generated offers: one request at a time (p95), and a
 *      batch of 1,000 requests (tests/bench/lib/matching.ts).
 *   7. With BENCH_DATABASE_URL: one and then two server processes on that PostgreSQL serving the
 *      class's lesson (tests/bench/lib/scale-out.ts).
 *
 * Prints a table and writes tests/bench/results/latest.json. It is a report, not a test: it
 * exits 0 when targets are missed, and 1 only when it could not measure (a crash, a non-2xx).
 * Loopback only; everything it starts it stops, with its whole process group, however it ends.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildMode, ensureProductionBuild, type BuildStatus } from "./lib/build";
import { enrol, freePort, HOST, httpRequest, signUp, waitForOk } from "./lib/http";
import { assertAllOk, runLoad, type LoadResult } from "./lib/load";
import {
  commandLine,
  findListeningPid,
  killAll,
  killAllSync,
  readMemory,
  spawnManaged,
  stopGracefully,
  type ManagedProcess,
  type MemorySample,
  type StopResult,
} from "./lib/processes";
import { loadContent, type ContentLoadResult } from "./lib/content-load";
import { measurePageJavaScript, type PageJavaScript } from "./lib/page-js";
import { matchingChecks, measureMatching, type MatchingResult } from "./lib/matching";
import {
  measureSearchEngine,
  renderSearchEngineTable,
  searchEngineChecks,
  type SearchEngineResult,
} from "./lib/search-engine";
import {
  bytes,
  kb,
  mb,
  ms,
  percent,
  perSecond,
  renderTable,
  verdict,
  type Check,
} from "./lib/report";
import {
  BASELINE_NAME,
  CLASS_COURSE_SLUG,
  CLASS_SIZE,
  classMember,
  JS_WEIGHT_PATH,
  LESSON_PATH,
  PRACTICA_SCENARIOS,
  REFERENCE_NAME,
  TARGETS,
  type LoadScenario,
  type ScenarioTargets,
} from "./scenarios";
import { npmStartNodeArguments } from "../npm-start";
import { measureScaleOut, type ScaleOutResult } from "./lib/scale-out";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const resultsDir = path.join(projectRoot, "tests/bench/results");

const SERVER_LOG_LEVEL = "warn";
/** `npm start` as package.json has it: node's options, then app/server/start.mjs. */
const START_ARGUMENTS = [
  // BENCH_CPU_PROF_DIR=dir: every server process writes a V8 CPU profile there when it stops.
  ...(process.env.BENCH_CPU_PROF_DIR
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`]
    : []),
  ...npmStartNodeArguments(),
];
const POLL_INTERVAL_MS = 25;
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 15_000; // the server's own grace period is 10 s

function numberFromEnv(name: string, fallback: number, { allowZero = false } = {}): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new Error(
      `${name} must be a ${allowZero ? "non-negative" : "positive"} number, got ${JSON.stringify(raw)}`,
    );
  }
  return value;
}

const config = {
  durationSec: numberFromEnv("BENCH_DURATION", 10),
  searchDocuments: Math.round(numberFromEnv("BENCH_SEARCH_DOCUMENTS", TARGETS.searchDocuments)),
  warmupSec: numberFromEnv("BENCH_WARMUP", 1, { allowZero: true }),
  connections: Math.round(numberFromEnv("BENCH_CONNECTIONS", 50)),
  /** A PostgreSQL server for the scale-out rows (one vs two processes); without it they are skipped. */
  scaleOutDatabase: process.env.BENCH_DATABASE_URL ? "BENCH_DATABASE_URL" : null,
  serverLogLevel: SERVER_LOG_LEVEL,
  pollIntervalMs: POLL_INTERVAL_MS,
};

function progress(message: string): void {
  console.error(`· ${message}`);
}

// ---------------------------------------------------------------------------------------------
// Processes under test.

function startPractica(port: number, dataDir: string, label: string): ManagedProcess {
  // `npm start`'s own command without npm's wrapper, so the spawned pid is the server itself
  // (its RSS is the one measured).
  return spawnManaged(label, process.execPath, START_ARGUMENTS, {
    cwd: projectRoot,
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: SERVER_LOG_LEVEL,
      // Empty counts as unset (env.server.ts): embedded PGlite with demo accounts, nothing external.
      DATABASE_URL: "",
      SEED_DEMO: "1",
      MEILI_HOST: "",
      MEILI_API_KEY: "",
      SMTP_URL: "",
      PUBLIC_URL: "",
      TRUST_PROXY: "0",
      // The class signs up from one address within seconds; the limits would refuse most of it.
      RATE_LIMIT_FACTOR: "1000",
    },
  });
}

function startBare(port: number, htmlFile: string): ManagedProcess {
  return spawnManaged(
    "bare node:http server",
    process.execPath,
    ["--import", "tsx", "tests/bench/bare-server.ts"],
    {
      cwd: projectRoot,
      env: {
        ...process.env,
        NODE_ENV: "production",
        HOST,
        PORT: String(port),
        BARE_HTML_FILE: htmlFile,
      },
    },
  );
}

function rebuiltDuringStart(proc: ManagedProcess): boolean {
  return proc.output().includes("Building Practica");
}

async function loadWithWarmup(
  name: string,
  url: string,
  headers: Record<string, string>,
  perConnectionHeaders?: Record<string, string>[],
): Promise<LoadResult> {
  const options = { url, headers, perConnectionHeaders, connections: config.connections };
  if (config.warmupSec > 0) {
    progress(`${name}: warming up for ${config.warmupSec} s`);
    await runLoad({ ...options, durationSec: config.warmupSec });
  }
  progress(`${name}: ${config.connections} connections for ${config.durationSec} s`);
  const load = await runLoad({ ...options, durationSec: config.durationSec });
  assertAllOk(name, load);
  return load;
}

// ---------------------------------------------------------------------------------------------
// The run.

/** A scenario's targets, TARGETS filling what it leaves out (null means "no target" and must survive: not `??`). */
function scenarioTargets(scenario: LoadScenario): ScenarioTargets {
  const own = scenario.targets ?? {};
  const pick = <Key extends keyof ScenarioTargets>(key: Key, fallback: ScenarioTargets[Key]) =>
    own[key] === undefined ? fallback : (own[key] as ScenarioTargets[Key]);
  return {
    p99Ms: pick("p99Ms", TARGETS.p99Ms),
    minShareOfBareRps: pick("minShareOfBareRps", TARGETS.minShareOfBareRps),
    minShareOfReferenceRps: pick("minShareOfReferenceRps", null),
    maxP99OverP50: pick("maxP99OverP50", null),
  };
}

/** One row's checks, each saying what it measures; rows without a target are reported as info. */
function scenarioChecks(scenario: ScenarioRecord, baselineLoad: LoadResult): Check[] {
  const { load, targets } = scenario;
  const checks: Check[] = [
    {
      name: `p99 latency, ${scenario.name} — the slowest 1% wait at most this`,
      value: ms(load.latencyP99Ms),
      target: targets.p99Ms === null ? "" : `< ${ms(targets.p99Ms)}`,
      pass: targets.p99Ms === null ? undefined : load.latencyP99Ms < targets.p99Ms,
    },
    {
      name: `req/s vs bare, ${scenario.name} — what the framework and app cost`,
      value: `${perSecond(load.rps)} = ${percent(scenario.shareOfBareRps)} of ${perSecond(baselineLoad.rps)}`,
      target: targets.minShareOfBareRps === null ? "" : `≥ ${percent(targets.minShareOfBareRps)}`,
      pass:
        targets.minShareOfBareRps === null
          ? undefined
          : scenario.shareOfBareRps >= targets.minShareOfBareRps,
    },
  ];
  if (targets.minShareOfReferenceRps !== null) {
    const share = scenario.shareOfReferenceRps;
    checks.push({
      name: `req/s vs "${REFERENCE_NAME}", ${scenario.name} — what being signed in costs on top of rendering`,
      value: share === null ? "no reference row" : percent(share),
      target: `≥ ${percent(targets.minShareOfReferenceRps)}`,
      pass: share !== null && share >= targets.minShareOfReferenceRps,
    });
  }
  if (targets.maxP99OverP50 !== null) {
    const ratio = load.latencyP50Ms > 0 ? load.latencyP99Ms / load.latencyP50Ms : Infinity;
    checks.push({
      name: `p99 / p50, ${scenario.name} — whether some requests stall behind the others`,
      value: `${ratio.toFixed(1)}× (${ms(load.latencyP99Ms)} / ${ms(load.latencyP50Ms)})`,
      target: `≤ ${targets.maxP99OverP50}×`,
      pass: ratio <= targets.maxP99OverP50,
    });
  }
  return checks;
}

interface ShutdownRecord extends StopResult {
  label: string;
}

interface ScenarioRecord {
  name: string;
  path: string;
  /** Different members signed in, one per connection; 0 for anonymous rows. */
  members: number;
  targets: ScenarioTargets;
  load: LoadResult;
  shareOfBareRps: number;
  /** Share of REFERENCE_NAME's requests per second in the same run. */
  shareOfReferenceRps: number | null;
}

interface BenchResults {
  startedAt: string;
  finishedAt: string;
  environment: {
    /** 1-, 5- and 15-minute load averages when the bench started: other work skews every number. */
    loadAverageAtStart: number[];
    node: string;
    platform: string;
    arch: string;
    cpus: number;
    cpuModel: string;
    loadAverage: number[];
  };
  config: typeof config;
  /** Builds the bench ran itself, right before each timed start (the sources may change under it). */
  builds: (BuildStatus & { before: string })[];
  buildMode: string | undefined;
  startup: {
    coldFreshDataDirMs: number;
    warmDataDirMs: number;
    rebuiltDuringColdStart: boolean;
    rebuiltDuringWarmStart: boolean;
  };
  shutdown: ShutdownRecord[];
  load: {
    baseline: { name: string; htmlBytes: number; load: LoadResult };
    scenarios: ScenarioRecord[];
  };
  memory: { pid: number; command: string; idleAfterStart: MemorySample; afterLoad: MemorySample };
  pageJavaScript: PageJavaScript;
  content: { cold: ContentLoadResult; warm: ContentLoadResult };
  searchEngine: SearchEngineResult;
  matching: MatchingResult;
  scaleOut: ScaleOutResult | null;
  targets: typeof TARGETS;
  checks: Check[];
  summary: { passed: number; failed: number; line: string };
}

async function bench(tempDir: string): Promise<BenchResults> {
  const startedAt = new Date();
  const dataDir = path.join(tempDir, "data");

  const loadAverageAtStart = os.loadavg();
  // Checked again right before each timed start: otherwise `npm start` would rebuild inside the timing.
  const builds: BenchResults["builds"] = [];
  const prepareBuild = (before: string) => {
    const status = ensureProductionBuild(projectRoot);
    if (status.problem) builds.push({ before, ...status });
  };

  prepareBuild("the cold start");

  // 1. Cold start on a fresh data folder, then graceful shutdown.
  const coldPort = await freePort();
  progress(
    `cold start: ${process.execPath} ${START_ARGUMENTS.join(" ")} (fresh DATA_DIR ${dataDir})`,
  );
  const cold = startPractica(coldPort, dataDir, "Practica (cold start)");
  const coldMs = await waitForOk(cold, `http://${HOST}:${coldPort}/`, {
    intervalMs: POLL_INTERVAL_MS,
    timeoutMs: START_TIMEOUT_MS,
  });
  const rebuiltDuringColdStart = rebuiltDuringStart(cold);
  progress(`cold start: first 200 after ${ms(coldMs)}; sending SIGTERM`);
  const shutdown: ShutdownRecord[] = [
    { label: "idle, after the cold start", ...(await stopGracefully(cold, STOP_TIMEOUT_MS)) },
  ];

  // 2. Second start on the same (now migrated and seeded) folder; this server takes the load.
  const port = await freePort();
  const origin = `http://${HOST}:${port}`;
  prepareBuild("the warm start");
  progress("warm start: same DATA_DIR again");
  const server = startPractica(port, dataDir, "Practica (warm data folder)");
  const warmMs = await waitForOk(server, `${origin}/`, {
    intervalMs: POLL_INTERVAL_MS,
    timeoutMs: START_TIMEOUT_MS,
  });
  const rebuiltDuringWarmStart = rebuiltDuringStart(server);
  progress(`warm start: first 200 after ${ms(warmMs)}`);

  const serverPid = findListeningPid(server.pid, port);
  if (serverPid === undefined)
    throw new Error(`no process in ${server.pid}'s tree listens on port ${port}`);
  const idleAfterStart = readMemory(serverPid);

  // The class: CLASS_SIZE members signed up through the form and enrolled, each with their
  // own session cookie, so every signed-in row is many different people.
  progress(`signing up ${CLASS_SIZE} members and enrolling them in ${CLASS_COURSE_SLUG}`);
  const classCookies: Record<string, string>[] = [];
  for (let index = 0; index < CLASS_SIZE; index += 1) {
    const cookie = await signUp(origin, classMember(index));
    await enrol(origin, CLASS_COURSE_SLUG, cookie);
    classCookies.push({ Cookie: cookie });
  }

  // A preflight of every scenario: a redirect or an error page is not a benchmark.
  for (const scenario of PRACTICA_SCENARIOS) {
    for (const perConnection of scenario.asClass ? classCookies : [{}]) {
      const headers = { ...scenario.headers, ...perConnection };
      const preflight = await httpRequest(`${origin}${scenario.path}`, { headers });
      if (preflight.status !== 200) {
        throw new Error(
          `${scenario.name}: preflight GET ${scenario.path} answered ${preflight.status}, expected 200`,
        );
      }
    }
  }

  // The JavaScript a first visit to a lesson downloads (anonymous, so no session needed).
  progress(`weighing the JavaScript of ${JS_WEIGHT_PATH}`);
  const pageJavaScript = await measurePageJavaScript(origin, JS_WEIGHT_PATH);

  // The baseline: the home page HTML, served by nothing but node:http.
  const home = await httpRequest(`${origin}/`);
  if (home.status !== 200)
    throw new Error(`GET / answered ${home.status} when capturing the home page`);
  const htmlFile = path.join(tempDir, "home.html");
  writeFileSync(htmlFile, home.body);
  const barePort = await freePort();
  const bare = startBare(barePort, htmlFile);
  let baselineLoad: LoadResult;
  try {
    await waitForOk(bare, `http://${HOST}:${barePort}/`, {
      intervalMs: POLL_INTERVAL_MS,
      timeoutMs: 30_000,
    });
    baselineLoad = await loadWithWarmup(BASELINE_NAME, `http://${HOST}:${barePort}/`, {});
  } finally {
    if (!bare.exitInfo) await stopGracefully(bare, STOP_TIMEOUT_MS);
  }

  const scenarios: ScenarioRecord[] = [];
  for (const scenario of PRACTICA_SCENARIOS) {
    const load = await loadWithWarmup(
      scenario.name,
      `${origin}${scenario.path}`,
      scenario.headers ?? {},
      scenario.asClass ? classCookies : undefined,
    );
    scenarios.push({
      name: scenario.name,
      path: scenario.path,
      members: scenario.asClass ? classCookies.length : 0,
      targets: scenarioTargets(scenario),
      load,
      shareOfBareRps: baselineLoad.rps > 0 ? load.rps / baselineLoad.rps : 0,
      shareOfReferenceRps: null,
    });
  }
  const reference = scenarios.find((scenario) => scenario.name === REFERENCE_NAME);
  for (const scenario of scenarios) {
    if (reference && reference.load.rps > 0)
      scenario.shareOfReferenceRps = scenario.load.rps / reference.load.rps;
  }

  // 3. Memory of the process that served all that.
  const afterLoad = readMemory(serverPid);
  const command = commandLine(serverPid);
  progress("stopping the server (SIGTERM)");
  shutdown.push({ label: "after the load", ...(await stopGracefully(server, STOP_TIMEOUT_MS)) });

  // 4. Content compile, with the server stopped: cold into an empty MDX cache, then warm.
  const mdxCacheDir = path.join(tempDir, "mdx-cache");
  progress(`content compile, cold: empty MDX cache ${mdxCacheDir}`);
  const contentCold = await loadContent(projectRoot, mdxCacheDir, "cold");
  progress(`content compile, cold: ${contentCold.compiled} files in ${ms(contentCold.loadMs)}`);
  const contentWarm = await loadContent(projectRoot, mdxCacheDir, "warm");
  progress(`content load, warm: ${contentWarm.compiled} files compiled, ${ms(contentWarm.loadMs)}`);

  // 5. The embedded search engine on generated documents, also with the server stopped.
  progress(
    `embedded search: indexing ${config.searchDocuments} generated documents, then searching`,
  );
  const searchEngine = await measureSearchEngine(projectRoot, config.searchDocuments);
  progress(`embedded search: index built in ${ms(searchEngine.indexBuildMs)}`);

  // 6. Matching: ranking generated offers, in this process (the module is pure).
  progress("matching: ranking 10,000 generated offers");
  const matching = measureMatching();

  // 7. One vs two server processes on PostgreSQL, the class's lesson (BENCH_DATABASE_URL).
  const scaleOutUrl = process.env.BENCH_DATABASE_URL;
  const scaleOut = scaleOutUrl
    ? await measureScaleOut({
        projectRoot,
        dataDir: path.join(tempDir, "scale-out"),
        startArguments: START_ARGUMENTS,
        serverUrl: scaleOutUrl,
        path: LESSON_PATH,
        courseSlug: CLASS_COURSE_SLUG,
        members: Array.from({ length: CLASS_SIZE }, (_, index) => classMember(index)),
        connections: config.connections,
        durationSec: config.durationSec,
        warmupSec: config.warmupSec,
        progress,
      })
    : null;
  if (!scaleOut) progress("scale-out: skipped (set BENCH_DATABASE_URL to a PostgreSQL server)");

  // Targets.
  const checks: Check[] = [
    {
      name: "Cold start, fresh DATA_DIR (spawn → first 200 on /)",
      value: ms(coldMs) + (rebuiltDuringColdStart ? " (included a rebuild!)" : ""),
      target: `< ${ms(TARGETS.coldStartMs)}`,
      pass: coldMs < TARGETS.coldStartMs,
    },
    {
      name: "Start again, same DATA_DIR (migrated, seeded)",
      value: ms(warmMs) + (rebuiltDuringWarmStart ? " (included a rebuild!)" : ""),
      target: "",
      pass: undefined,
    },
    ...shutdown.map((stop) => ({
      name: `Shutdown on SIGTERM, ${stop.label}`,
      value: `${ms(stop.shutdownMs)}, ${stop.signal ? `killed by ${stop.signal}` : `exit ${String(stop.code)}`}${stop.forced ? " (forced)" : ""}`,
      target: "exits 0 by itself",
      pass: stop.code === 0 && !stop.forced,
    })),
    ...scenarios.flatMap((scenario) => scenarioChecks(scenario, baselineLoad)),
    {
      name: `JavaScript sent to the lesson page, gzipped (${pageJavaScript.scripts.length} files)`,
      value: `${kb(pageJavaScript.totalGzipBytes)} (${kb(pageJavaScript.totalBytes)} uncompressed)`,
      target: `< ${kb(TARGETS.pageJsGzipBytes)}`,
      pass: pageJavaScript.totalGzipBytes < TARGETS.pageJsGzipBytes,
    },
    {
      name: "Inline scripts in the lesson page HTML, gzipped",
      value: `${kb(pageJavaScript.inlineGzipBytes)} (${kb(pageJavaScript.inlineBytes)} uncompressed)`,
      target: "",
      pass: undefined,
    },
    {
      name: "Content compile, cold (empty MDX cache)",
      value: `${ms(contentCold.loadMs)}, ${contentCold.compiled} of ${contentCold.files} files compiled (${ms(contentCold.withImportsMs)} with imports)`,
      target: "",
      pass: undefined,
    },
    {
      name: "Content load, warm start (same MDX cache, new process)",
      value: `${ms(contentWarm.loadMs)}, ${contentWarm.compiled} of ${contentWarm.files} files compiled (${ms(contentWarm.withImportsMs)} with imports)`,
      target: "recompiles nothing (0 files)",
      pass:
        contentWarm.compiled <= TARGETS.warmContentCompiles &&
        contentWarm.fromCache === contentWarm.files,
    },
    ...searchEngineChecks(searchEngine, TARGETS),
    ...matchingChecks(matching, TARGETS),
    {
      name: "Resident memory (VmRSS), idle after start",
      value: mb(idleAfterStart.rssMb),
      target: "",
      pass: undefined,
    },
    {
      name: "Resident memory (VmRSS), after the load",
      value: mb(afterLoad.rssMb),
      target: `< ${TARGETS.rssMb} MB`,
      pass: afterLoad.rssMb < TARGETS.rssMb,
    },
    {
      name: "Peak resident memory (VmHWM)",
      value: mb(afterLoad.peakRssMb),
      target: "",
      pass: undefined,
    },
    ...scaleOutChecks(scaleOut),
  ];
  const judged = checks.filter((check) => check.pass !== undefined);
  const failed = judged.filter((check) => check.pass === false);
  const line =
    failed.length === 0
      ? `BENCH SUMMARY: PASS — all ${judged.length} targets met`
      : `BENCH SUMMARY: FAIL — ${failed.length} of ${judged.length} targets missed: ${failed.map((check) => `${check.name} (${check.value})`).join("; ")}`;

  return {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    environment: {
      loadAverageAtStart,
      node: process.version,
      platform: process.platform,
      arch: process.arch,
      cpus: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      loadAverage: os.loadavg(),
    },
    config,
    builds,
    buildMode: buildMode(projectRoot),
    startup: {
      coldFreshDataDirMs: coldMs,
      warmDataDirMs: warmMs,
      rebuiltDuringColdStart,
      rebuiltDuringWarmStart,
    },
    shutdown,
    load: {
      baseline: {
        name: BASELINE_NAME,
        htmlBytes: Buffer.byteLength(home.body),
        load: baselineLoad,
      },
      scenarios,
    },
    memory: { pid: serverPid, command, idleAfterStart, afterLoad },
    pageJavaScript,
    content: { cold: contentCold, warm: contentWarm },
    searchEngine,
    matching,
    scaleOut,
    targets: TARGETS,
    checks,
    summary: { passed: judged.length - failed.length, failed: failed.length, line },
  };
}

/** The scale-out rows: what two processes serve over one, and the CPU each party used. */
function scaleOutChecks(scaleOut: ScaleOutResult | null): Check[] {
  if (!scaleOut) {
    return [
      {
        name: "Scale-out on PostgreSQL, two processes vs one — lesson (class)",
        value: "not measured: set BENCH_DATABASE_URL=postgres://… (a server where the bench may create a database)",
        target: `≥ ${TARGETS.minScaleOutSpeedup}×`,
        pass: undefined,
      },
    ];
  }
  const checks: Check[] = scaleOut.rows.map((row) => ({
    name: `Scale-out, ${row.processes} process${row.processes > 1 ? "es" : ""} on PostgreSQL — lesson (class, ${scaleOut.members} members), CPU s used by servers / PostgreSQL / load generator`,
    value:
      `${perSecond(row.load.rps)} req/s, p50 ${ms(row.load.latencyP50Ms)}, p99 ${ms(row.load.latencyP99Ms)}; ` +
      `CPU ${row.cpuSeconds.servers.toFixed(1)} / ${row.cpuSeconds.postgres.toFixed(1)} / ${row.cpuSeconds.loadGenerator.toFixed(1)} s ` +
      `in ${row.load.durationSec} s; RSS ${row.rssMbPerServer.map((rss) => mb(rss)).join(", ")}`,
    target: "",
    pass: undefined,
  }));
  checks.push({
    name: "Scale-out, two processes vs one on PostgreSQL — what a second process adds on this machine",
    value: `${scaleOut.speedup.toFixed(2)}×`,
    target: `≥ ${TARGETS.minScaleOutSpeedup}×`,
    pass: scaleOut.speedup >= TARGETS.minScaleOutSpeedup,
  });
  const largest = Math.max(0, ...scaleOut.rows.flatMap((row) => row.rssMbPerServer));
  checks.push({
    name: "Scale-out, resident memory per server process after the load",
    value: mb(largest),
    target: `< ${TARGETS.rssMb} MB`,
    pass: largest < TARGETS.rssMb,
  });
  return checks;
}

/** Other work on the machine (a 1-minute load average above half the CPUs) skews every number. */
function busy(env: BenchResults["environment"]): boolean {
  return (env.loadAverageAtStart[0] ?? 0) > env.cpus / 2;
}

function printReport(results: BenchResults): void {
  const { environment: env, load } = results;
  const baseline = load.baseline.load;
  const loadRow = (name: string, result: LoadResult, share: string): string[] => [
    name,
    perSecond(result.rps),
    ms(result.latencyP50Ms),
    ms(result.latencyP99Ms),
    ms(result.latencyMaxMs),
    `${result.ok2xx.toLocaleString("en-US")}/${result.requests.toLocaleString("en-US")}`,
    bytes(result.bytesPerResponse),
    share,
  ];
  const out = [
    "",
    `Practica bench · ${results.startedAt} · node ${env.node} · ${env.platform}/${env.arch} · ${env.cpus} CPUs (${env.cpuModel})`,
    `Server: ${process.execPath} ${START_ARGUMENTS.join(" ")} (= npm start), NODE_ENV=production, ` +
      `${results.buildMode ?? "unknown"} build, embedded PGlite in a temporary DATA_DIR.`,
    ...results.builds.map(
      (build) =>
        `  The bench ran remix build before ${build.before} (the build was ${build.problem}; ${ms(build.buildMs ?? 0)}, not counted).`,
    ),
    `"Cold" = new process on a fresh data folder, build present; the OS file cache and tsx's transform cache may be warm.`,
    `LOG_LEVEL=${results.config.serverLogLevel} for the server, so per-request log lines do not dominate the numbers.`,
    `Load: autocannon in the bench process, ${results.config.connections} connections, ${results.config.durationSec} s per row ` +
      `after ${results.config.warmupSec} s warm-up, keep-alive, no Accept-Encoding (uncompressed), ${HOST} only; ` +
      `client and server share the machine's ${env.cpus} CPUs.`,
    `Load average when the bench started: ${env.loadAverageAtStart.map((value) => value.toFixed(2)).join(", ")}` +
      (busy(env)
        ? ` — WARNING: the machine was busy with other work; treat these numbers as rough.`
        : "."),
    "",
    renderTable(
      ["Load scenario", "req/s", "p50", "p99", "max", "2xx/all", "bytes/resp", "vs bare"],
      [
        loadRow(`${load.baseline.name}, ${bytes(load.baseline.htmlBytes)}`, baseline, "100%"),
        ...load.scenarios.map((scenario) =>
          loadRow(scenario.name, scenario.load, percent(scenario.shareOfBareRps)),
        ),
      ],
      [1, 2, 3, 4, 5, 6, 7],
    ),
    "",
    renderTable(
      ["Measurement", "Value", "Target", "Result"],
      results.checks.map((check) => [
        check.name,
        check.value,
        check.target || "—",
        verdict(check.pass) || "info",
      ]),
    ),
    "",
    `Embedded search engine (search/bench.ts) on ${results.searchEngine.documentCount.toLocaleString("en-US")} generated documents ` +
      `(~${results.searchEngine.averageBodyWords} body words each), in its own process; typical queries ` +
      `(typos, synonyms, acronyms, numbers), each row repeated 5 times. "New query": cached scores dropped before each search. ` +
      `Load average when it started: ${results.searchEngine.loadAverageAtStart.map((value) => value.toFixed(2)).join(", ")}.`,
    renderSearchEngineTable(results.searchEngine),
    "",
    `JavaScript of ${results.pageJavaScript.path}, heaviest files first (gzipped each with zlib, default level):`,
    renderTable(
      ["Script", "bytes", "gzipped"],
      [...results.pageJavaScript.scripts]
        .sort((a, b) => b.gzipBytes - a.gzipBytes)
        .slice(0, 5)
        .map((script) => [script.url, kb(script.bytes), kb(script.gzipBytes)]),
      [1, 2],
    ),
    "",
    `Memory read from /proc/${results.memory.pid}/status (${results.memory.command}); MB = 1024² bytes.`,
    `Results: ${path.relative(projectRoot, path.join(resultsDir, "latest.json"))}`,
    "",
    results.summary.line,
  ];
  console.log(out.join("\n"));
}

/** JSON as the repository's Prettier would write it, so `prettier --check .` stays quiet. */
async function formatJson(value: unknown, file: string): Promise<string> {
  const json = `${JSON.stringify(value, null, 2)}\n`;
  try {
    const prettier = await import("prettier");
    const options = (await prettier.resolveConfig(file)) ?? {};
    return await prettier.format(json, { ...options, parser: "json" });
  } catch {
    return json;
  }
}

/** `BENCH_ONLY=scale-out`: only the one-vs-two-processes rows, printed, nothing written. */
async function scaleOutOnly(tempDir: string): Promise<void> {
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (!serverUrl) throw new Error("BENCH_ONLY=scale-out needs BENCH_DATABASE_URL");
  ensureProductionBuild(projectRoot);
  const result = await measureScaleOut({
    projectRoot,
    dataDir: path.join(tempDir, "scale-out"),
    startArguments: START_ARGUMENTS,
    serverUrl,
    path: LESSON_PATH,
    courseSlug: CLASS_COURSE_SLUG,
    members: Array.from({ length: CLASS_SIZE }, (_, index) => classMember(index)),
    connections: config.connections,
    durationSec: config.durationSec,
    warmupSec: config.warmupSec,
    progress,
  });
  console.log(
    `Load average: ${os.loadavg().map((value) => value.toFixed(2)).join(", ")}; ${os.availableParallelism()} CPUs`,
  );
  console.log(
    renderTable(
      ["Measurement", "Value", "Target", "Result"],
      scaleOutChecks(result).map((check) => [check.name, check.value, check.target || "—", verdict(check.pass) || "info"]),
    ),
  );
}

async function main(): Promise<number> {
  const tempDir = mkdtempSync(path.join(os.tmpdir(), "practica-bench-"));
  const cleanUpSync = () => {
    killAllSync();
    rmSync(tempDir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\nbench interrupted (${signal}); stopping everything it started`);
    cleanUpSync();
    process.exit(130);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  process.once("exit", killAllSync);

  try {
    if (process.env.BENCH_ONLY === "scale-out") {
      await scaleOutOnly(tempDir);
      return 0;
    }
    const results = await bench(tempDir);
    mkdirSync(resultsDir, { recursive: true });
    const json = await formatJson(results, path.join(resultsDir, "latest.json"));
    writeFileSync(path.join(resultsDir, "latest.json"), json);
    writeFileSync(path.join(resultsDir, `${results.startedAt.replace(/[:.]/g, "-")}.json`), json);
    printReport(results);
    return 0;
  } catch (error) {
    console.error(
      `\nBENCH ERROR: could not measure — ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  } finally {
    await killAll();
    rmSync(tempDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
