/**
 * Issue 17, item 4, end to end: five ingest jobs of a megabyte of 1×1 images each arrive at once on
 * the agent's ingest port (one blocked the event loop 3.5 s, five 11.3 s). Each becomes a card
 * showing MAX_CARD_IMAGES images and saying how many more there are; they are decoded in the
 * decoding worker, not on the agent's main thread; and a real ticket meanwhile still gets its card.
 * The loop delay itself is measured by `bench:agent` (a time, so a benchmark's, not a test's).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { imageFloodJob } from '../../agent/ingest/fixtures/image-flood.js';
import { MAX_CARD_IMAGES } from '../../agent/cards/ticket-parser.js';
import { decodeEscPos } from '../../agent/printing/escpos-decoder.js';
import { Resources, eventually, freePort, startTestAgent, startTestBackend } from './kitchen-harness.js';
import { httpSnapshot, ingestCard, posClient, posTicket } from './ingest-harness.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

describe('ingest: a flood of tiny images', () => {
  it('makes capped cards of five 1 MB image floods, decoded in the worker, while a real ticket still gets through', async () => {
    const { backend } = await startTestBackend(resources);
    const ingestPort = await freePort();
    const agent = await startTestAgent(resources, {
      backendUrl: backend.url,
      printers: [],
      realtime: false,
      ingest: [{ name: 'pos-kitchen', listen: `tcp://127.0.0.1:${ingestPort}`, station: 'kitchen' }],
    });
    const flood = imageFloodJob(1024 * 1024);
    const images = decodeEscPos(flood).images;

    const senders = await Promise.all(Array.from({ length: 5 }, () => posClient(resources, ingestPort)));
    await Promise.all(senders.map((sender) => sender.write(flood)));
    await posTicket(ingestPort, '77').execute();
    expect((await ingestCard(agent.localApiUrl, '77', 30_000)).source?.raw).toBe(false);

    const floods = await eventually(
      'five flood cards',
      async () => {
        const cards = (await httpSnapshot(agent.localApiUrl)).orders.filter((order) => order.number === 'FLOOD');
        return cards.length === 5 ? cards : undefined;
      },
      30_000,
    );
    for (const card of floods) {
      expect(card.source?.blocks.filter((block) => block.kind === 'image')).toHaveLength(MAX_CARD_IMAGES);
      expect(card.source?.notice).toBe(`${(images - MAX_CARD_IMAGES).toString()} images not shown`);
    }
    // Each flood was looked at twice (does it print? its card), both times in the worker.
    expect(agent.decoder.counts.worker).toBeGreaterThanOrEqual(10);
    expect(agent.decoder.counts.fallback).toBe(0);
  }, 60_000);
});
