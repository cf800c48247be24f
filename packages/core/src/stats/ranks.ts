/** Ranks 1..n with ties given the average of the ranks they span (the convention of Spearman and Wilcoxon). */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const order = Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && values[order[end]] === values[order[start]]) end++;
    // Positions start..end-1 hold equal values: ranks start+1..end, averaged.
    const rank = (start + 1 + end) / 2;
    for (let i = start; i < end; i++) ranks[order[i]] = rank;
    start = end;
  }
  return ranks;
}

/** Sizes of the groups of tied values (only groups larger than one). */
export function tieGroupSizes(values: ArrayLike<number>): number[] {
  const counts = new Map<number, number>();
  for (let i = 0; i < values.length; i++) counts.set(values[i], (counts.get(values[i]) ?? 0) + 1);
  return [...counts.values()].filter((count) => count > 1);
}
