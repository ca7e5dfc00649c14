import type { z } from 'zod';
import { CodedError, ERROR_CODES } from '../../common/errors.js';
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
import { deriveCustomerToken, hashToken, newId } from '../ids.js';
import type { IdempotencyRepository } from '../repositories/idempotency.js';
import type { OrderListFilter, OrderRepository, StoredOrder } from '../repositories/orders.js';
import { businessDay, instantOf, type Clock } from '../time.js';
import type { ChangeRecorder } from './change-recorder.js';
import { applyOnce, type IdempotencyScope } from './idempotent-create.js';
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
    private readonly recorder: ChangeRecorder,
    private readonly orders: OrderRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly printJobs: PrintJobService,
    private readonly options: OrderServiceOptions,
  ) {}

  create(input: ParsedOrderInput, actor: Actor, idempotency?: IdempotencyScope): CreatedOrder {
    return this.recorder.run((record) => {
      const { answer: order, replayed } = applyOnce(this.idempotency, 'orders', idempotency, input, 'orderId', this.options.clock, () => {
        const time = instantOf(this.options.clock);
        const day = businessDay(time.ms);
        const id = newId('ord');
        const created: Order = {
          id,
          number: formatOrderNumber(this.orders.nextDailyNumber(day)),
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
        this.orders.insert(created, day, hashToken(this.customerToken(id)));
        record({ type: EVENT_TYPES.orderSubmitted, orderId: id, to: 'submitted', actor, at: time.iso, version: 1 });
        if (this.options.printOn === 'submitted') this.printJobs.createTicketJobs(created, actor, record, time.iso);
        return { answer: created, resourceId: id };
      });
      return { order, customerToken: this.customerToken(order.id), replayed };
    });
  }

  get(id: string): Order {
    const order = this.orders.get(id);
    if (!order) throw orderNotFound(id);
    return order;
  }

  list(filter: OrderListFilter): StoredOrder[] {
    return this.orders.list(filter);
  }

  getMany(ids: readonly string[]): StoredOrder[] {
    return this.orders.getMany(ids);
  }

  counts(): { orders: number; activeOrders: number } {
    return this.orders.counts();
  }

  /**
   * Moves an order along the state machine. Checks, in order: the order exists (404), a cancel
   * carries a reason (400), `expectedVersion` still matches (409 with the current order, so an
   * agent can resolve its conflict), the move is allowed (409). A move to the status the order
   * already has is not allowed: it is answered 409 like any other illegal move, so a retried
   * action is visible to the caller rather than silently swallowed.
   */
  transition(id: string, input: OrderTransitionInput, actor: Actor): Order {
    return this.recorder.run((record) => {
      const order = this.orders.get(id);
      if (!order) throw orderNotFound(id);
      if (input.to === 'cancelled' && input.reason === undefined) {
        throw new CodedError(ERROR_CODES.ORDER_CANCEL_REASON_REQUIRED, 'cancelling an order needs a reason', 400);
      }
      if (input.expectedVersion !== undefined && input.expectedVersion !== order.version) {
        throw new CodedError(
          ERROR_CODES.ORDER_VERSION_CONFLICT,
          `order ${id} is at version ${order.version}, not ${input.expectedVersion}`,
          409,
          { expectedVersion: input.expectedVersion, currentVersion: order.version, order },
        );
      }
      if (!canTransitionOrder(order.status, input.to)) {
        throw new CodedError(
          ERROR_CODES.ORDER_TRANSITION_INVALID,
          `order ${id} cannot go from ${order.status} to ${input.to}`,
          409,
          { from: order.status, to: input.to, allowed: allowedOrderTransitions(order.status) },
        );
      }
      const time = instantOf(this.options.clock);
      const from: OrderStatus = order.status;
      const updated: Order = { ...order, status: input.to, updatedAt: time.iso, version: order.version + 1 };
      if (input.to === 'cancelled' && input.reason !== undefined) updated.cancelReason = input.reason;
      const stored = this.orders.updateStatus({
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
        this.printJobs.createTicketJobs(updated, actor, record, time.iso);
      }
      return updated;
    });
  }

  private customerToken(orderId: string): string {
    return deriveCustomerToken(this.options.customerTokenSecret, orderId);
  }
}
