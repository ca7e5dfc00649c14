import { EVENT_TYPES, type Actor } from '../../common/events.js';
import type { Courier, CourierInput } from '../../common/courier.js';
import type { Database } from '../db/query.js';
import type { CourierRepository } from '../repositories/couriers.js';
import type { OrderRepository } from '../repositories/orders.js';
import { instantOf, type Clock } from '../time.js';
import type { ChangeRecorder } from './change-recorder.js';
import { openOrder } from './open-order.js';

/** The courier of an order: who delivers and where the diner follows it. */
export class CourierService {
  constructor(
    private readonly db: Database,
    private readonly recorder: ChangeRecorder,
    private readonly couriers: CourierRepository,
    private readonly orders: OrderRepository,
    private readonly clock: Clock,
  ) {}

  /** Sets or replaces the order's courier, with its `courier.tracking.updated` event. */
  set(location: string, orderId: string, input: CourierInput, actor: Actor): Promise<Courier> {
    return this.recorder.run(location, async (tx, record) => {
      await openOrder(tx, this.orders, location, orderId);
      const time = instantOf(this.clock);
      const courier: Courier = {
        orderId,
        vendor: input.vendor,
        trackingUrl: input.trackingUrl,
        ...(input.etaMinutes !== undefined ? { etaMinutes: input.etaMinutes } : {}),
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        updatedAt: time.iso,
        version: ((await this.couriers.get(tx, orderId))?.version ?? 0) + 1,
      };
      await this.couriers.put(tx, courier);
      record({
        type: EVENT_TYPES.courierTrackingUpdated,
        orderId,
        to: 'booked',
        vendor: courier.vendor,
        trackingUrl: courier.trackingUrl,
        ...(courier.etaMinutes !== undefined ? { etaMinutes: courier.etaMinutes } : {}),
        ...(courier.name !== undefined ? { name: courier.name } : {}),
        ...(courier.phone !== undefined ? { phone: courier.phone } : {}),
        actor,
        at: time.iso,
        version: courier.version,
      });
      return courier;
    });
  }

  /** The courier of an order the caller has already found in its location. */
  get(orderId: string): Promise<Courier | undefined> {
    return this.couriers.get(this.db, orderId);
  }
}
