/** The instant of a change, as stored: epoch ms for comparisons, ISO for the API. */
export interface Instant {
  ms: number;
  iso: string;
}

export function now(): Instant {
  const ms = Date.now();
  return { ms, iso: new Date(ms).toISOString() };
}

/**
 * The business day an order number belongs to, in the server's local time zone (set TZ to the
 * restaurant's), so numbers start again at A-001 each local morning rather than at UTC midnight.
 */
export function businessDay(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
