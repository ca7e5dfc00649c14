import type { z } from 'zod';
import { CodedError, ERRORS } from '../../common/errors.js';
import { EVENT_TYPES, type Actor } from '../../common/events.js';
import {
  allowedOrderTransitions,
  canTransitionOrder,
  type Order,
  type OrderInputSchema,
  type OrderStatus,
  type OrderTransitionInput,
} from '../../common/order.js';
import type { PrintOn } from '../config.js';
import type { Database } from '../db/query.js';
import { deriveCustomerToken, hashToken, newId } from '../ids.js';
import type { IdempotencyRepository } from '../repositories/idempotency.js';
import type { OrderListFilter, OrderRepository, StoredOrder } from '../repositories/orders.js';
import { businessDay, instantOf, type Clock } from '../time.js';
import type { ChangeRecorder } from './change-recorder.js';
import { earlierAnswer, requestHashOf, type IdempotencyScope } from './idempotent-create.js';
import type { PrintJobService } from './print-jobs.js';
import { orderNotFound } from './open-order.js';

export type ParsedOrderInput = z.output<typeof OrderInputSchema>;

export interface CreatedOrder {
  order: Order;
  customerToken: string;
  /** true when this answer repeats an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const PER_LETTER = 999;

/**
 * The short display number of the n-th order of a day: A-001 … A-999, B-001 … Z-999, then Z-<n>
 * (distinct from every earlier number) on the very unlikely day past 25,974 orders.
 */
export function formatOrderNumber(n: number): string {
  const block = Math.floor((n - 1) / PER_LETTER);
  if (block >= LETTERS.length) return `Z-${n}`;
  return `${LETTERS[block]}-${String(((n - 1) % PER_LETTER) + 1).padStart(3, '0')}`;
}

/**
 * With PRINT_ON=accepted the station tickets print on this move only. The state machine enters
 * `accepted` from `submitted` (once per order: nothing leads back to `submitted`) or from `ready`
 * (a recall, which must not print again). Deciding by the move rather than by "does the order
 * have ticket jobs yet" keeps a manual ticket job posted before acceptance from suppressing them.
 */
function isFirstAcceptance(from: OrderStatus, to: OrderStatus): boolean {
  return from === 'submitted' && to === 'accepted';
}


export interface OrderServiceOptions {
  printOn: PrintOn;
  /** Per-data-dir secret customer tokens are derived from. */
  customerTokenSecret: string;
  clock: Clock;
}

export class OrderService {
  constructor(
    private readonly db: Database,
    private readonly recorder: ChangeRecorder,
    private readonly orders: OrderRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly printJobs: PrintJobService,
    private readonly options: OrderServiceOptions,
  ) {}

  create(location: string, input: ParsedOrderInput, actor: Actor, idempotency?: IdempotencyScope): Promise<CreatedOrder> {
    const requestHash = idempotency ? requestHashOf(input) : '';
    return this.recorder.run(location, async (tx, record) => {
      const earlier = idempotency && (await earlierAnswer<Order>(tx, this.idempotency, location, 'orders', idempotency, requestHash, 'orderId'));
      if (earlier) return { order: earlier, customerToken: this.customerToken(earlier.id), replayed: true };
      const time = instantOf(this.options.clock);
      const day = businessDay(time.ms);
      const id = newId('ord');
      const order: Order = {
        id,
        number: formatOrderNumber(await this.orders.nextDailyNumber(tx, location, day)),
        type: input.type,
        items: input.items,
        status: 'submitted',
        createdAt: time.iso,
        updatedAt: time.iso,
        version: 1,
        ...(input.table !== undefined ? { table: input.table } : {}),
        ...(input.customer !== undefined ? { customer: input.customer } : {}),
        ...(input.notes !== undefined ? { notes: input.notes } : {}),
        ...(input.total !== undefined ? { total: input.total } : {}),
      };
      const customerToken = this.customerToken(id);
      await this.orders.insert(tx, location, order, day, hashToken(customerToken));
      record({ type: EVENT_TYPES.orderSubmitted, orderId: id, to: 'submitted', actor, at: time.iso, version: 1 });
      if (this.options.printOn === 'submitted') await this.printJobs.createTicketJobs(tx, location, order, actor, record, time.iso);
      if (idempotency) {
        await this.idempotency.insert(tx, {
          ...idempotency,
          location,
          scope: 'orders',
          requestHash,
          resourceId: id,
          responseJson: JSON.stringify(order),
          createdMs: time.ms,
        });
      }
      return { order, customerToken, replayed: false };
    });
  }

