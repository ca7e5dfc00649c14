/**
 * The `tabletrack` connector end to end with real parts: the TableTrack stand-in (HTTP + the
 * `pusher` SDK triggering on the relay), pusher-js in the agent on the public channels, the agent's
 * SQLite journal, the outbox's PATCH, and the virtual printer on a real TCP socket.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { payloadBytes } from '../../agent/connectors/tabletrack/payload-bytes.js';
import { TABLETRACK_ID_PREFIX } from '../../agent/connectors/tabletrack/tabletrack-card.js';
import { tableTrackModule } from '../../agent/connectors/tabletrack/tabletrack-module.js';
import { TICKETRAIL_CACHE_FILE } from '../../agent/connectors/ticketrail/ticketrail-module.js';
import { ERROR_CODES } from '../../common/errors.js';
import { PRINT_FAILURE_REASONS } from '../../common/print-job.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Resources, eventually } from './kitchen-harness.js';
import { ManualClock } from './manual-clock.js';
import { startTableTrackKit } from '../tabletrack/tabletrack-harness.js';
import { WAIT_BUDGET_MS } from '../wait-budget.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

/** escpos-php's kitchen ticket as TableTrack stores it (latin1 code points), with a CP858 é, ü and €. */
const TICKET = '\u001b@\u001bt\u0013\u001ba\u0001\u001bE\u0001Kitchen Order Ticket\n\u001bE\u0000Order #12\n2 x Cr\u0082pe M\u0081sli \u00d5\n\n';

