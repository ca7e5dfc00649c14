/**
 * When the TableTrack connector pulls: on the agent's clock (a ManualClock here), against the real
 * stand-in over HTTP and, while live, the relay. Every wait is the clock moved by hand; "no pull
 * yet" is read after the sync's queue is idle, never after a sleep.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CacheDb } from '../../agent/cache/cache-db.js';
import { TableTrackClient } from '../../agent/connectors/tabletrack/tabletrack-client.js';
import { journalPulledJob, journalRefusedJob } from '../../agent/connectors/tabletrack/tabletrack-journal.js';
import { TableTrackSync } from '../../agent/connectors/tabletrack/tabletrack-sync.js';
import { createTicketDecoder } from '../../agent/decode/ticket-decoder.js';
import { TABLETRACK_POLL } from '../../agent/connectors/tabletrack/poll-interval.js';
import type { RunningRelay } from '../../backend/relay/index.js';
import { ManualClock } from '../integration/manual-clock.js';
import { Resources, eventually, quietLogger, tempDir } from '../integration/kitchen-harness.js';
import { STAND_IN_KEY, startStandIn, startTestRelay } from './tabletrack-harness.js';
import type { TableTrackStandIn } from './stand-in-server.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

const PULL = '/api/print-jobs/pull-multiple';

async function startSync(tt: TableTrackStandIn, relay: RunningRelay | undefined, clock: ManualClock): Promise<{ sync: TableTrackSync; cache: CacheDb }> {
  const cache = new CacheDb(tempDir(resources), 'sync-test.sqlite');
  resources.add(() => cache.close());
  const decoder = createTicketDecoder({ logger: quietLogger });
  resources.add(() => decoder.close());
  const journalDeps = { cache, decoder, printers: () => [], tabletrack: () => ({ printerMap: {} }), reportAgain: () => undefined, now: () => new Date(clock.now()).toISOString() };
  const sync = new TableTrackSync({
    client: new TableTrackClient({ baseUrl: tt.url, key: STAND_IN_KEY }),
    cache,
    journal: (job) => journalPulledJob(journalDeps, job),
    journalRefused: (refused) => journalRefusedJob(journalDeps, refused),
    override: relay ? { host: relay.host, port: relay.port, useTLS: false } : {},
    logger: quietLogger,
    clock,
  });
  resources.add(() => sync.stop());
  sync.start();
  return { sync, cache };
}

const pulls = (tt: TableTrackStandIn) => tt.requests().filter((request) => request.path === PULL).length;

/** Moves the clock and waits until whatever it started (a pull over HTTP) has finished. */
async function advance(clock: ManualClock, sync: TableTrackSync, ms: number): Promise<void> {
  clock.advance(ms);
  await sync.idle();
}

describe('TableTrack polling on the agent clock', () => {
  it('without Pusher pulls every 5 s, and at the server’s X-Print-Poll-Ms once it names one', async () => {
    const tt = await startStandIn(resources, undefined);
    const clock = new ManualClock();
    const { sync, cache } = await startSync(tt, undefined, clock);
    await eventually('the first pull and Pusher found off', () => (sync.connection.mode === 'polling' && /Pusher off/.test(sync.connection.detail ?? '') ? true : undefined));
    expect(pulls(tt)).toBe(1);

    const job = await tt.createJob({ printerId: 1, text: '\u001b@Polled\n' });
    await advance(clock, sync, TABLETRACK_POLL.withoutRealtimeMs - 1);
    expect(pulls(tt)).toBe(1);
    expect(tt.job(job.id)?.status).toBe('pending');
    await advance(clock, sync, 1);
    expect(pulls(tt)).toBe(2);
    expect(tt.job(job.id)?.status).toBe('printing');
    expect(cache.getJob(`tabletrack:${job.id}`)?.localState).toBe('claimed');

    // The hint comes with an answer and sets the delay after it: 2 s instead of 5 s.
    tt.setPollHint(2_000);
    await advance(clock, sync, TABLETRACK_POLL.withoutRealtimeMs);
    expect(pulls(tt)).toBe(3);
    await advance(clock, sync, 1_999);
    expect(pulls(tt)).toBe(3);
    await advance(clock, sync, 1);
    expect(pulls(tt)).toBe(4);

    // Out of bounds (over 60 s) it is held to 60 s.
    tt.setPollHint(3_600_000);
    await advance(clock, sync, 2_000);
    expect(pulls(tt)).toBe(5);
    await advance(clock, sync, TABLETRACK_POLL.maxMs - 1);
    expect(pulls(tt)).toBe(5);
    await advance(clock, sync, 1);
    expect(pulls(tt)).toBe(6);
  });

  it('while live on TableTrack’s Pusher pulls on the doorbell, and every 30 s as a safety net', async () => {
    const relay = await startTestRelay(resources);
    const tt = await startStandIn(resources, relay);
    const clock = new ManualClock();
    const { sync, cache } = await startSync(tt, relay, clock);
    await eventually('live', () => (sync.live && sync.connection.mode === 'live' ? true : undefined));
    await sync.idle();
    const before = pulls(tt);

    // The doorbell: print-job.created on the public print-jobs channel pulls at once, no clock needed.
    const rung = await tt.createJob({ printerId: 1, text: '\u001b@Rung\n' });
    await eventually('the doorbell’s pull', () => (cache.getJob(`tabletrack:${rung.id}`) ? true : undefined));
    await sync.idle();
    expect(pulls(tt)).toBe(before + 1);

    // A doorbell that never rang (a ticket over Pusher's 10 KB, say): the 30 s safety net finds it.
    const silent = await tt.createJob({ printerId: 1, text: '\u001b@Silent\n', broadcast: false });
    await advance(clock, sync, TABLETRACK_POLL.withoutRealtimeMs);
    await advance(clock, sync, TABLETRACK_POLL.whileLiveMs - TABLETRACK_POLL.withoutRealtimeMs - 1);
    expect(tt.job(silent.id)?.status).toBe('pending');
    await advance(clock, sync, 1);
    expect(tt.job(silent.id)?.status).toBe('printing');
    expect(cache.getJob(`tabletrack:${silent.id}`)?.localState).toBe('claimed');
  });

  it('goes offline when TableTrack cannot be reached', async () => {
    const tt = await startStandIn(resources, undefined);
    const clock = new ManualClock();
    const { sync } = await startSync(tt, undefined, clock);
    await eventually('polling', () => (sync.connection.mode === 'polling' ? true : undefined));
    await tt.close();
    await advance(clock, sync, TABLETRACK_POLL.withoutRealtimeMs);
    expect(sync.connection.mode).toBe('offline');
  });
});
