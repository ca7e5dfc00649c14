/**
 * Issue 17, item 5: 600 idle sockets stayed open on an ingest printer. A listener now holds at most
 * `maxConnections` and closes a connection that sends no byte for `idleCloseMs`, by the agent's
 * clock (moved by hand here), so a flood of idle sockets locks a real POS out for at most that.
 */
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../test/integration/manual-clock.js';
import { within } from '../printing/test-fixtures.js';
import { bytes, DLE, EOT, GS, line } from './fixtures/fixture-bytes.js';
import { INGEST_LIMITS } from './ingest-limits.js';
import { ingestListenerKit, jobsArrived, PosClient, WAIT_MS } from './ingest-test-support.js';

const CUT = bytes(GS, 0x56, 0);
const DLE_EOT_1 = bytes(DLE, EOT, 1);
const kit = ingestListenerKit();

async function until(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('IngestListener connections', () => {
  it('hold at most 16 by default and close after 60 s without a byte', () => {
    expect(INGEST_LIMITS).toMatchObject({ maxConnections: 16, idleCloseMs: 60_000 });
  });

  it('closes a connection that sends nothing for idleCloseMs; any byte, a status poll too, restarts the wait', async () => {
    const clock = new ManualClock();
    const { listener, logger } = await kit.setup({ clock, limits: { idleCloseMs: 60_000 } });
    const closes = () => logger.entries.filter((entry) => entry.message === 'ingest: closing an idle connection').length;
    const polling = await kit.client(listener);
    const silent = await kit.client(listener);
    await until('both connections accepted', () => listener.connectionCount === 2);

    clock.advance(30_000);
    await polling.write(DLE_EOT_1);
    await polling.replies(1);
    clock.advance(29_999);
    expect(closes()).toBe(0);
    clock.advance(1);
    expect(closes()).toBe(1);
    expect(await within(silent.ended, WAIT_MS, 'the silent connection to close')).toMatch(/end|reset/);
    await until('one connection left', () => listener.connectionCount === 1);

    // The one that polled 30 s in has 30 s left.
    clock.advance(29_999);
    expect(closes()).toBe(1);
    clock.advance(1);
    expect(await within(polling.ended, WAIT_MS, 'the polling connection to close')).toMatch(/end|reset/);
    await until('no connection left', () => listener.connectionCount === 0);
  });

  it('refuses connections over maxConnections, and lets a POS in once the idle flood is closed', async () => {
    const clock = new ManualClock();
    const { listener, jobs, logger } = await kit.setup({ clock, limits: { maxConnections: 20, idleCloseMs: 60_000 } });
    const flood: PosClient[] = [];
    for (let i = 0; i < 20; i++) flood.push(await kit.client(listener));
    await until('the flood accepted', () => listener.connectionCount === 20);

    const lockedOut = connect({ port: listener.port, host: '127.0.0.1' });
    const refusal = await within(
      new Promise<string>((resolve) => {
        lockedOut.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
        lockedOut.once('close', () => resolve('closed'));
      }),
      WAIT_MS,
      'the refusal',
    );
    lockedOut.destroy();
    expect(refusal).toBe('ECONNRESET');
    expect(listener.connectionCount).toBe(20);
    expect(logger.entries.filter((entry) => entry.message.startsWith('ingest: connection refused'))).toHaveLength(1);

    clock.advance(60_000);
    await Promise.all(flood.map((c) => within(c.ended, WAIT_MS, 'a flood connection to close')));
    await until('the flood gone', () => listener.connectionCount === 0);

    const pos = await kit.client(listener);
    await pos.write(Buffer.concat([line('Order #7'), line('1 Soup'), CUT]));
    const [job] = await jobsArrived(listener, jobs, 1);
    expect(job!.bytes.toString('latin1')).toContain('Order #7');
  });
});