describe('TableTrack connector, end to end', () => {
  it('prints a job created at TableTrack once, PATCHes done with printed_at and the local printer, and shows its card', async () => {
    const { tt, printer, agent } = await startTableTrackKit(resources);
    await eventually('agent live on TableTrack’s Pusher', () => (agent.connector.connection.mode === 'live' ? true : undefined));

    const created = await tt.createJob({ printerId: 1, text: TICKET, cutPaper: true, imageFilename: 'order-42.png' });
    const report = await eventually('the PATCH', () => tt.reports(created.id)[0]);
    expect(report).toMatchObject({ status: 'done', printer: 'Test printer', error: null });
    expect(Number.isNaN(Date.parse(report.printed_at ?? ''))).toBe(false);
    expect(tt.job(created.id)?.status).toBe('done');
    expect(printer.printed).toHaveLength(1);

    const snapshot = await agent.api.getSnapshot();
    const card = snapshot.orders.find((order) => order.id === `${TABLETRACK_ID_PREFIX}${created.id}`);
    expect(card).toMatchObject({ number: '12', status: 'submitted', source: { kind: 'tabletrack', from: 'Kitchen', sourceOrderId: '42' } });
    expect(card?.items).toEqual([{ name: 'Crépe Müsli €', qty: 2, station: 'kitchen', modifiers: [] }]);

    // order.updated on the public orders channel reaches the card of that order.
    await tt.updateOrder({ orderId: 42, status: 'billed' });
    await eventually('the order status on the card', async () => ((await agent.api.getSnapshot()).orders.find((order) => order.id === card?.id)?.source?.sourceStatus === 'billed' ? true : undefined));

    // Its own cache file: the TicketRail cache is never opened by a TableTrack agent.
    expect(existsSync(join(agent.dataDir, tableTrackModule.cacheFile as string))).toBe(true);
    expect(existsSync(join(agent.dataDir, TICKETRAIL_CACHE_FILE))).toBe(false);
  });

  it('sends é, ü, € and the cut byte for byte: the payload’s latin1 bytes, then the cut', async () => {
    const { tt, printer, agent } = await startTableTrackKit(resources);
    await eventually('agent live', () => (agent.connector.connection.mode === 'live' ? true : undefined));
    const created = await tt.createJob({ printerId: 1, text: TICKET, cutPaper: true });
    const [printed] = await printer.waitForJobs(1, WAIT_BUDGET_MS);
    await eventually('the PATCH', () => tt.reports(created.id)[0]);

    const sent = payloadBytes({ text: TICKET, cutPaper: true });
    const body = Buffer.from(TICKET, 'latin1');
    expect(sent.subarray(0, body.length)).toEqual(body);
    // CP858: é 0x82, ü 0x81, € 0xD5 — as TableTrack's escpos-php wrote them.
    expect([...body].filter((byte) => byte >= 0x80)).toEqual([0x82, 0x81, 0xd5]);
    // On the wire: the driver's status check (DLE EOT 1, 2, 4), then exactly those bytes. The
    // printer's job ends at the cut (GS V 0); the ESC @ after it starts nothing printable.
    const cutEnd = sent.indexOf(Buffer.from([0x1d, 0x56, 0x00]), body.length) + 3;
    const statusCheck = Buffer.from([0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x04]);
    expect(printed!.bytes).toEqual(Buffer.concat([statusCheck, sent.subarray(0, cutEnd)]));
    expect(printed!.decoded.lines.map((line) => line.text)).toContain('2 x Crépe Müsli €');
  });

  it('reports failed with the printer’s reason when it is out of paper, and prints nothing', async () => {
    const { tt, printer, agent } = await startTableTrackKit(resources, { agent: { printRetry: { windowMs: 1 } } });
    await printer.setMode('paperOut');
    await eventually('agent live', () => (agent.connector.connection.mode === 'live' ? true : undefined));
    const created = await tt.createJob({ printerId: 1, text: TICKET, cutPaper: true });
    const report = await eventually('the PATCH', () => tt.reports(created.id)[0]);
    expect(report).toMatchObject({ status: 'failed', printer: 'Test printer' });
    expect(report.error).toContain(PRINT_FAILURE_REASONS.paperOut);
    expect(tt.job(created.id)?.status).toBe('failed');
    expect(printer.printed).toHaveLength(0);
  });

  it('never prints a job it finished again when TableTrack offers it again: it reports done again', async () => {
    const { tt, printer, agent } = await startTableTrackKit(resources);
    await eventually('agent live', () => (agent.connector.connection.mode === 'live' ? true : undefined));
    const first = await tt.createJob({ printerId: 1, text: TICKET, cutPaper: true });
    await eventually('done', () => (tt.reports(first.id).length === 1 ? true : undefined));

    // An admin puts it back to pending; the next doorbell's pull hands it out with a new job.
    tt.offerAgain(first.id);
    const second = await tt.createJob({ printerId: 1, text: '\u001b@Second ticket\n', cutPaper: true });
    await eventually('the second job done', () => (tt.reports(second.id).length === 1 ? true : undefined));
    await eventually('the first job reported again', () => (tt.reports(first.id).length === 2 ? true : undefined));

    expect(tt.reports(first.id).map((r) => r.status)).toEqual(['done', 'done']);
    // Nor does the print log's Reprint print it here: TableTrack makes a new job for that.
    await expect(agent.api.reprint({ jobId: `${TABLETRACK_ID_PREFIX}${first.id}` })).rejects.toMatchObject({ code: ERROR_CODES.PRINT_JOB_TRANSITION_INVALID, status: 409 });
    expect(tt.job(first.id)?.status).toBe('done');
    expect(printer.printed.map((job) => job.decoded.lines.find((line) => line.text.trim() !== '')?.text)).toEqual(['Kitchen Order Ticket', 'Second ticket']);
  });

  it('prints by polling when TableTrack has Pusher off: the poll 5 s later on the agent’s clock pulls the job', async () => {
    const clock = new ManualClock();
    const { tt, printer, agent } = await startTableTrackKit(resources, { pusher: false, agent: { clock } });
    await eventually('polling', () => (agent.connector.connection.mode === 'polling' ? true : undefined));
    await agent.connector.idle();
    const created = await tt.createJob({ printerId: 1, text: TICKET, cutPaper: true });
    expect(tt.job(created.id)?.status).toBe('pending');

    clock.advance(5_000);
    const report = await eventually('the PATCH', () => tt.reports(created.id)[0]);
    expect(report).toMatchObject({ status: 'done', printer: 'Test printer' });
    expect(printer.printed).toHaveLength(1);
    expect(agent.connector.connection.mode).toBe('polling');
  });

  it('falls back to pull on installs without pull-multiple, a job per call', async () => {
    const { tt, printer, agent } = await startTableTrackKit(resources, { standIn: { pullMultiple: false } });
    await eventually('agent live', () => (agent.connector.connection.mode === 'live' ? true : undefined));
    const jobs = [await tt.createJob({ printerId: 1, text: '\u001b@One\n', broadcast: false }), await tt.createJob({ printerId: 1, text: '\u001b@Two\n' })];
    await eventually('both done', () => (jobs.every((job) => tt.reports(job.id).length === 1) ? true : undefined));
    expect(printer.printed).toHaveLength(2);
    expect(tt.requests().some((request) => request.path === '/api/print-jobs/pull')).toBe(true);
  });
});
