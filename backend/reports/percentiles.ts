/**
 * The nearest-rank percentile of values sorted ascending: the smallest value with at least p % of
 * the values at or below it (rank ⌈p/100 · n⌉). Always a value that was measured, which a kitchen
 * can find again in its orders, and easy to check by hand: of 10 prep times the p90 is the 9th.
 */
export function nearestRank(sorted: ArrayLike<number>, percent: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.max(1, Math.ceil((percent / 100) * sorted.length));
  return sorted[rank - 1];
}

/** Milliseconds as whole seconds, as reports give prep times. */
export function toSeconds(ms: number | undefined): number | null {
  return ms === undefined ? null : Math.round(ms / 1000);
}

/** Numbers sorted ascending in a typed array (a numeric sort, several times faster than Array#sort's). */
export function sortedValues(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}
