/** Keeps the benchmark runnable: a tiny run, checking only that it measures something sane. */
import { describe, expect, it } from "vitest";
import { generateBenchmarkDocuments, runEmbeddedSearchBenchmark } from "./bench";
import { SearchDocumentSchema } from "./engine";

describe("embedded search benchmark", () => {
  it("generates valid, reproducible documents", () => {
    const documents = generateBenchmarkDocuments(50, 7);
    for (const document of documents)
      expect(SearchDocumentSchema.safeParse(document).success).toBe(true);
    expect(generateBenchmarkDocuments(50, 7)).toEqual(documents);
    expect(new Set(documents.map((document) => document.id)).size).toBe(50);
  });

  it("reports build time, memory and latency percentiles", async () => {
    const result = await runEmbeddedSearchBenchmark({ documentCount: 200, repetitions: 1 });
    expect(result.documentCount).toBe(200);
    expect(result.indexBuildMs).toBeGreaterThanOrEqual(0);
    expect(result.searchWithoutFacets.searches).toBeGreaterThan(10);
    expect(result.searchWithFacets.p95Ms).toBeGreaterThanOrEqual(result.searchWithFacets.p50Ms);
    // Four refinements (next page, one filter, two filters, by date) after each typical query.
    expect(result.searchRefinements.searches).toBe(4 * result.searchWithoutFacets.searches);
    expect(JSON.parse(result.searchWithoutFacets.slowest)).toHaveProperty("query");
  });
});
