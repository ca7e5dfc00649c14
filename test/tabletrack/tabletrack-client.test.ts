import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TableTrackClient } from '../../agent/connectors/tabletrack/tabletrack-client.js';
import { TABLETRACK_ERRORS, TableTrackError } from '../../agent/connectors/tabletrack/tabletrack-errors.js';
import { STAND_IN_KEY, TableTrackStandIn } from './stand-in-server.js';

const PUSHER = { appId: '1001', key: 'tt-pusher-key', secret: 'tt-pusher-secret', host: '127.0.0.1', port: 1, cluster: 'eu' };

/** The TableTrackError a call rejected with (fails the test when it resolved or threw something else). */
async function failure(promise: Promise<unknown>): Promise<TableTrackError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TableTrackError);
  return error as TableTrackError;
}

/** A plain HTTP server for what TableTrack never does: hang, redirect, answer HTML. */
async function rawServer(handle: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server; headersSeen: IncomingHttpHeaders[] }> {
  const headersSeen: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    headersSeen.push(request.headers);
    handle?.(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, headersSeen };
}

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function standIn(options: Parameters<typeof TableTrackStandIn.start>[0] = {}): Promise<TableTrackStandIn> {
  const started = await TableTrackStandIn.start(options);
  closers.push(() => started.close());
  return started;
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('TableTrackClient against the stand-in', () => {
  let tt: TableTrackStandIn;
  let client: TableTrackClient;

  beforeEach(async () => {
    // broadcast: false below — this file tests HTTP; the realtime test drives a relay.
    tt = await standIn({ pusher: PUSHER, pusherEnabled: true });
    client = new TableTrackClient({ baseUrl: tt.url, key: STAND_IN_KEY });
  });

  it('tests the connection and reads the Pusher config', async () => {
    const answer = await client.testConnection();
    expect(answer).toMatchObject({
      message: 'Connection established',
      status: 'success',
      pusher_enabled: true,
      pusher_config: { app_id: '1001', key: 'tt-pusher-key', cluster: 'eu', channel: 'print-jobs', event: 'print-job.created' },
    });
    tt.setPusherEnabled(false);
    const off = await client.testConnection();
    expect(off.pusher_enabled).toBe(false);
    expect(off.pusher_config).toBeUndefined();
  });

  it('turns a 401 into TABLETRACK_KEY_REJECTED with TableTrack’s message, on the key field', async () => {
    const wrong = await failure(new TableTrackClient({ baseUrl: tt.url, key: 'not-the-key' }).testConnection());
    expect(wrong.toBody()).toEqual({
      code: TABLETRACK_ERRORS.TABLETRACK_KEY_REJECTED,
      message: 'Invalid authentication key',
      details: { issues: [{ path: ['tabletrack', 'key'], message: 'Invalid authentication key' }] },
    });
    expect(wrong.upstreamStatus).toBe(401);
    expect(wrong.retryable).toBe(false);
    const missing = await failure(new TableTrackClient({ baseUrl: tt.url, key: '' }).pull());
    expect(missing.code).toBe(TABLETRACK_ERRORS.TABLETRACK_KEY_REJECTED);
    expect(missing.message).toBe('No authentication key found');
  });

  it('pulls every pending job oldest first, which claims them; then 204 means none', async () => {
    const first = await tt.createJob({ printerId: 1, text: '\u001b@First\n', broadcast: false });
    const second = await tt.createJob({ printerId: 1, text: '\u001b@Second\n', broadcast: false });
    const pulled = await client.pull();
    expect(pulled.route).toBe('pull-multiple');
    expect(pulled.jobs.map((job) => [job.id, job.status, job.payload.text, job.payload.cutPaper])).toEqual([
      [first.id, 'printing', '\u001b@First\n', true],
      [second.id, 'printing', '\u001b@Second\n', true],
    ]);
    expect(pulled.jobs[0]!.printer).toMatchObject({ id: 1, name: 'Kitchen', type: 'network', print_format: 'thermal80mm' });
    expect(tt.job(first.id)?.status).toBe('printing');
    expect(await client.pull()).toEqual({ jobs: [], refused: [], route: 'pull-multiple' });
  });

  it('falls back to pull (one job per call) where pull-multiple answers 404, and remembers it', async () => {
    tt.setPullMultiple(false);
    const first = await tt.createJob({ printerId: 1, text: 'one\n', broadcast: false });
    const second = await tt.createJob({ printerId: 1, text: 'two\n', broadcast: false });
    const a = await client.pull();
    const b = await client.pull();
    const c = await client.pull();
    expect([a, b, c].map((r) => [r.route, r.jobs.map((job) => job.id)])).toEqual([
      ['pull', [first.id]],
      ['pull', [second.id]],
      ['pull', []],
    ]);
    expect(tt.job(second.id)?.status).toBe('printing');
    const pulls = tt.requests().filter((r) => r.path.startsWith('/api/print-jobs/pull'));
    expect(pulls.map((r) => r.path)).toEqual([
      '/api/print-jobs/pull-multiple',
      '/api/print-jobs/pull',
      '/api/print-jobs/pull',
      '/api/print-jobs/pull',
    ]);
  });

  it('reads X-Print-Poll-Ms from pull answers, bounded to 1–60 s', async () => {
    tt.setPollHint(8_000);
    expect((await client.pull()).pollHintMs).toBe(8_000);
    tt.setPollHint(200);
    await tt.createJob({ printerId: 1, text: 'x\n', broadcast: false });
    expect((await client.pull()).pollHintMs).toBe(1_000);
    tt.setPollHint(3_600_000);
    expect((await client.pull()).pollHintMs).toBe(60_000);
  });

  it('reports done and failed with PATCH; TableTrack records status, printed_at and printer', async () => {
    const job = await tt.createJob({ printerId: 1, text: 'a\n', broadcast: false });
    const other = await tt.createJob({ printerId: 1, text: 'b\n', broadcast: false });
    await client.pull();
    await client.report(job.id, { status: 'done', printed_at: '2025-07-01T12:00:03.000Z', printer: 'Kitchen Epson' });
    await client.report(other.id, { status: 'failed', printed_at: '2025-07-01T12:00:04.000Z', error: 'printer is out of paper', printer: 'Kitchen Epson' });
    expect(tt.reports(job.id)).toEqual([{ status: 'done', printed_at: '2025-07-01T12:00:03.000Z', error: null, printer: 'Kitchen Epson' }]);
    expect(tt.reports(other.id)).toEqual([{ status: 'failed', printed_at: '2025-07-01T12:00:04.000Z', error: 'printer is out of paper', printer: 'Kitchen Epson' }]);
    expect(tt.job(job.id)).toMatchObject({ status: 'done', response_printer: 'Kitchen Epson', printed_at: '2025-07-01T12:00:03.000Z' });
    expect(tt.job(other.id)?.status).toBe('failed');
  });

  it('treats a report of an unknown job as refused, not retryable', async () => {
    const refused = await failure(client.report(999, { status: 'done', printed_at: '2025-07-01T12:00:03.000Z', printer: 'Kitchen' }));
    expect(refused.code).toBe(TABLETRACK_ERRORS.TABLETRACK_REPORT_REFUSED);
    expect(refused.upstreamStatus).toBe(404);
    expect(refused.retryable).toBe(false);
  });

  it('hands out a done job again after offerAgain (what "done locally is never printed again" is tested with)', async () => {
    const job = await tt.createJob({ printerId: 1, text: 'again\n', broadcast: false });
    await client.pull();
    await client.report(job.id, { status: 'done', printed_at: '2025-07-01T12:00:03.000Z', printer: 'Kitchen' });
    tt.offerAgain(job.id);
    expect((await client.pull()).jobs.map((j) => j.id)).toEqual([job.id]);
  });

  it('lists the branch printers from printer-details', async () => {
    const printers = await client.printerDetails();
    expect(printers).toHaveLength(1);
    expect(printers[0]).toMatchObject({ id: 1, name: 'Kitchen', type: 'network', print_format: 'thermal80mm', ip_address: '192.168.1.50', port: 9100 });
  });

  it('says the endpoint is missing when the base URL is not the TableTrack site', async () => {
    const wrongBase = await failure(new TableTrackClient({ baseUrl: `${tt.url}/admin`, key: STAND_IN_KEY }).testConnection());
    expect(wrongBase.code).toBe(TABLETRACK_ERRORS.TABLETRACK_ENDPOINT_MISSING);
    const noPull = await failure(new TableTrackClient({ baseUrl: `${tt.url}/admin`, key: STAND_IN_KEY }).pull());
    expect(noPull.code).toBe(TABLETRACK_ERRORS.TABLETRACK_ENDPOINT_MISSING);
  });
});

describe('TableTrackClient when the other side misbehaves', () => {
  it('is unreachable, and retryable, when nothing listens', async () => {
    const { url, server } = await rawServer(() => undefined);
    await closeServer(server);
    const error = await failure(new TableTrackClient({ baseUrl: url, key: STAND_IN_KEY }).pull());
    expect(error.code).toBe(TABLETRACK_ERRORS.TABLETRACK_UNREACHABLE);
    expect(error.retryable).toBe(true);
  });

  it('gives up after its timeout when the server never answers: a pull after the pull timeout', async () => {
    const { url, server } = await rawServer(() => undefined);
    closers.push(() => closeServer(server));
    const client = new TableTrackClient({ baseUrl: url, key: STAND_IN_KEY, timeoutMs: 200, pullTimeoutMs: 300 });
    expect((await failure(client.testConnection())).code).toBe(TABLETRACK_ERRORS.TABLETRACK_UNREACHABLE);
    expect((await failure(client.pull())).code).toBe(TABLETRACK_ERRORS.TABLETRACK_UNREACHABLE);
  });

  it('does not follow a redirect, so the key never reaches another host', async () => {
    const elsewhere = await rawServer((_request, response) => response.end('[]'));
    closers.push(() => closeServer(elsewhere.server));
    const redirecting = await rawServer((_request, response) => {
      response.writeHead(301, { location: `${elsewhere.url}/api/print-jobs/pull-multiple` }).end();
    });
    closers.push(() => closeServer(redirecting.server));
    const error = await failure(new TableTrackClient({ baseUrl: redirecting.url, key: STAND_IN_KEY }).pull());
    expect(error.code).toBe(TABLETRACK_ERRORS.TABLETRACK_HTTP_ERROR);
    expect(error.upstreamStatus).toBe(301);
    expect(error.message).toContain(elsewhere.url);
    expect(redirecting.headersSeen[0]?.['x-tabletrack-key']).toBe(STAND_IN_KEY);
    expect(elsewhere.headersSeen).toEqual([]);
  });

  it('calls an HTML page or a wrong shape an invalid answer, naming fields not data', async () => {
    const html = await rawServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><p>Login</p>'));
    closers.push(() => closeServer(html.server));
    expect((await failure(new TableTrackClient({ baseUrl: html.url, key: STAND_IN_KEY }).testConnection())).code).toBe(
      TABLETRACK_ERRORS.TABLETRACK_ANSWER_INVALID,
    );
    const notAList = await rawServer((_request, response) => response.end(JSON.stringify('ok')));
    closers.push(() => closeServer(notAList.server));
    const error = await failure(new TableTrackClient({ baseUrl: notAList.url, key: STAND_IN_KEY }).pull());
    expect(error.code).toBe(TABLETRACK_ERRORS.TABLETRACK_ANSWER_INVALID);
    // A job of the wrong shape is one refused job (test/tabletrack/bad-answers.test.ts), not a failed pull.
    const wrongShape = await rawServer((_request, response) => response.end(JSON.stringify([{ id: 1, status: 'printing', payload: { cutPaper: true } }])));
    closers.push(() => closeServer(wrongShape.server));
    const pulled = await new TableTrackClient({ baseUrl: wrongShape.url, key: STAND_IN_KEY }).pull();
    expect(pulled.jobs).toEqual([]);
    expect(pulled.refused).toEqual([{ id: 1, reason: expect.stringMatching(/^TableTrack sent it in a form this agent cannot read \(payload\.text: .+\); not printed$/), excerpt: expect.any(String) }]);
  });

  it('treats Laravel’s 422 on a report as refused, naming the fields', async () => {
    const laravel = await rawServer((_request, response) =>
      response
        .writeHead(422, { 'content-type': 'application/json' })
        .end(JSON.stringify({ message: 'The selected status is invalid.', errors: { status: ['The selected status is invalid.'] } })),
    );
    closers.push(() => closeServer(laravel.server));
    const client = new TableTrackClient({ baseUrl: laravel.url, key: STAND_IN_KEY });
    const error = await failure(client.report(5, { status: 'done', printed_at: '2025-07-01T12:00:03.000Z', printer: 'Kitchen' }));
    expect(error.toBody()).toEqual({
      code: TABLETRACK_ERRORS.TABLETRACK_REPORT_REFUSED,
      message: 'TableTrack refused the report of print job 5',
      details: { fields: ['status'] },
    });
    expect(error.retryable).toBe(false);
  });

  it('reports a server error as an HTTP error that may pass', async () => {
    const broken = await rawServer((_request, response) => response.writeHead(500, { 'content-type': 'application/json' }).end('{"message":"Server Error"}'));
    closers.push(() => closeServer(broken.server));
    const error = await failure(new TableTrackClient({ baseUrl: broken.url, key: STAND_IN_KEY }).printerDetails());
    expect(error.code).toBe(TABLETRACK_ERRORS.TABLETRACK_HTTP_ERROR);
    expect(error.upstreamStatus).toBe(500);
    expect(error.retryable).toBe(true);
  });
});
