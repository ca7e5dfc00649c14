import type { Clock } from '../common/clock.js';

/**
 * The backend's time: the one Clock of common/clock.ts (services, the lease sweep, the idempotency
 * purge and the relay ask it), plus how the backend stamps and groups what it stores.
 */
export { systemClock, type Clock } from '../common/clock.js';

/** The instant of a change, as stored: epoch ms for comparisons, ISO for the API. */
export interface Instant {
  ms: number;
  iso: string;
}

export function instantOf(clock: Pick<Clock, 'now'>): Instant {
  const ms = clock.now();
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
