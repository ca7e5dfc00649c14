import type { Clock } from '../../../common/clock.js';
import { CodedError, ERRORS } from '../../../common/errors.js';
import { HISTORY_CACHE_DAYS, type OrderHistoryAnswer, type OrderHistoryInput } from '../../../common/operations/ticketrail-operations.js';
import { orderMatches, orderSearchKey } from '../../../common/order-search.js';
import type { CacheDb } from '../../cache/cache-db.js';
import { BackendUnreachableError, type BackendClient } from './backend-client.js';

const DAY_MS = 86_400_000;
const DEFAULT_LIMIT = 100;

export interface OrderHistoryDeps {
  backend: BackendClient;
  cache: CacheDb;
  clock: Clock;
}

/**
 * The board's History (issue 24): the backend's search when it answers; when it cannot be reached,
 * this machine's cache for the last HISTORY_CACHE_DAYS days, matched by the same rules
 * (common/order-search.ts), with `source: 'cache'` so the board says so. Older than that the cache
 * does not promise to hold every order: BACKEND_UNREACHABLE, rather than a list with gaps.
 */
export async function orderHistory({ backend, cache, clock }: OrderHistoryDeps, input: OrderHistoryInput): Promise<OrderHistoryAnswer> {
  const from = new Date(input.from).toISOString();
  const to = new Date(input.to).toISOString();
  const limit = input.limit ?? DEFAULT_LIMIT;
  const q = input.q?.trim() || undefined;
  try {
    return { source: 'backend', orders: await backend.searchOrders({ from, to, limit, ...(q ? { q } : {}) }) };
  } catch (error) {
    if (!(error instanceof BackendUnreachableError)) throw error;
    const oldest = clock.now() - HISTORY_CACHE_DAYS * DAY_MS;
    if (Date.parse(from) < oldest) {
      throw new CodedError(ERRORS.BACKEND_UNREACHABLE, `the backend cannot be reached, and this machine keeps only the last ${HISTORY_CACHE_DAYS} days`, { cacheDays: HISTORY_CACHE_DAYS });
    }
    const key = q ? orderSearchKey(q) : undefined;
    const orders = cache
      .ordersCreatedBetween(from, to)
      .map((cached) => cached.order)
      .filter((order) => order.source === undefined && (key === undefined || orderMatches(order, key)))
      .slice(0, limit);
    return { source: 'cache', orders };
  }
}
