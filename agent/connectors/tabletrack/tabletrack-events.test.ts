import { describe, expect, it } from 'vitest';
import { parseTicket } from '../../cards/ticket-parser.js';
import { payloadBytes } from './payload-bytes.js';
import { OrderSchema } from '../../../common/order.js';
import { orderIdOfJob, tableTrackCardOrder, withOrderUpdate } from './tabletrack-card.js';
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
    '\u001bE\u00012 x Margherita\n\u001bE\u0000\u001ba\u0000\n';
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
  const receivedAt = '2025-07-01T12:00:02.000Z';
  const printer = { type: 'EPSON' as const, station: 'kitchen' };
  const card = (job = pulled()) => tableTrackCardOrder({ job, ticket: parseTicket(payloadBytes(job.payload), { printerType: printer.type }), printer, receivedAt });

  it('shows the decoded ticket as printed, numbered by the ticket, with items at the printer’s station, printer and order', () => {
    const order = card();
    expect(order).toMatchObject({
      id: 'tabletrack:17',
      number: '12',
      status: 'submitted',
      createdAt: '2025-07-01T12:00:00.000Z',
      version: 1,
      items: [{ name: 'Margherita', qty: 2, station: 'kitchen', modifiers: [] }],
      source: { kind: 'tabletrack', from: 'Kitchen', raw: false, sourceOrderId: '42' },
    });
    const texts = order.source!.blocks.map((block) => (block.kind === 'image' ? '' : block.text));
    expect(texts).toEqual(['Kitchen', '------------------------------------------', 'Kitchen Order Ticket', 'Order #12                           KOT #3', '2 x Margherita']);
    expect(order.source!.blocks[2]).toMatchObject({ kind: 'text', bold: true, align: 'center' });
    expect(OrderSchema.safeParse(order).success).toBe(true);
  });

  it('names no order for a kitchen ticket (kot-{id}.png is a KOT id) and falls back on an unreadable time', () => {
    const job = pulled({ image_filename: 'kot-3.png', created_at: 'yesterday-ish', payload: { text: '\u001b@\n', cutPaper: true } });
    expect(orderIdOfJob(job)).toBeUndefined();
    const order = card(job);
    expect(order.source?.sourceOrderId).toBeUndefined();
    expect(order.number).toBe('17');
    expect(order.createdAt).toBe(receivedAt);
  });

  it('takes order.updated onto the card of that order only, as a new version', () => {
    const order = card();
    const update = OrderUpdatedSchema.parse(ORDER_UPDATED);
    const updated = withOrderUpdate(order, update, '2025-07-01T12:05:01.000Z');
    expect(updated).toMatchObject({ version: 2, updatedAt: '2025-07-01T12:05:01.000Z', source: { sourceOrderId: '42', sourceStatus: 'billed' } });
    expect(withOrderUpdate(updated!, update, '2025-07-01T12:05:02.000Z')).toBeUndefined();
    expect(withOrderUpdate(order, OrderUpdatedSchema.parse({ ...ORDER_UPDATED, order_id: 43 }), '2025-07-01T12:05:01.000Z')).toBeUndefined();
  });
});
