/**
 * The embedded search engine's benchmark (search/bench.ts) in a process of its own, so its memory
 * figures count only the index and nothing of the bench around it:
 *
 *   node --expose-gc --import tsx tests/bench/search-engine.ts [documentCount]
 *
 * Prints one line, `BENCH_SEARCH {json}` (see lib/search-engine.ts).
 */
import { runEmbeddedSearchBenchmark } from "../../search/bench";
import { SEARCH_RESULT_PREFIX } from "./lib/search-engine";

const documentCount = Number(process.argv[2] ?? 10_000);
if (!Number.isInteger(documentCount) || documentCount <= 0) {
  console.error(
    `search-engine: the document count must be a positive integer, got ${process.argv[2]}`,
  );
  process.exit(2);
}
const result = await runEmbeddedSearchBenchmark({ documentCount });
console.log(`${SEARCH_RESULT_PREFIX}${JSON.stringify(result)}`);
