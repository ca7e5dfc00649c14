import { describe, expect, it } from 'vitest';
import { OrderSchema } from '../../common/order.js';
import { SOURCE_CARD_LIMITS } from '../../common/source-card.js';
import type { TicketCard } from '../cards/ticket-card.js';
import { ingestCardOrder } from './ingest-card-order.js';
import type { IngestJob } from './ingest-job.js';

const ID = 'ingest:3f2b9c1e-0d4a-4c1b-9a55-1c2d3e4f5a6b';

function job(overrides: Partial<IngestJob> = {}): IngestJob {
  return { id: 'j', listenerName: 'pos-kitchen', station: 'kitchen', printerType: 'EPSON', bytes: Buffer.from('x'), receivedAt: '2025-03-01T12:00:00.000Z', connectionId: 1, endedBy: 'cut', ...overrides };
}

function card(overrides: Partial<TicketCard> = {}): TicketCard {
  return { blocks: [], items: [], raw: false, unknownBytes: 0, imagesNotShown: 0, linesOmitted: 0, ...overrides };
}

describe('ingestCardOrder', () => {
  it('makes a submitted dine-in order at the listener\'s station, numbered by the ticket or a short id', () => {
    const order = ingestCardOrder({ id: ID, job: job(), card: card({ ticketNumber: '1042', items: [{ qty: 2, name: 'Fries' }] }) });
    expect(OrderSchema.parse(order)).toEqual(order);
    expect(order).toMatchObject({ id: ID, number: '1042', type: 'dine_in', status: 'submitted', version: 1, createdAt: '2025-03-01T12:00:00.000Z' });
    expect(order.items).toEqual([{ name: 'Fries', qty: 2, station: 'kitchen', modifiers: [] }]);
    expect(order.source).toEqual({ kind: 'ingest', from: 'pos-kitchen', blocks: [], raw: false });
    expect(ingestCardOrder({ id: ID, job: job(), card: card() }).number).toBe('3f2b9c');
  });

  it('fits a runaway ticket into the card schema and says what was left out', () => {
    const long = 'L'.repeat(500);
    const huge = `data:image/png;base64,${'A'.repeat(SOURCE_CARD_LIMITS.maxImageDataUrl)}`;
    const blocks: TicketCard['blocks'] = [
      { kind: 'image', width: 576, height: 2000, dataUrl: huge },
      { kind: 'item', qty: 1, name: long, text: `1 ${long}` },
      ...Array.from({ length: 450 }, (_, i) => ({ kind: 'text' as const, text: `line ${i} ${long}` })),
    ];
    const order = ingestCardOrder({
      id: ID,
      job: job({ endedBy: 'limit', limit: 'jobTooLarge', limitMessage: 'job larger than 1048576 bytes: cut off there', truncated: true }),
      card: card({ ticketNumber: 'N'.repeat(80), blocks, items: Array.from({ length: 150 }, () => ({ qty: 1, name: long })), linesOmitted: 7, imagesNotShown: 2 }),
      note: 'not printed on Hot line: the ticket is incomplete',
    });
    expect(OrderSchema.safeParse(order).success).toBe(true);
    expect(order.source?.blocks).toHaveLength(SOURCE_CARD_LIMITS.maxBlocks);
    expect(order.source?.blocks[0]).toEqual({ kind: 'text', text: '[image 576×2000 too large to show]' });
    expect(order.items).toHaveLength(100);
    expect(order.source?.notice).toBe('job larger than 1048576 bytes: cut off there; not printed on Hot line: the ticket is incomplete; 59 more lines not shown; 2 images not shown');
  });
});
