import type { Clock } from '../../../common/clock.js';
import { CodedError, ERRORS } from '../../../common/errors.js';
import { HISTORY_CACHE_DAYS, type OrderHistoryAnswer, type OrderHistoryInput, type OrderHistoryRow } from '../../../common/operations/ticketrail-operations.js';
import type { ListedOrder } from '../../../common/order.js';
import type { PrintJob } from '../../../common/print-job.js';
import { orderMatches, orderSearchKey } from '../../../common/order-search.js';
import type { CacheDb } from '../../cache/cache-db.js';
import { BackendUnreachableError, type BackendClient } from './backend-client.js';
import type { FrontOfHouseCache } from './front-of-house/front-of-house-cache.js';

const DAY_MS = 86_400_000;
const DEFAULT_LIMIT = 100;
/** Print-job lookups in flight at once for one page of rows (one request per order). */
const JOB_LOOKUPS_AT_ONCE = 8;

export interface OrderHistoryDeps {
  backend: BackendClient;
  cache: CacheDb;
  frontOfHouse: FrontOfHouseCache;
  clock: Clock;
}

/**
 * The board's History (issue 24): the backend's search when it answers; when it cannot be reached,
 * this machine's cache for the last HISTORY_CACHE_DAYS days, matched by the same rules
 * (common/order-search.ts), with `source: 'cache'` so the board says so. Older than that the cache
 * does not promise to hold every order: BACKEND_UNREACHABLE, rather than a list with gaps.
 */
export async function orderHistory(deps: OrderHistoryDeps, input: OrderHistoryInput): Promise<OrderHistoryAnswer> {
  const { backend, cache, clock } = deps;
  const [fromMs, toMs] = [Date.parse(input.from), Date.parse(input.to)];
  // The IPC and HTTP adapters parse the input; an in-process caller gets the same refusal, not a RangeError.
  if (Number.isNaN(fromMs) || Number.isNaN(toMs)) throw new CodedError(ERRORS.VALIDATION_FAILED, 'from and to must be ISO 8601 date-times', { from: input.from, to: input.to });
  const from = new Date(fromMs).toISOString();
  const to = new Date(toMs).toISOString();
  // Checked here too: offline, the backend is not there to refuse an upside-down range.
  if (Date.parse(to) <= Date.parse(from)) throw new CodedError(ERRORS.ORDER_SEARCH_RANGE_INVALID, 'the search range ends before it starts', { from, to });
  const limit = input.limit ?? DEFAULT_LIMIT;
  const q = input.q?.trim() || undefined;
  let found: ListedOrder[];
  try {
    found = await backend.searchOrders({ from, to, limit, ...(q ? { q } : {}) });
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
    return { source: 'cache', orders: orders.map((order) => historyRow(deps, order, cachedJobIds(cache, order.id))) };
  }
  // The print jobs from the backend (older orders may never have reached this agent's cache).
  const jobIds = await inBatches(found, JOB_LOOKUPS_AT_ONCE, async (order) => originalJobIds(await backend.printJobs({ orderId: order.id })));
  return { source: 'backend', orders: found.map((order, index) => historyRow(deps, order, jobIds[index] ?? [])) };
}

/**
 * The payment state: the backend's search answers each order's latest payment status, which also
 * covers orders paid before this agent's cache existed; offline (or from an older backend without
 * the field) it comes from the payment events the agent keeps (front-of-house-cache.ts).
 */
function historyRow({ frontOfHouse }: OrderHistoryDeps, order: ListedOrder, printJobIds: string[]): OrderHistoryRow {
  const { paymentStatus: fromBackend, ...plain } = order;
  const paymentStatus = fromBackend ?? frontOfHouse.of(order.id).payments.at(-1)?.status;
  return { ...plain, ...(paymentStatus !== undefined ? { paymentStatus } : {}), printJobIds };
}

/** The order's own tickets, not the reprints of them: a reprint from History repeats each once. */
function originalJobIds(jobs: readonly PrintJob[]): string[] {
  return jobs.filter((job) => job.reprintOf === undefined).map((job) => job.id);
}

function cachedJobIds(cache: CacheDb, orderId: string): string[] {
  return originalJobIds(cache.jobsOfOrder(orderId).map((cached) => cached.job));
}

async function inBatches<T, R>(items: readonly T[], size: number, each: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) results.push(...(await Promise.all(items.slice(start, start + size).map(each))));
  return results;
}
