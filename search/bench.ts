/**
 * Benchmark of the embedded engine on generated documents: index build time, memory held by the
 * index, and search latency (p50/p95) for typical queries with and without facets.
 *
 * Latency is measured two ways, because the engine caches relevance scores per query
 * (embedded/relevance-cache.ts): as a query the engine has never scored (the cache is emptied
 * before every timed search: what someone typing something new waits), and as the refinements
 * that follow a search (next page, a filter added, another sort: the scores are reused).
 *
 * Returns numbers; the caller prints or records them (tests/bench wires it into `npm run bench`).
 * Run node with --expose-gc for a trustworthy memory figure: without it the heap delta includes
 * garbage that has not been collected yet, and `isGcAvailable` says so.
 *
 * The text is generated from word lists in the toolkit's vocabulary with a seeded random
 * generator, so two runs index the same documents.
 */
import { performance } from "node:perf_hooks";
import { createEmbeddedSearchEngine, type EmbeddedSearchEngine } from "./embedded/embedded-engine";
import type { FacetName, SearchDocument, SearchRequest } from "./engine";

export interface LatencySummary {
  searches: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** The request behind the slowest search, to know where to look. */
  slowest: string;
}

export interface EmbeddedSearchBenchmarkResult {
  documentCount: number;
  averageBodyWords: number;
  indexBuildMs: number;
  /** Heap held by the engine once the input documents are released. */
  heapDeltaBytes: number;
  /** Resident set growth over the same span (includes V8's spare heap). */
  rssDeltaBytes: number;
  /** Heap per document. */
  bytesPerDocument: number;
  /** Resident memory per document: what a machine's memory budget is really spent on. */
  rssBytesPerDocument: number;
  /** 1 GiB divided by the heap per document: a ceiling for the embedded engine. */
  estimatedDocumentsPerGibibyte: number;
  /** 1 GiB divided by the resident memory per document: the figure to plan with. */
  estimatedDocumentsPerGibibyteOfRss: number;
  isGcAvailable: boolean;
  /** Typical queries, each as a query the engine has not scored before. */
  searchWithoutFacets: LatencySummary;
  /** The same with six facets counted, half of them also filtered; not scored before either. */
  searchWithFacets: LatencySummary;
  /** After each query: its next page, one and two filters added, sorted by date (scores cached). */
  searchRefinements: LatencySummary;
}

export interface EmbeddedSearchBenchmarkOptions {
  documentCount?: number;
  /** Times each query is repeated. */
  repetitions?: number;
  seed?: number;
}

// ---------------------------------------------------------------------------------------------
// Document generation

/** mulberry32: a tiny seeded generator, so runs are reproducible. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** Words any document uses, most frequent first (sampled with a Zipf-like skew). */
const COMMON_WORDS = (
  "data partners public private sector organisations government companies use share sharing access " +
  "information project analysis people research approach process policy practice guidance support " +
  "risk benefit value impact evidence decision trust responsible agreement review model example " +
  "steps question team local national international community service services quality result " +
  "results method methods framework tool tools template case study studies report programme " +
  "centre licence behaviour organisational analysed modelling catalogue licensing colour defence " +
  "purpose purposes context consent security safeguards transparency accountability oversight " +
  "governance stewardship collaboration partnership partnerships challenge challenges opportunity " +
  "lessons learned pilot scale budget cost costs funding capacity skills training workshop " +
  "indicator indicators dataset datasets record records sample survey statistics statistical " +
  "accuracy bias fairness harm harms mitigation monitoring evaluation outcome outcomes timeline"
).split(" ");

