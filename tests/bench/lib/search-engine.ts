/**
 * Runs tests/bench/search-engine.ts (the embedded engine on generated documents) in a process of
 * its own, reads what it reports, and turns it into the bench's table and checks.
 */
import os from "node:os";
import { z } from "zod";
import type { EmbeddedSearchBenchmarkResult } from "../../../search/bench";
import { spawnManaged } from "./processes";
import { mb, ms, renderTable, type Check } from "./report";

export const SEARCH_RESULT_PREFIX = "BENCH_SEARCH ";

const count = z.number().int().nonnegative();
const milliseconds = z.number().nonnegative();
const LatencySummarySchema = z.object({
  searches: count,
  p50Ms: milliseconds,
  p95Ms: milliseconds,
  maxMs: milliseconds,
  slowest: z.string(),
});

export const SearchEngineResultSchema = z.object({
  documentCount: count,
  averageBodyWords: count,
  indexBuildMs: milliseconds,
  heapDeltaBytes: count,
  rssDeltaBytes: count,
  bytesPerDocument: count,
  rssBytesPerDocument: count,
  estimatedDocumentsPerGibibyte: count,
  estimatedDocumentsPerGibibyteOfRss: count,
  isGcAvailable: z.boolean(),
  searchWithoutFacets: LatencySummarySchema,
  searchWithFacets: LatencySummarySchema,
  searchRefinements: LatencySummarySchema,
}) satisfies z.ZodType<EmbeddedSearchBenchmarkResult>;
export type SearchEngineResult = z.infer<typeof SearchEngineResultSchema> & {
  /** 1-, 5- and 15-minute load averages when it started: other work skews every latency. */
  loadAverageAtStart: number[];
};

export interface SearchEngineTargets {
  /** Search latency p95, every row. */
  searchP95Ms: number;
}

/** Builds the index of `documentCount` generated documents in a new process and searches it. */
export async function measureSearchEngine(
  projectRoot: string,
  documentCount: number,
): Promise<SearchEngineResult> {
  const loadAverageAtStart = os.loadavg();
  const proc = spawnManaged(
    "embedded search benchmark",
    process.execPath,
    ["--expose-gc", "--import", "tsx", "tests/bench/search-engine.ts", String(documentCount)],
    { cwd: projectRoot, env: { ...process.env, NODE_ENV: "production" } },
  );
  const exit = await proc.exited;
  const line = proc
    .output()
    .split("\n")
    .find((candidate) => candidate.startsWith(SEARCH_RESULT_PREFIX));
  if (exit.code !== 0 || !line) {
    throw new Error(
      `${proc.name} failed (exit ${String(exit.code)}${exit.signal ? `, ${exit.signal}` : ""}). Output:\n${proc.output()}`,
    );
  }
  return {
    ...SearchEngineResultSchema.parse(JSON.parse(line.slice(SEARCH_RESULT_PREFIX.length))),
    loadAverageAtStart,
  };
}

const MIB = 1024 ** 2;

const LATENCY_ROWS = [
  ["new query, no facets", "searchWithoutFacets"],
  ["new query, 6 facets (half also filtered)", "searchWithFacets"],
  ["refining it: next page, filters, sort (scores cached)", "searchRefinements"],
] as const;

export function searchEngineChecks(
  result: SearchEngineResult,
  targets: SearchEngineTargets,
): Check[] {
  const documents = result.documentCount.toLocaleString("en-US");
  return [
    {
      name: `Embedded search, index build (${documents} generated documents)`,
      value: `${ms(result.indexBuildMs)} (${(result.indexBuildMs / result.documentCount).toFixed(2)} ms per document)`,
      target: "",
      pass: undefined,
    },
    {
      name: `Embedded search, memory of the index (${documents} documents)`,
      value:
        `heap +${mb(result.heapDeltaBytes / MIB)}, RSS +${mb(result.rssDeltaBytes / MIB)}; ` +
        `${(result.bytesPerDocument / 1024).toFixed(1)} KiB heap, ${(result.rssBytesPerDocument / 1024).toFixed(1)} KiB RSS per document` +
        (result.isGcAvailable ? "" : " (no --expose-gc: includes garbage)"),
      target: "",
      pass: undefined,
    },
    {
      name: "Embedded search, documents per GiB (heap / RSS)",
      value: `${result.estimatedDocumentsPerGibibyte.toLocaleString("en-US")} / ${result.estimatedDocumentsPerGibibyteOfRss.toLocaleString("en-US")}`,
      target: "",
      pass: undefined,
    },
    ...LATENCY_ROWS.map(([label, key]) => ({
      name: `Embedded search p95, ${label}`,
      value: ms(result[key].p95Ms),
      target: `< ${ms(targets.searchP95Ms)}`,
      pass: result[key].p95Ms < targets.searchP95Ms,
    })),
  ];
}

/** The latency table: one row per kind of search. */
export function renderSearchEngineTable(result: SearchEngineResult): string {
  return renderTable(
    ["Embedded search latency", "searches", "p50", "p95", "max", "slowest request"],
    LATENCY_ROWS.map(([label, key]) => {
      const latency = result[key];
      return [
        label,
        String(latency.searches),
        ms(latency.p50Ms),
        ms(latency.p95Ms),
        ms(latency.maxMs),
        latency.slowest.length > 60 ? `${latency.slowest.slice(0, 57)}...` : latency.slowest,
      ];
    }),
    [1, 2, 3, 4],
  );
}
