/**
 * Sets of documents as bits, one per MiniSearch short id (bit `id & 31` of word `id >>> 5`).
 *
 * Filters, scopes, facet counts and the set of documents a query matches are all such sets, so
 * combining them is a few thousand word operations however many documents match, instead of a
 * pass over every matching document per facet. Words past the end of an array read as 0, so sets
 * built before the index grew can be combined with newer, longer ones.
 */
export type Bitset = Uint32Array;

export function wordsFor(bitCount: number): number {
  return (bitCount + 31) >>> 5;
}

export function hasBit(bits: Bitset, index: number): boolean {
  return (((bits[index >>> 5] ?? 0) >>> (index & 31)) & 1) === 1;
}

/** Sets a bit, returning a longer copy when `bits` is too short for it. */
export function withBit(bits: Bitset, index: number): Bitset {
  const word = index >>> 5;
  let target = bits;
  if (word >= bits.length) {
    target = new Uint32Array(Math.max(word + 1, bits.length * 2));
    target.set(bits);
  }
  target[word] = (target[word] ?? 0) | (1 << (index & 31));
  return target;
}

export function clearBit(bits: Bitset, index: number): void {
  const word = index >>> 5;
  if (word < bits.length) bits[word] = (bits[word] ?? 0) & ~(1 << (index & 31));
}

/** Adds every key of a posting list (short ids below `bits.length * 32`) to `bits`. */
export function addKeys(bits: Bitset, keys: Iterable<number>): void {
  for (const index of keys) {
    const word = index >>> 5;
    bits[word] = (bits[word] ?? 0) | (1 << (index & 31));
  }
}

/** `target` becomes target ∩ other. */
export function intersectInto(target: Bitset, other: Bitset): void {
  for (let word = 0; word < target.length; word++)
    target[word] = (target[word] ?? 0) & (other[word] ?? 0);
}

/** `target` becomes target ∪ other (bits of `other` past the end of `target` are dropped). */
export function uniteInto(target: Bitset, other: Bitset): void {
  const length = Math.min(target.length, other.length);
  for (let word = 0; word < length; word++) target[word] = (target[word] ?? 0) | (other[word] ?? 0);
}

/** A new set of `words` words: the intersection of all `sets` (all bits set when there are none). */
export function intersection(words: number, sets: readonly Bitset[]): Bitset {
  const result = new Uint32Array(words);
  const [first, ...rest] = sets;
  if (first === undefined) return result.fill(0xffffffff);
  result.set(first.length > words ? first.subarray(0, words) : first);
  for (const set of rest) intersectInto(result, set);
  return result;
}

function bitsInWord(word: number): number {
  let value = word - ((word >>> 1) & 0x55555555);
  value = (value & 0x33333333) + ((value >>> 2) & 0x33333333);
  return (((value + (value >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function countBits(bits: Bitset): number {
  let count = 0;
  for (let word = 0; word < bits.length; word++) count += bitsInWord(bits[word] ?? 0);
  return count;
}

/** |left ∩ right|, without building the intersection. */
export function countCommonBits(left: Bitset, right: Bitset): number {
  const length = Math.min(left.length, right.length);
  let count = 0;
  for (let word = 0; word < length; word++)
    count += bitsInWord((left[word] ?? 0) & (right[word] ?? 0));
  return count;
}

export function isEmpty(bits: Bitset): boolean {
  for (let word = 0; word < bits.length; word++) if (bits[word] !== 0) return false;
  return true;
}

/** The indexes of the set bits, ascending. */
export function bitIndexes(bits: Bitset): number[] {
  const indexes: number[] = [];
  for (let word = 0; word < bits.length; word++) {
    let remaining = bits[word] ?? 0;
    while (remaining !== 0) {
      const lowest = remaining & -remaining;
      indexes.push((word << 5) + 31 - Math.clz32(lowest));
      remaining ^= lowest;
    }
  }
  return indexes;
}
