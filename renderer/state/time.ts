/**
 * Milliseconds of an ISO time, or undefined when it is not one. Orders come off a wire: a
 * malformed createdAt must end up as "unknown time" (shown as —, sorted last), never as NaN, which
 * prints as "NaN:NaN" and makes a sort comparator inconsistent.
 */
/** Sorts by createdAt, newest first; a time that cannot be read counts as the oldest (never a NaN in the sort). */
export function newestFirst(a: { createdAt: string }, b: { createdAt: string }): number {
  return (timeOf(b.createdAt) ?? 0) - (timeOf(a.createdAt) ?? 0);
}

export function timeOf(iso: string | undefined): number | undefined {
  const ms = typeof iso === 'string' ? Date.parse(iso) : Number.NaN;
  return Number.isFinite(ms) ? ms : undefined;
}