  async get(location: string, id: string): Promise<Order> {
    const order = await this.orders.get(this.db, location, id);
    if (!order) throw orderNotFound(id);
    return order;
  }

  list(location: string, filter: OrderListFilter): Promise<StoredOrder[]> {
    return this.orders.list(this.db, location, filter);
  }

  getMany(location: string, ids: readonly string[]): Promise<StoredOrder[]> {
    return this.orders.getMany(this.db, location, ids);
  }

  /** Every location's orders: the instance's health. */
  counts(): Promise<{ orders: number; activeOrders: number }> {
    return this.orders.counts(this.db);
  }

  /**
   * Moves an order along the state machine. Checks, in order: the order exists (404), a cancel
   * carries a reason (400), `expectedVersion` still matches (409 with the current order, so an
   * agent can resolve its conflict), the move is allowed (409). A move to the status the order
   * already has is not allowed: it is answered 409 like any other illegal move, so a retried
   * action is visible to the caller rather than silently swallowed.
   */
  transition(location: string, id: string, input: OrderTransitionInput, actor: Actor): Promise<Order> {
    return this.recorder.run(location, async (tx, record) => {
      // Locked until the commit: a second process's move waits, then sees this one's result.
      const order = await this.orders.getForChange(tx, location, id);
      if (!order) throw orderNotFound(id);
      if (input.to === 'cancelled' && input.reason === undefined) {
        throw new CodedError(ERRORS.ORDER_CANCEL_REASON_REQUIRED, 'cancelling an order needs a reason');
      }
      if (input.expectedVersion !== undefined && input.expectedVersion !== order.version) {
        throw new CodedError(ERRORS.ORDER_VERSION_CONFLICT, `order ${id} is at version ${order.version}, not ${input.expectedVersion}`, { expectedVersion: input.expectedVersion, currentVersion: order.version, order });
      }
      if (!canTransitionOrder(order.status, input.to)) {
        throw new CodedError(ERRORS.ORDER_TRANSITION_INVALID, `order ${id} cannot go from ${order.status} to ${input.to}`, { from: order.status, to: input.to, allowed: allowedOrderTransitions(order.status) });
      }
      const time = instantOf(this.options.clock);
      const from: OrderStatus = order.status;
      const updated: Order = { ...order, status: input.to, updatedAt: time.iso, version: order.version + 1 };
      if (input.to === 'cancelled' && input.reason !== undefined) updated.cancelReason = input.reason;
      const stored = await this.orders.updateStatus(tx, {
        id,
        version: order.version,
        status: input.to,
        updatedAt: time.iso,
        ...(updated.cancelReason !== undefined ? { cancelReason: updated.cancelReason } : {}),
      });
      if (!stored) throw new Error(`order ${id} changed inside its own transaction`);
      record({
        type: EVENT_TYPES.orderStatusChanged,
        orderId: id,
        from,
        to: input.to,
        actor,
        at: time.iso,
        version: updated.version,
        ...(input.reason !== undefined ? { reason: input.reason } : {}),
      });
      // An order's end is news of its own (the diner page stops listening on it): the next seq,
      // in the same transaction as the status change.
      if (input.to === 'completed' || input.to === 'cancelled') {
        record({ type: EVENT_TYPES.orderClosed, orderId: id, to: input.to, finalStatus: input.to, actor, at: time.iso, version: updated.version });
      }
      if (this.options.printOn === 'accepted' && isFirstAcceptance(from, input.to)) {
        await this.printJobs.createTicketJobs(tx, location, updated, actor, record, time.iso);
      }
      return updated;
    });
  }

  private customerToken(orderId: string): string {
    return deriveCustomerToken(this.options.customerTokenSecret, orderId);
  }
}
