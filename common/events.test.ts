import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, EventSchema } from './events.js';

const actor = { type: 'agent', id: 'pc-1' } as const;
const at = '2026-01-02T12:00:00.000Z';

describe('EventSchema: one shape per event type', () => {
  it('takes each type with its own fields', () => {
    const events = [
      { seq: 1, type: EVENT_TYPES.orderSubmitted, orderId: 'ord_1', to: 'submitted', actor, at, version: 1 },
      { seq: 2, type: EVENT_TYPES.orderStatusChanged, orderId: 'ord_1', from: 'submitted', to: 'cancelled', reason: 'left', actor, at, version: 2 },
      { seq: 3, type: EVENT_TYPES.printJobCreated, jobId: 'job_1', station: 'kitchen', to: 'pending', actor, at, version: 1 },
      { seq: 4, type: EVENT_TYPES.printJobUpdated, jobId: 'job_1', orderId: 'ord_1', station: 'kitchen', from: 'printing', to: 'failed', reason: 'paper out', actor, at, version: 3 },
    ];
    expect(events.map((event) => EventSchema.parse(event))).toEqual(events);
  });

  it("refuses an order event with a job's status, and a job event with an order's", () => {
    const order = { seq: 2, type: EVENT_TYPES.orderStatusChanged, orderId: 'ord_1', from: 'submitted', actor, at, version: 2 };
    expect(EventSchema.safeParse({ ...order, to: 'printing' }).success).toBe(false);
    const job = { seq: 3, type: EVENT_TYPES.printJobUpdated, jobId: 'job_1', station: 'kitchen', from: 'pending', actor, at, version: 2 };
    expect(EventSchema.safeParse({ ...job, to: 'accepted' }).success).toBe(false);
    expect(EventSchema.safeParse({ ...job, to: 'done' }).success).toBe(true);
  });

  it('refuses an event without the id, station or version its type carries', () => {
    const submitted = { seq: 1, type: EVENT_TYPES.orderSubmitted, orderId: 'ord_1', to: 'submitted', actor, at, version: 1 };
    const { orderId: _orderId, ...noOrder } = submitted;
    const { version: _version, ...noVersion } = submitted;
    expect(EventSchema.safeParse(noOrder).success).toBe(false);
    expect(EventSchema.safeParse(noVersion).success).toBe(false);
    expect(EventSchema.safeParse({ seq: 3, type: EVENT_TYPES.printJobCreated, jobId: 'job_1', to: 'pending', actor, at, version: 1 }).success).toBe(false);
  });

  it('drops a field its type never carries instead of failing the event', () => {
    const parsed = EventSchema.parse({ seq: 1, type: EVENT_TYPES.orderSubmitted, orderId: 'ord_1', jobId: 'job_9', to: 'submitted', actor, at, version: 1 });
    expect(parsed.jobId).toBeUndefined();
    expect(parsed).toMatchObject({ type: EVENT_TYPES.orderSubmitted, orderId: 'ord_1' });
  });
});
