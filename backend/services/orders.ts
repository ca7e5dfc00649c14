import type { z } from 'zod';
import { CodedError, ERRORS } from '../../common/errors.js';
import { EVENT_TYPES, type Actor } from '../../common/events.js';
import {
  allowedOrderTransitions,
  canTransitionOrder,
  CUSTOMER_CANCEL,
  isActiveOrderStatus,
  type Order,
  type OrderInputSchema,
  type OrderStatus,
  type OrderTransitionInput,
} from '../../common/order.js';
import type { PrintOn } from '../config.js';
import type { Database, Queryable } from '../db/query.js';
import { deriveCustomerToken, hashToken, newId } from '../ids.js';
import type { IdempotencyRepository } from '../repositories/idempotency.js';
import { findStation, initialStations, type OrderStation } from '../../common/order-stations.js';
import type { CompletedCursor, OrderListFilter, OrderRepository, OrderSearchFilter, StoredOrder } from '../repositories/orders.js';
import { businessDay, instantOf, type Clock } from '../time.js';
import type { ChangeRecorder, RecordEvent } from './change-recorder.js';
import { earlierAnswer, requestHashOf, type IdempotencyScope } from './idempotent-create.js';
import type { PrintJobService } from './print-jobs.js';
import { orderNotFound } from './open-order.js';
import { OrderStep, bumpStationMoves, recallStationMoves } from '../../common/order-step.js';

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
function isFirstAcceptance(step: OrderStep): boolean {
  return step.moved('submitted', 'accepted');
}


export interface OrderServiceOptions {
  printOn: PrintOn;
  /** Per-data-dir secret customer tokens are derived from. */
  customerTokenSecret: string;
  clock: Clock;
  /** RECALL_WINDOW_MINUTES: how long after completion an order may come back (completed → ready). */
  recallWindowMinutes: number;
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
        stations: initialStations(input.items),
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

  /** A search of the location's orders, newest first (issue 24). */
  search(location: string, filter: OrderSearchFilter): Promise<StoredOrder[]> {
    return this.orders.search(this.db, location, filter);
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
   * agent can resolve its conflict), the move is allowed (409), and a recall of a completed order
   * is inside the recall window (409 ORDER_RECALL_WINDOW_PASSED). A move to the status the order
   * already has is not allowed: it is answered 409 like any other illegal move, so a retried
   * action is visible to the caller rather than silently swallowed. A move to `ready` marks every
   * station ready in the same step; the whole order recalled (`ready → accepted`) puts every
   * station back to pending.
   */
  transition(location: string, id: string, input: OrderTransitionInput, actor: Actor): Promise<Order> {
    return this.change(location, id, actor, (step, now) => {
      const order = step.before;
      if (input.to === 'cancelled' && input.reason === undefined) {
        throw new CodedError(ERRORS.ORDER_CANCEL_REASON_REQUIRED, 'cancelling an order needs a reason');
      }
      if (input.expectedVersion !== undefined && input.expectedVersion !== order.version) {
        throw new CodedError(ERRORS.ORDER_VERSION_CONFLICT, `order ${id} is at version ${order.version}, not ${input.expectedVersion}`, { expectedVersion: input.expectedVersion, currentVersion: order.version, order });
      }
      if (!canTransitionOrder(order.status, input.to)) throw this.transitionInvalid(order, now, { to: input.to });
      if (order.status === 'completed') this.assertRecallable(order, now);
      step.moveTo(input.to, { reason: input.reason });
    });
  }

  /**
   * The diner cancels their own order (issue 24): only while it is `submitted`, before the kitchen
   * has started; any other status is 409 ORDER_TRANSITION_INVALID (with no allowed moves, as the
   * diner has none). The events are a staff cancel's (`order.status.changed` then `order.closed`),
   * with the customer as actor, which makes the order's `cancelledBy` 'customer'.
   */
  cancelByCustomer(location: string, id: string, input: { reason?: string | undefined; expectedVersion?: number | undefined }, actor: Actor): Promise<Order> {
    const reason = input.reason ?? CUSTOMER_CANCEL.defaultReason;
    if (reason.length > CUSTOMER_CANCEL.maxReasonLength) {
      throw new CodedError(ERRORS.ORDER_CANCEL_REASON_TOO_LONG, `a cancel reason may hold at most ${CUSTOMER_CANCEL.maxReasonLength} characters`, { maxLength: CUSTOMER_CANCEL.maxReasonLength });
    }
    return this.change(location, id, actor, (step) => {
      const order = step.before;
      if (input.expectedVersion !== undefined && input.expectedVersion !== order.version) {
        throw new CodedError(ERRORS.ORDER_VERSION_CONFLICT, `order ${id} is at version ${order.version}, not ${input.expectedVersion}`, { expectedVersion: input.expectedVersion, currentVersion: order.version });
      }
      if (order.status !== 'submitted') {
        throw new CodedError(ERRORS.ORDER_TRANSITION_INVALID, `order ${id} is ${order.status}: the kitchen has started it, so it can no longer be cancelled by the customer`, {
          from: order.status,
          to: 'cancelled',
          allowed: [],
        });
      }
      step.moveTo('cancelled', { reason });
    }, (tx, record, order, at) => this.printJobs.createCancellationSlips(tx, location, order, actor, record, at).then(() => undefined));
  }