/** Vocabulary by topic: a document draws its specialist words from its own topics. */
const TOPIC_TERMS: Record<string, readonly string[]> = {
  "data-collaboratives": [
    "data collaborative",
    "data pooling",
    "intermediary",
    "trusted third party",
    "prize challenge",
  ],
  "data-sharing-agreements": [
    "data sharing agreement",
    "DSA",
    "clause",
    "liability",
    "termination",
    "onward sharing",
    "audit rights",
  ],
  "data-protection": [
    "GDPR",
    "personal data",
    "lawful basis",
    "controller",
    "processor",
    "Regulation 2016/679",
    "Convention 108",
    "data subject",
  ],
  "impact-assessment": [
    "DPIA",
    "privacy impact assessment",
    "screening",
    "residual risk",
    "proportionality",
  ],
  "de-identification": [
    "anonymisation",
    "pseudonymisation",
    "de-identification",
    "k-anonymity",
    "re-identification",
    "motivated intruder",
  ],
  "privacy-enhancing-technologies": [
    "differential privacy",
    "PETs",
    "homomorphic encryption",
    "secure multi-party computation",
    "federated learning",
    "synthetic data",
    "privacy budget",
  ],
  "data-ethics": ["ethics", "ethical review", "data justice", "power asymmetry", "harms"],
  governance: [
    "steering committee",
    "accountability",
    "oversight board",
    "data governance",
    "stewardship",
  ],
  "data-valuation": ["valuation", "pricing", "cost recovery", "willingness to pay"],
  "impact-measurement": ["theory of change", "impact measurement", "counterfactual", "baseline"],
  "mobility-data": [
    "mobility",
    "origin-destination matrix",
    "footfall",
    "commuting",
    "lockdown",
    "travel behaviour",
  ],
  "telecom-data": [
    "mobile network operator",
    "MNO",
    "call detail records",
    "CDR",
    "cell tower",
    "subscriber",
    "telecom operator",
  ],
  "health-data": ["health records", "hospital", "patients", "epidemiology", "COVID-19", "HIPAA"],
  "emergency-response": [
    "disaster",
    "humanitarian",
    "early warning",
    "displacement",
    "flood",
    "earthquake",
  ],
  "data-literacy": ["data literacy", "spreadsheet", "visualisation", "dashboard", "training"],
  communication: ["communication", "storytelling", "public engagement", "press release"],
  statistics: [
    "official statistics",
    "census",
    "national statistical office",
    "disclosure control",
    "microdata",
  ],
  "secure-environments": [
    "trusted research environment",
    "secure data environment",
    "Five Safes",
    "output checking",
    "TRE",
  ],
  sustainability: ["sustainability", "business model", "long-term funding", "maintenance"],
};
const DOMAIN_TERMS = Object.values(TOPIC_TERMS).flat();

const DOCUMENT_NOUNS = [
  "guide",
  "template",
  "framework",
  "checklist",
  "handbook",
  "report",
  "toolkit",
  "case study",
  "playbook",
  "primer",
];
const PUBLISHERS = [
  "Information Commissioner's Office",
  "The GovLab",
  "Open Data Institute",
  "Flowminder Foundation",
  "GSMA",
  "European Commission",
  "UN Global Pulse",
  "OECD",
  "World Bank",
  "Practica editorial team",
  "Health Data Research UK",
  "US Census Bureau",
  "Inter-American Development Bank",
  "UNICEF",
];
const TYPES = ["template", "guide", "framework", "case-study", "tool", "dataset", "training"];
const TOPICS = Object.keys(TOPIC_TERMS);
const AUDIENCES = [
  "decision-makers",
  "analysts",
  "legal-governance",
  "facilitators",
  "data-holders",
];
const REGIONS = [
  "global",
  "africa",
  "asia-pacific",
  "europe",
  "latin-america-caribbean",
  "middle-east-north-africa",
  "north-america",
];
const LANGUAGES = ["en", "fr", "es", "pt", "ar", "de"];
const LICENCES = ["CC-BY-4.0", "CC-BY-SA-4.0", "OGL-UK-3.0", "MIT", "proprietary"];
const SYLLABLES = [
  "ka",
  "lo",
  "mi",
  "ter",
  "san",
  "vo",
  "dri",
  "nel",
  "ba",
  "qu",
  "ros",
  "tia",
  "mun",
  "pel",
  "ge",
  "xi",
  "dor",
  "fa",
  "lin",
  "che",
];

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

function pickSome<T>(random: () => number, items: readonly T[], maximum: number): T[] {
  const count = 1 + Math.floor(random() * maximum);
  return [...new Set(Array.from({ length: count }, () => pick(random, items)))];
}

/** Picks items with probability falling as 1 / rank, as word frequencies do in real text. */
function createZipfPicker<T>(items: readonly T[]): (random: () => number) => T {
  const cumulative: number[] = [];
  let total = 0;
  items.forEach((_, rank) => {
    total += 1 / (rank + 1);
    cumulative.push(total);
  });
  return (random) => {
    const target = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] ?? 0) < target) low = middle + 1;
      else high = middle;
    }
    const item = items[low];
    if (item === undefined) throw new Error("Zipf pick from an empty list");
    return item;
  };
}

