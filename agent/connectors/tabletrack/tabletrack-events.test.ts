import { describe, expect, it } from 'vitest';
import { payloadBytes } from './payload-bytes.js';
import { applyOrderUpdate, decodeTicketLines, orderIdOfJob, ticketCardForJob } from './tabletrack-card.js';
import { PulledJobSchema } from './tabletrack-contract.js';
import { OrderUpdatedSchema, PrintJobCreatedSchema, readRealtimeData } from './tabletrack-events.js';

/** PrintJobCreated::broadcastWith as Laravel serialises it, plus a field a newer TableTrack might add. */
const PRINT_JOB_CREATED = {
  print_job_id: 17,
  restaurant_id: 1,
  branch_id: 2,
  printer_id: 3,
  status: 'pending',
  payload: { text: '\u001b@Kitchen\n', cutPaper: true },
  created_at: '2025-07-01T12:00:00.000000Z',
  timestamp: '2025-07-01T12:00:00.123Z',
  type: 'print_job_created',
  printer_info: { printer_name: 'Kitchen', printer_type: 'network', print_format: 'thermal80mm' },
  added_later: { anything: true },
};

/** OrderUpdated::broadcastWith. */
const ORDER_UPDATED = {
  order_id: 42,
  action: 'updated',
  status: 'billed',
  order_type: 'dine_in',
  order_type_id: 1,
  waiter_id: null,
  table_id: 7,
  customer_id: null,
  updated_at: '2025-07-01T12:05:00.000000Z',
  timestamp: '2025-07-01T12:05:00.010Z',
  test_message: 'This is a test broadcast from Laravel',
};

describe('TableTrack realtime payloads', () => {
  it('reads print-job.created as pusher-js hands it over (parsed JSON or a JSON string), extra fields and all', () => {
    expect(readRealtimeData(PrintJobCreatedSchema, PRINT_JOB_CREATED)?.print_job_id).toBe(17);
    const fromString = readRealtimeData(PrintJobCreatedSchema, JSON.stringify({ ...PRINT_JOB_CREATED, print_job_id: '18' }));
    expect(fromString?.print_job_id).toBe(18);
    expect(fromString?.printer_info?.printer_name).toBe('Kitchen');
  });

  it('turns away a message without a job id, or that is not JSON, without throwing', () => {
    const { print_job_id: _id, ...withoutId } = PRINT_JOB_CREATED;
    expect(readRealtimeData(PrintJobCreatedSchema, withoutId)).toBeUndefined();
    expect(readRealtimeData(PrintJobCreatedSchema, '{not json')).toBeUndefined();
    expect(readRealtimeData(PrintJobCreatedSchema, null)).toBeUndefined();
  });

  it('reads order.updated: order id and TableTrack’s own status', () => {
    const update = readRealtimeData(OrderUpdatedSchema, ORDER_UPDATED);
    expect(update).toMatchObject({ order_id: 42, status: 'billed', table_id: 7 });
  });
});

describe('a TableTrack job as a board card', () => {
  // escpos-php as TableTrack's PrinterSetting uses it: init, centre, bold, header lines, items, feed.
  const ticket =
    '\u001b@\u001ba\u0001\u001d!\u0000\u001bE\u0001\u001bE\u0000Kitchen\n------------------------------------------\n' +
    '\u001bE\u0001Kitchen Order Ticket\n\u001bE\u0000Order #12                           KOT #3\n' +
    '\u001bE\u0001Margherita                               2\n\u001bE\u0000\u001ba\u0000\n';
  const pulled = (overrides: Record<string, unknown> = {}) =>
    PulledJobSchema.parse({
      id: 17,
      printer_id: 3,
      restaurant_id: 1,
      branch_id: 2,
      status: 'printing',
      payload: { text: ticket, cutPaper: true },
      image_filename: 'order-42.png',
      created_at: '2025-07-01T12:00:00.000000Z',
      updated_at: '2025-07-01T12:00:01.000000Z',
      printer: { id: 3, name: 'Kitchen', printing_choice: 'kotAndOrder', print_format: 'thermal80mm', share_name: null, type: 'network' },
      ...overrides,
    });
  const receivedAt = new Date('2025-07-01T12:00:02Z');

  it('shows the decoded ticket, titled by its first printed line, with printer and order', () => {
    const job = pulled();
    const lines = decodeTicketLines(payloadBytes(job.payload));
    const card = ticketCardForJob(job, lines, receivedAt);
    expect(card).toMatchObject({
      key: 'tabletrack:17',
      connector: 'tabletrack',
      sourceId: '17',
      title: 'Kitchen',
      createdAt: '2025-07-01T12:00:00.000Z',
      printer: { sourceId: '3', name: 'Kitchen' },
      order: { sourceId: '42' },
      bumped: false,
    });
    expect(card.lines.map((line) => line.text)).toEqual([
      'Kitchen',
      '------------------------------------------',
      'Kitchen Order Ticket',
      'Order #12                           KOT #3',
      'Margherita                               2',
      '',
    ]);
    expect(card.lines[2]).toMatchObject({ bold: true, align: 'center' });
  });

  it('names no order for a kitchen ticket (kot-{id}.png is a KOT id) and falls back on an unreadable time', () => {
    const job = pulled({ image_filename: 'kot-3.png', created_at: 'yesterday-ish' });
    expect(orderIdOfJob(job)).toBeUndefined();
    const card = ticketCardForJob(job, [], receivedAt);
    expect(card.order).toBeUndefined();
    expect(card.title).toBe('Print job #17');
    expect(card.createdAt).toBe(receivedAt.toISOString());
  });

  it('takes order.updated onto the card of that order only', () => {
    const card = ticketCardForJob(pulled(), [], receivedAt);
    const update = OrderUpdatedSchema.parse(ORDER_UPDATED);
    expect(applyOrderUpdate(card, update).order).toEqual({ sourceId: '42', status: 'billed', updatedAt: '2025-07-01T12:05:00.000Z' });
    const other = OrderUpdatedSchema.parse({ ...ORDER_UPDATED, order_id: 43 });
    expect(applyOrderUpdate(card, other)).toBe(card);
  });
});