  /**
   * One station's part is done. A submitted order is accepted first (its own status change); the
   * last pending station makes the order ready (exactly one `order.status.changed {to: 'ready'}`).
   * A station already ready changes nothing and records nothing.
   */
  stationReady(location: string, id: string, station: string, actor: Actor): Promise<Order> {
    return this.change(location, id, actor, (step, now) => {
      const entry = this.stationOf(step, station);
      if (entry.status === 'ready') return;
      if (!isActiveOrderStatus(step.before.status)) throw this.transitionInvalid(step.before, now, { station, action: 'ready' });
      bumpStationMoves(step, station);
    });
  }

  /**
   * One station's part back to pending (bumped by mistake); on a ready order the order goes back to
   * `accepted` with it. A station that is pending already changes nothing.
   */
  stationRecall(location: string, id: string, station: string, actor: Actor): Promise<Order> {
    return this.change(location, id, actor, (step, now) => {
      this.stationOf(step, station);
      if (!isActiveOrderStatus(step.before.status)) throw this.transitionInvalid(step.before, now, { station, action: 'recall' });
      recallStationMoves(step, station);
    });
  }

  /** Completed orders, the most recent completion first (Recall on the board). */
  listCompleted(location: string, page: { before?: CompletedCursor; limit: number }): Promise<(StoredOrder & { completedAt: string })[]> {
    return this.orders.listCompletedNewest(this.db, location, page);
  }

  /**
   * The frame of every change to one order: lock it, let `decide` build the step (or throw a
   * refusal), write the new state and its events in one transaction. A step that made no move
   * answers the order as it is, and records nothing.
   */
  private change(
    location: string,
    id: string,
    actor: Actor,
    decide: (step: OrderStep, now: number) => void,
    /** More writes of a step that moved the order, in its transaction (a customer cancel's slips). */
    afterMove?: (tx: Queryable, record: RecordEvent, order: Order, at: string) => Promise<void>,
  ): Promise<Order> {
    return this.recorder.run(location, async (tx, record) => {
      // Locked until the commit: a second process's move waits, then sees this one's result.
      const order = await this.orders.getForChange(tx, location, id);
      if (!order) throw orderNotFound(id);
      const time = instantOf(this.options.clock);
      const step = new OrderStep(order, actor, time.iso);
      decide(step, time.ms);
      if (!step.changed) return step.order;
      if (!(await this.orders.update(tx, order.version, step.order))) throw new Error(`order ${id} changed inside its own transaction`);
      for (const event of step.events) record(event);
      await afterMove?.(tx, record, step.order, time.iso);
      if (this.options.printOn === 'accepted' && isFirstAcceptance(step)) {
        await this.printJobs.createTicketJobs(tx, location, step.order, actor, record, time.iso);
      }
      return step.order;
    });
  }

  /** The order's entry for `station`, or 404 ORDER_STATION_NOT_FOUND naming the stations it has. */
  private stationOf(step: OrderStep, station: string): OrderStation {
    const stations = step.order.stations ?? [];
    const entry = findStation(stations, station);
    if (!entry) {
      throw new CodedError(ERRORS.ORDER_STATION_NOT_FOUND, `order ${step.before.id} has no items for station ${station}`, {
        orderId: step.before.id,
        station,
        stations: stations.map((candidate) => candidate.station),
      });
    }
    return entry;
  }

  /** 409 ORDER_TRANSITION_INVALID with the moves the order does allow now. */
  private transitionInvalid(order: Order, now: number, attempted: { to: OrderStatus } | { station: string; action: 'ready' | 'recall' }): CodedError {
    const what = 'to' in attempted ? `go from ${order.status} to ${attempted.to}` : `have its ${attempted.station} station ${attempted.action === 'ready' ? 'bumped' : 'recalled'} while ${order.status}`;
    return new CodedError(ERRORS.ORDER_TRANSITION_INVALID, `order ${order.id} cannot ${what}`, {
      from: order.status,
      ...attempted,
      allowed: this.allowedMoves(order, now),
    });
  }

  /** The state machine's moves from the order's status, less a recall whose window has passed. */
  private allowedMoves(order: Order, now: number): readonly OrderStatus[] {
    const allowed = allowedOrderTransitions(order.status);
    return order.status === 'completed' && !this.withinRecallWindow(order, now) ? allowed.filter((to) => to !== 'ready') : allowed;
  }

  private recallWindowEnd(order: Order): number {
    return Date.parse(order.completedAt ?? order.updatedAt) + this.options.recallWindowMinutes * 60_000;
  }

  private withinRecallWindow(order: Order, now: number): boolean {
    return now <= this.recallWindowEnd(order);
  }

  private assertRecallable(order: Order, now: number): void {
    if (this.withinRecallWindow(order, now)) return;
    throw new CodedError(
      ERRORS.ORDER_RECALL_WINDOW_PASSED,
      `order ${order.id} was completed more than ${this.options.recallWindowMinutes} minutes ago and can no longer be recalled`,
      { completedAt: order.completedAt ?? order.updatedAt, windowMinutes: this.options.recallWindowMinutes, closedAt: new Date(this.recallWindowEnd(order)).toISOString() },
    );
  }

  private customerToken(orderId: string): string {
    return deriveCustomerToken(this.options.customerTokenSecret, orderId);
  }
}
