/**
 * Milliseconds of an ISO time, or undefined when it is not one. Orders come off a wire: a
 * malformed createdAt must end up as "unknown time" (shown as —, sorted last), never as NaN, which
 * prints as "NaN:NaN" and makes a sort comparator inconsistent.
 */
export function timeOf(iso: string | undefined): number | undefined {
  const ms = typeof iso === 'string' ? Date.parse(iso) : Number.NaN;
  return Number.isFinite(ms) ? ms : undefined;
}
