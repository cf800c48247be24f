/**
 * Ranks 1..n with ties given the average of the ranks they span (the convention of Spearman and
 * Wilcoxon). A native numeric sort of the values, then each distinct value's average rank: a
 * comparator sort of indices was the sanity check's bottleneck on 9,216-pixel maps.
 */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const sorted = Float64Array.from(values).sort();
  const rankOf = new Map<number, number>();
  for (let start = 0; start < sorted.length; ) {
    let end = start + 1;
    while (end < sorted.length && sorted[end] === sorted[start]) end++;
    // Positions start..end-1 hold equal values: ranks start+1..end, averaged.
    rankOf.set(sorted[start], (start + 1 + end) / 2);
    start = end;
  }
  const ranks = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) ranks[i] = rankOf.get(values[i])!;
  return ranks;
}

/** Sizes of the groups of tied values (only groups larger than one). */
export function tieGroupSizes(values: ArrayLike<number>): number[] {
  const counts = new Map<number, number>();
  for (let i = 0; i < values.length; i++) counts.set(values[i], (counts.get(values[i]) ?? 0) + 1);
  return [...counts.values()].filter((count) => count > 1);
}