/**
 * Rare words (names of places, people, projects, technical jargon): made-up words from syllables,
 * so the vocabulary has the long tail real text has and fuzzy matching has a realistic tree to walk.
 */
function createRareWords(random: () => number, count: number): string[] {
  const words = new Set<string>();
  while (words.size < count) {
    const syllableCount = 2 + Math.floor(random() * 3);
    words.add(Array.from({ length: syllableCount }, () => pick(random, SYLLABLES)).join(""));
  }
  return [...words];
}

export function generateBenchmarkDocuments(count: number, seed = 42): SearchDocument[] {
  const random = createRandom(seed);
  const pickCommonWord = createZipfPicker(COMMON_WORDS);
  const pickDomainTerm = createZipfPicker(DOMAIN_TERMS);
  const pickRareWord = createZipfPicker(createRareWords(random, 30_000));

  /** Mostly common words, then the document's own topic vocabulary, general domain terms, rare words. */
  const prose = (topics: readonly string[], wordCount: number) => {
    const words: string[] = [];
    while (words.length < wordCount) {
      const draw = random();
      if (draw < 0.5) words.push(pickCommonWord(random));
      else if (draw < 0.72)
        words.push(pick(random, TOPIC_TERMS[pick(random, topics)] ?? DOMAIN_TERMS));
      else if (draw < 0.8) words.push(pickDomainTerm(random));
      else words.push(pickRareWord(random));
      if (random() < 0.08) words[words.length - 1] += ".";
    }
    return words.join(" ");
  };

  return Array.from({ length: count }, (_, position): SearchDocument => {
    const topics = pickSome(random, TOPICS, 3);
    const mainTerm = pick(random, TOPIC_TERMS[topics[0] ?? ""] ?? DOMAIN_TERMS);
    const title = `${mainTerm} ${pick(random, DOCUMENT_NOUNS)} for ${pickCommonWord(random)} ${pickRareWord(random)}`;
    const kind = random() < 0.85 ? "toolkit" : random() < 0.5 ? "course" : "lesson";
    return {
      id: `${kind}:generated-${position}`,
      kind,
      url: `/${kind}/generated-${position}`,
      title: title.charAt(0).toUpperCase() + title.slice(1),
      summary: prose(topics, 20 + Math.floor(random() * 20)),
      body: prose(topics, 150 + Math.floor(random() * 350)),
      type: [pick(random, TYPES)],
      topics,
      audiences: pickSome(random, AUDIENCES, 2),
      regions: pickSome(random, REGIONS, 2),
      languages: pickSome(random, LANGUAGES, 2),
      licence: pick(random, LICENCES),
      publisher: pick(random, PUBLISHERS),
      year: 2005 + Math.floor(random() * 22),
      usefulCount: Math.floor(random() * 200),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Measuring

/** What people type: plain words, typos, acronyms, prefixes, numbers, other spellings. */
const TYPICAL_QUERIES = [
  "data sharing agreement",
  "anonymisaton",
  "pseudonym",
  "DPIA template",
  "differential privacy",
  "mobile network operators covid",
  "CDR",
  "trusted research environment",
  "2016/679",
  "governance framework",
  "privacy enhancing technologies",
  "licence",
  "case studies health",
  "B2G",
  "de-identification risk",
  "data",
  "mobilty indicators",
  "secure data environment",
];

const BENCHMARK_FACETS: FacetName[] = [
  "type",
  "topics",
  "audiences",
  "regions",
  "languages",
  "licence",
];

function percentile(sortedValues: readonly number[], fraction: number): number {
  if (sortedValues.length === 0) return 0;
  const index = Math.min(sortedValues.length - 1, Math.ceil(fraction * sortedValues.length) - 1);
  return sortedValues[Math.max(0, index)] ?? 0;
}

async function measureLatency(
  engine: EmbeddedSearchEngine,
  requests: readonly SearchRequest[],
  repetitions: number,
  { asNewQueries }: { asNewQueries: boolean },
): Promise<LatencySummary> {
  const durations: number[] = [];
  let slowest = { ms: -1, request: requests[0] };
  for (let round = 0; round < repetitions; round++) {
    for (const request of requests) {
      if (asNewQueries) engine.forgetCachedScores();
      const start = performance.now();
      await engine.search(request);
      const ms = performance.now() - start;
      durations.push(ms);
      if (ms > slowest.ms) slowest = { ms, request };
    }
  }
  durations.sort((left, right) => left - right);
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    searches: durations.length,
    p50Ms: round(percentile(durations, 0.5)),
    p95Ms: round(percentile(durations, 0.95)),
    maxMs: round(durations.at(-1) ?? 0),
    slowest: JSON.stringify(slowest.request ?? {}),
  };
}

function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return false;
  gc();
  gc();
  return true;
}

/** One query and the refinements people make next; the first search leaves its scores cached. */
function refinementsOf(query: string): SearchRequest[] {
  return [
    { query, page: 2 },
    { query, facets: BENCHMARK_FACETS, filters: { type: ["guide"] } },
    { query, facets: BENCHMARK_FACETS, filters: { type: ["guide"], regions: ["europe"] } },
    { query, facets: BENCHMARK_FACETS, filters: { type: ["guide"] }, sort: "newest" },
  ];
}

export async function runEmbeddedSearchBenchmark(
  options: EmbeddedSearchBenchmarkOptions = {},
): Promise<EmbeddedSearchBenchmarkResult> {
  const documentCount = options.documentCount ?? 10_000;
  const repetitions = options.repetitions ?? 5;
  let documents = generateBenchmarkDocuments(documentCount, options.seed);
  const averageBodyWords = Math.round(
    documents.reduce((total, document) => total + (document.body ?? "").split(" ").length, 0) /
      documentCount,
  );

  const isGcAvailable = collectGarbage();
  const before = process.memoryUsage();
  const engine = createEmbeddedSearchEngine();
  const buildStart = performance.now();
  await engine.index(documents);
  const indexBuildMs = Math.round(performance.now() - buildStart);
  // Release the input so only what the engine keeps is counted (it does not keep bodies).
  documents = [];
  collectGarbage();
  const after = process.memoryUsage();

  const heapDeltaBytes = Math.max(0, after.heapUsed - before.heapUsed);
  const bytesPerDocument = Math.round(heapDeltaBytes / documentCount);

  const withoutFacets: SearchRequest[] = TYPICAL_QUERIES.map((query) => ({ query }));
  const withFacets: SearchRequest[] = [
    ...TYPICAL_QUERIES.map((query, position) => ({
      query,
      facets: BENCHMARK_FACETS,
      // Every other query also filters, which costs the disjunctive counts.
      ...(position % 2 === 0
        ? { filters: { type: ["guide", "template"], regions: ["europe"] } }
        : {}),
    })),
    { query: "", facets: BENCHMARK_FACETS },
    {
      query: "",
      facets: BENCHMARK_FACETS,
      filters: { topics: ["data-protection"] },
      sort: "newest",
    },
  ];

  // One untimed pass so the first timed search does not pay for JIT warm-up.
  await measureLatency(engine, [...withoutFacets, ...withFacets], 1, { asNewQueries: true });
  const searchWithoutFacets = await measureLatency(engine, withoutFacets, repetitions, {
    asNewQueries: true,
  });
  const searchWithFacets = await measureLatency(engine, withFacets, repetitions, {
    asNewQueries: true,
  });
  // Each query searched once (its scores stay cached: 18 queries fit), then refined.
  for (const query of TYPICAL_QUERIES) await engine.search({ query });
  const refinements = TYPICAL_QUERIES.flatMap(refinementsOf);
  const searchRefinements = await measureLatency(engine, refinements, repetitions, {
    asNewQueries: false,
  });

  const rssDeltaBytes = Math.max(0, after.rss - before.rss);
  const rssBytesPerDocument = Math.round(rssDeltaBytes / documentCount);
  return {
    documentCount,
    averageBodyWords,
    indexBuildMs,
    heapDeltaBytes,
    rssDeltaBytes,
    bytesPerDocument,
    rssBytesPerDocument,
    estimatedDocumentsPerGibibyte:
      bytesPerDocument > 0 ? Math.floor(2 ** 30 / bytesPerDocument) : 0,
    estimatedDocumentsPerGibibyteOfRss:
      rssBytesPerDocument > 0 ? Math.floor(2 ** 30 / rssBytesPerDocument) : 0,
    isGcAvailable,
    searchWithoutFacets,
    searchWithFacets,
    searchRefinements,
  };
}
