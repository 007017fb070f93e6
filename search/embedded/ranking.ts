/**
 * Orders hits (short ids) and picks one page of them without sorting every hit: a query that
 * matches 9 000 documents shows 20.
 */
import type { SortOrder } from "../engine";
import type { StoredDocument } from "./document-table";

/** Negative when `left` comes first. */
export type HitOrder = (left: number, right: number) => number;

export function hitOrderFor(
  sort: SortOrder,
  documentOf: (shortId: number) => StoredDocument | undefined,
  titlePositions: Int32Array,
  /** Relevance scores by short id; undefined for an empty query (everything by title). */
  scores: Float64Array | undefined,
): HitOrder {
  const byTitleThenId: HitOrder = (left, right) =>
    (titlePositions[left] ?? 0) - (titlePositions[right] ?? 0);
  switch (sort) {
    case "newest":
      return (left, right) =>
        (documentOf(right)?.newestTimestamp ?? 0) - (documentOf(left)?.newestTimestamp ?? 0) ||
        byTitleThenId(left, right);
    case "most-useful":
      return (left, right) =>
        (documentOf(right)?.usefulCount ?? 0) - (documentOf(left)?.usefulCount ?? 0) ||
        byTitleThenId(left, right);
    case "relevance":
      return scores
        ? (left, right) => (scores[right] ?? 0) - (scores[left] ?? 0) || byTitleThenId(left, right)
        : byTitleThenId;
  }
}

/**
 * The first `count` hits in `order`, sorted. A bounded max-heap (the worst kept hit on top) when
 * the count is small next to the number of hits, a plain sort otherwise.
 */
export function firstInOrder(hits: readonly number[], count: number, order: HitOrder): number[] {
  if (count <= 0) return [];
  if (count * 4 >= hits.length) return [...hits].sort(order).slice(0, count);
  const heap: number[] = [];
  const swap = (left: number, right: number) => {
    const kept = heap[left] ?? 0;
    heap[left] = heap[right] ?? 0;
    heap[right] = kept;
  };
  const worse = (left: number, right: number) => order(heap[left] ?? 0, heap[right] ?? 0) > 0;
  for (const hit of hits) {
    if (heap.length < count) {
      heap.push(hit);
      for (let child = heap.length - 1; child > 0;) {
        const parent = (child - 1) >> 1;
        if (!worse(child, parent)) break;
        swap(child, parent);
        child = parent;
      }
      continue;
    }
    if (order(hit, heap[0] ?? 0) >= 0) continue;
    heap[0] = hit;
    for (let parent = 0; ;) {
      const left = 2 * parent + 1;
      const right = left + 1;
      let worst = parent;
      if (left < heap.length && worse(left, worst)) worst = left;
      if (right < heap.length && worse(right, worst)) worst = right;
      if (worst === parent) break;
      swap(worst, parent);
      parent = worst;
    }
  }
  return heap.sort(order);
}
