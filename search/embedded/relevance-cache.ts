/**
 * Relevance scores of recent queries. Scoring is what is left of a search's cost once matching,
 * filtering and counting are set operations, and it depends on the query alone (BM25 over the
 * whole index), not on filters, sort, page or kinds. So the next page, another filter or sort,
 * or the same popular query from someone else reuses the scores instead of asking MiniSearch
 * again. Any write to the index empties the cache.
 *
 * An entry holds scores for the documents scored so far (a request with filters scores only its
 * hits); a later request whose hits are all covered reuses it, otherwise the missing scores are
 * computed and added. Memory is bounded by bytes: each entry is one number per short id.
 */
import { bitIndexes, countCommonBits, uniteInto, type Bitset } from "./bitset";

interface CachedScores {
  scored: Bitset;
  scores: Float64Array;
}

export class RelevanceCache {
  /** Least recently used first (a Map keeps insertion order; a hit re-inserts). */
  private readonly entries = new Map<string, CachedScores>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** Scores covering every hit, or undefined when some hit has not been scored yet. */
  get(key: string, hits: Bitset, hitCount: number): Float64Array | undefined {
    const entry = this.entries.get(key);
    if (!entry || countCommonBits(hits, entry.scored) !== hitCount) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.scores;
  }

  /** Records `scores` for the documents in `scored`, next to any scores already kept for `key`. */
  add(key: string, scored: Bitset, scores: Float64Array): Float64Array {
    const entry = this.entries.get(key);
    if (entry && entry.scores.length === scores.length) {
      for (const shortId of bitIndexes(scored)) entry.scores[shortId] = scores[shortId] ?? 0;
      uniteInto(entry.scored, scored);
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry.scores;
    }
    if (entry) this.delete(key, entry);
    const size = scores.byteLength + scored.byteLength;
    if (size > this.maxBytes) return scores;
    for (const [oldestKey, oldest] of this.entries) {
      if (this.bytes + size <= this.maxBytes) break;
      this.delete(oldestKey, oldest);
    }
    this.entries.set(key, { scored: scored.slice(), scores });
    this.bytes += size;
    return scores;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private delete(key: string, entry: CachedScores): void {
    this.entries.delete(key);
    this.bytes -= entry.scores.byteLength + entry.scored.byteLength;
  }
}
