/**
 * What the load phase of `npm run bench` measures. Add a Practica page here and it is
 * preflighted (must answer 200), load-tested and checked against the latency and throughput
 * targets; nothing else needs to change.
 */
export interface Credentials {
  email: string;
  password: string;
}

export interface LoadScenario {
  /** Shown in the table and used as the key in the JSON results. */
  name: string;
  /** Path on the Practica server, e.g. "/" or "/courses". */
  path: string;
  /** Extra request headers (autocannon sends no Accept-Encoding, so responses are uncompressed). */
  headers?: Record<string, string>;
  /** Sign in as this account first and send its session cookie with every request. */
  signInAs?: Credentials;
  /** Targets of this scenario, where they differ from TARGETS; null reports without a target. */
  targets?: Partial<{ p99Ms: number | null; minShareOfBareRps: number | null }>;
}

/** DEMO_PASSWORD in db/seed.ts (not imported: that module pulls in argon2 and the schema). */
export const DEMO_PASSWORD = "practica-demo";

export const LEARNER: Credentials = { email: "learner@practica.test", password: DEMO_PASSWORD };

/** A lesson: compiled MDX, knowledge checks and a reflection, read from memory on each request. */
export const LESSON_PATH = "/courses/foundations-of-data-sharing/what-is-a-data-collaborative";

/** A search on the toolkit page, as a shared link or a search without JavaScript sends it. */
export const TOOLKIT_SEARCH_PATH = "/toolkit?q=data+sharing+agreement";
/** The same search narrowed by two facets. */
export const TOOLKIT_FACETED_SEARCH_PATH = `${TOOLKIT_SEARCH_PATH}&type=guide&topic=data-protection`;

export const PRACTICA_SCENARIOS: LoadScenario[] = [
  { name: "home / (anonymous)", path: "/" },
  // A signed-in page, as a person reloading it gets it: their own copy, kept two seconds at most
  // and dropped at the next write (app/server/page-cache.ts).
  { name: "/account (signed in, learner)", path: "/account", signInAs: LEARNER },
  // The same page rendered for every request, as a hard reload asks: what a signed-in page
  // costs to render. Shown without a target, so a slower render cannot hide behind the cache.
  {
    name: "/account rendered each time (no-cache)",
    path: "/account",
    signInAs: LEARNER,
    headers: { "Cache-Control": "no-cache" },
    targets: { p99Ms: null, minShareOfBareRps: null },
  },
  // The page most readers spend their time on; it must stay fast under load.
  // Issues 3 and 4 set a latency target for these, and ask for throughput to be shown next to
  // the bare server's without a target of its own (the fifth is issue 2's, for home and /account).
  {
    name: "lesson page (anonymous)",
    path: LESSON_PATH,
    targets: { p99Ms: 30, minShareOfBareRps: null },
  },
  // The toolkit search (issue 4): the server's own index, whatever content it serves.
  {
    name: "toolkit search (anonymous)",
    path: TOOLKIT_SEARCH_PATH,
    targets: { p99Ms: 50, minShareOfBareRps: null },
  },
  {
    name: "toolkit search, 2 facets (anonymous)",
    path: TOOLKIT_FACETED_SEARCH_PATH,
    targets: { p99Ms: 50, minShareOfBareRps: null },
  },
];

/** The page whose JavaScript (every script and module preload, gzipped) is weighed. */
export const JS_WEIGHT_PATH = LESSON_PATH;

/**
 * The yardstick: a bare `node:http` server answering the Practica home page HTML, captured
 * once from the running server, so the ratio shows what the framework and app cost.
 */
export const BASELINE_NAME = "bare node:http (home page HTML)";

export interface Targets {
  coldStartMs: number;
  /** Default for every load scenario; a scenario may set its own. */
  p99Ms: number;
  /**
   * Minimum share of the bare server's requests per second, 0–1; a scenario may set its own,
   * or null to report the share without a target.
   */
  minShareOfBareRps: number | null;
  rssMb: number;
  /** JavaScript sent to JS_WEIGHT_PATH, each file gzipped, summed; in bytes (1 KB = 1,000 bytes). */
  pageJsGzipBytes: number;
  /** Files a warm start (MDX cache filled by an earlier start) may compile: none. */
  warmContentCompiles: number;
  /** Documents the embedded search engine is benchmarked on (BENCH_SEARCH_DOCUMENTS overrides). */
  searchDocuments: number;
  /** Search latency p95 on those documents, with and without facets. */
  searchP95Ms: number;
}

export const TARGETS: Targets = {
  coldStartMs: 5_000,
  p99Ms: 50,
  minShareOfBareRps: 0.2,
  rssMb: 300,
  pageJsGzipBytes: 100_000,
  warmContentCompiles: 0,
  searchDocuments: 10_000,
  searchP95Ms: 10,
};
