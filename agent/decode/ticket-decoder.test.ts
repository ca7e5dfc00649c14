/**
 * Issue 17, item 4: one ingest job of 110,000 1×1 `GS v 0` images blocked the event loop 3.5 s.
 * A card now shows at most MAX_CARD_IMAGES images (the rest counted, and said on the card), and
 * large tickets, answers and previews are decoded in a worker thread — the same results as inline.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { recordingLogger } from '../test-support/recording-logger.js';
import { parseTicket, MAX_CARD_IMAGES } from '../cards/ticket-parser.js';
import { wouldPrint } from '../ingest/job-content.js';
import { decodeEscPos } from '../printing/escpos-decoder.js';
import { createTicketDecoder, INLINE_DECODE_MAX_BYTES, NOT_JSON, type TicketDecoder } from './ticket-decoder.js';
import { imageFloodJob } from '../ingest/fixtures/image-flood.js';

const decoders: TicketDecoder[] = [];
afterEach(async () => {
  for (const decoder of decoders.splice(0)) await decoder.close();
});

function decoder(inlineMaxBytes?: number) {
  const logger = recordingLogger();
  const created = createTicketDecoder({ logger, ...(inlineMaxBytes !== undefined ? { inlineMaxBytes } : {}) });
  decoders.push(created);
  return { decoder: created, logger };
}

/** Cold worker start from TypeScript sources (tsx) on a busy two-core machine. */
const WORKER_START_MS = 30_000;

describe('a job of 110,000 tiny images', () => {
  const flood = imageFloodJob(1024 * 1024);

  it('is about a megabyte of `GS v 0` images behind an order line', () => {
    expect(flood.length).toBeGreaterThan(1_000_000);
    expect(flood.length).toBeLessThanOrEqual(1024 * 1024);
    expect(decodeEscPos(flood).images).toBeGreaterThan(110_000);
  });

  it('becomes a card with at most MAX_CARD_IMAGES images and the rest counted', () => {
    const card = parseTicket(flood);
    const images = card.blocks.filter((block) => block.kind === 'image');
    expect(images).toHaveLength(MAX_CARD_IMAGES);
    expect(card.imagesNotShown).toBe(decodeEscPos(flood).images - MAX_CARD_IMAGES);
    expect(card.ticketNumber).toBe('FLOOD');
  });
});

describe('TicketDecoder', () => {
  it('decodes a small ticket inline and a large one in the worker, with the same result', async () => {
    const { decoder: subject } = decoder();
    const small = Buffer.from('\u001b@Order #12\n2 x Soup\n\u001dV\u0000', 'latin1');
    expect(await subject.ticketCard(small, {})).toEqual(parseTicket(small));
    expect(subject.counts).toEqual({ inline: 1, worker: 0, fallback: 0 });

    const large = imageFloodJob(INLINE_DECODE_MAX_BYTES * 4);
    expect(await subject.ticketCard(large, { printerType: 'EPSON' })).toEqual(parseTicket(large, { printerType: 'EPSON' }));
    expect(await subject.wouldPrint(large, 'EPSON')).toBe(wouldPrint(large, 'EPSON'));
    expect(await subject.endsWithCut(large, 'EPSON')).toBe(true);
    expect(await subject.endsWithCut(large.subarray(0, -3), 'EPSON')).toBe(false);
    expect(await subject.previewLines(large)).toEqual(decodeEscPos(large).lines);
    expect(subject.counts).toEqual({ inline: 1, worker: 5, fallback: 0 });
  }, WORKER_START_MS);

  it('parses a large JSON answer in the worker, and says when it is not JSON', async () => {
    const { decoder: subject } = decoder(0);
    const answer = [{ id: 1, payload: { text: 'x'.repeat(100_000), cutPaper: true } }];
    expect(await subject.parseJson(new TextEncoder().encode(JSON.stringify(answer)))).toEqual(answer);
    expect(await subject.parseJson(new TextEncoder().encode('<html>'))).toEqual(NOT_JSON);
    expect(subject.counts.worker).toBe(2);
  }, WORKER_START_MS);

  it('leaves the caller its own bytes: what it hands the worker is a copy', async () => {
    const { decoder: subject } = decoder(0);
    const bytes = Buffer.from('\u001b@Order #7\n1 x Tea\n', 'latin1');
    const before = Buffer.from(bytes);
    await subject.previewLines(bytes);
    expect(bytes.equals(before)).toBe(true);
  }, WORKER_START_MS);

  it('decodes inline once closed', async () => {
    const { decoder: subject } = decoder(0);
    await subject.close();
    expect(await subject.wouldPrint(Buffer.from('Hello\n'), 'EPSON')).toBe(true);
    expect(subject.counts).toEqual({ inline: 1, worker: 0, fallback: 0 });
  });
});
