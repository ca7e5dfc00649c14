import { once } from 'node:events';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentLogger } from '../../agent/ports.js';
import { INGEST_ERRORS } from '../../agent/ingest/ingest-errors.js';
import { CodedError } from '../../common/errors.js';
import {
  Api,
  Resources,
  TEST_TOKENS,
  freePort,
  printerSettings,
  startTestAgent,
  startTestBackend,
  startTestPrinter,
  tempDir,
  ingestOf,
} from './kitchen-harness.js';
import {
  DLE_EOT_1,
  DLE_EOT_2,
  DLE_EOT_4,
  GS_R_1,
  STATUS_QUERY_BEFORE_SEND,
  forwardJob,
  httpSnapshot,
  ingestCard,
  jobBytesOf,
  posClient,
  posTicket,
  recordUpdates,
} from './ingest-harness.js';
import { ManualClock } from './manual-clock.js';
import { FORWARD_STATUS_TTL_MS } from '../../agent/ingest/forward-status.js';
import { watchCrashes } from './process-watch.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

/** A backend, a virtual printer behind the ingest printer, and an agent listening as `pos-kitchen`. */
async function kitchenWithIngest(options: { forward?: boolean; clock?: ManualClock; dataDir?: string; ingestPort?: number } = {}) {
  const { backend } = await startTestBackend(resources);
  const printer = await startTestPrinter(resources);
  const ingestPort = options.ingestPort ?? (await freePort());
  const dataDir = options.dataDir ?? tempDir(resources);
  const start = () =>
    startTestAgent(resources, {
      backendUrl: backend.url,
      printers: [printerSettings(printer, ['kitchen'])],
      dataDir,
      ...(options.clock ? { clock: options.clock } : {}),
      ingest: [{ name: 'pos-kitchen', listen: `tcp://127.0.0.1:${ingestPort}`, station: 'kitchen', ...(options.forward === false ? {} : { forwardTo: 'test-printer' }) }],
    });
  const agent = await start();
  return { backend, printer, ingestPort, agent, start, dataDir };
}

describe('ingest: a POS printing into the agent', () => {
  it('turns a node-thermal-printer ticket into a card in getSnapshot and forwards the original bytes exactly once', async () => {
    const { agent, printer, ingestPort } = await kitchenWithIngest();
    const updates = recordUpdates(resources, agent);
    const ticket = posTicket(ingestPort, '1042');
    await ticket.execute();

    const card = await ingestCard(agent.localApiUrl, '1042');
    expect(card).toMatchObject({ type: 'dine_in', status: 'submitted', source: { kind: 'ingest', from: 'pos-kitchen', raw: false } });
    expect(card.id).toMatch(/^ingest:[0-9a-f-]{36}$/);
    expect(card.items).toEqual([
      { name: 'Crème brûlée', qty: 2, station: 'kitchen', modifiers: [] },
      { name: 'Fries', qty: 1, station: 'kitchen', modifiers: [] },
    ]);
    expect(card.source?.blocks[0]).toEqual({ kind: 'text', text: 'Order #1042', align: 'center', bold: true, large: true });
    // The new-order sound plays for it.
    expect(updates).toContainEqual({ type: 'alert', alert: 'order.submitted', orderId: card.id });

    const printed = await forwardJob(agent, card.id, 'printed');
    expect(printed.job).toMatchObject({ kind: 'raw', status: 'done', orderId: card.id, printerId: 'test-printer', station: 'kitchen' });
    // On paper: the agent's status query before the job, then the POS's bytes unchanged.
    expect(printer.printed).toHaveLength(1);
    expect(printer.printed[0]!.bytes.equals(Buffer.concat([STATUS_QUERY_BEFORE_SEND, jobBytesOf(ticket)]))).toBe(true);
    expect(Buffer.from(printed.job.payload!, 'base64').equals(jobBytesOf(ticket))).toBe(true);
  });

  it('answers the POS\'s GS r 1 after the job only once the card and its forward job are journaled', async () => {
    const { agent, ingestPort } = await kitchenWithIngest();
    const pos = await posClient(resources, ingestPort);
    const ticket = posTicket(ingestPort, '7');
    await pos.write(Buffer.concat([jobBytesOf(ticket), GS_R_1]));
    expect(await pos.replies(1)).toEqual([0x00]);
    // At the moment the POS hears "printed", both are in SQLite.
    const card = agent.cache.activeOrders().find((cached) => cached.order.number === '7');
    expect(card?.order.source?.kind).toBe('ingest');
    expect(agent.cache.getJob(card!.order.id)?.job.payload).toBe(jobBytesOf(ticket).toString('base64'));
  });

  it('resets the POS instead of answering when the journal fails, so the POS never sees a success that was not recorded', async () => {
    const crashes = watchCrashes(resources);
    const { agent, ingestPort } = await kitchenWithIngest();
    agent.cache.db.exec("CREATE TEMP TRIGGER refuse_orders BEFORE INSERT ON orders BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const pos = await posClient(resources, ingestPort);
    await pos.write(Buffer.concat([jobBytesOf(posTicket(ingestPort, '8')), GS_R_1]));
    expect(await pos.ended).toBe('reset');
    expect(pos.received).toEqual([]);
    expect(agent.cache.activeOrders()).toEqual([]);
    expect(crashes).toEqual([]);
    // The listener lives on: the next ticket, with the journal working again, is a card.
    agent.cache.db.exec('DROP TRIGGER temp.refuse_orders');
    await posTicket(ingestPort, '9').execute();
    await ingestCard(agent.localApiUrl, '9');
  });

  it('tells the POS the forward printer\'s real state: paper out there is paper out to the POS', async () => {
    const clock = new ManualClock();
    const { printer, ingestPort } = await kitchenWithIngest({ clock });
    const pos = await posClient(resources, ingestPort);
    const ask = Buffer.concat([DLE_EOT_1, DLE_EOT_2, DLE_EOT_4, GS_R_1]);
    await pos.write(ask);
    expect(await pos.replies(4)).toEqual([0x12, 0x12, 0x12, 0x00]);

    await printer.setMode('paperOut');
    // The printer's last answer stands for a second, by the agent's clock.
    clock.advance(FORWARD_STATUS_TTL_MS);
    await pos.write(ask);
    // Offline, paper-end stop, both paper sensors, GS r 1 paper end: as the printer itself answers.
    expect((await pos.replies(8)).slice(4)).toEqual([0x1a, 0x32, 0x7e, 0x0f]);
  });

  it('bumps and recalls an ingest card on this PC only: nothing goes to the outbox or the backend', async () => {
    const { agent, backend, ingestPort } = await kitchenWithIngest({ forward: false });
    await posTicket(ingestPort, '55').execute();
    const card = await ingestCard(agent.localApiUrl, '55');
    expect(agent.cache.getJob(card.id)).toBeUndefined();

    expect(await agent.api.orderAction({ orderId: card.id, to: 'accepted' })).toMatchObject({ status: 'accepted', version: 2 });
    expect(await agent.api.orderAction({ orderId: card.id, to: 'ready' })).toMatchObject({ status: 'ready' });
    expect(await agent.api.orderAction({ orderId: card.id, to: 'accepted' })).toMatchObject({ status: 'accepted', version: 4 });
    expect(agent.cache.outbox()).toEqual([]);
    expect((await new Api(backend.url).get(`/api/orders/${encodeURIComponent(card.id)}`, TEST_TOKENS.admin)).status).toBe(404);
    expect((await httpSnapshot(agent.localApiUrl)).orders.find((order) => order.id === card.id)?.status).toBe('accepted');
  });

  it('keeps its cards across a restart, naming their source printer', async () => {
    const { agent, ingestPort, start } = await kitchenWithIngest({ forward: false });
    await posTicket(ingestPort, '3001').execute();
    const card = await ingestCard(agent.localApiUrl, '3001');
    await agent.close();

    const again = await start();
    const snapshot = await httpSnapshot(again.localApiUrl);
    expect(snapshot.orders.find((order) => order.id === card.id)).toMatchObject({ number: '3001', source: { kind: 'ingest', from: 'pos-kitchen' } });
  });

  it('reprints a forwarded ticket from the print log as a new local job with the same bytes', async () => {
    const { agent, printer, ingestPort } = await kitchenWithIngest();
    const ticket = posTicket(ingestPort, '61');
    await ticket.execute();
    const card = await ingestCard(agent.localApiUrl, '61');
    await forwardJob(agent, card.id, 'printed');

    const entry = await agent.api.reprint({ jobId: card.id });
    expect(entry).toMatchObject({ reprintOf: card.id, kind: 'raw', printerId: 'test-printer' });
    await forwardJob(agent, entry.id, 'printed');
    expect(printer.printed).toHaveLength(2);
    expect(printer.printed[1]!.bytes.equals(Buffer.concat([STATUS_QUERY_BEFORE_SEND, jobBytesOf(ticket)]))).toBe(true);
    expect(agent.cache.outbox()).toEqual([]);
  });

  it('does not forward a job cut off at 1 MB, and its card says so', async () => {
    const { agent, ingestPort } = await kitchenWithIngest();
    const pos = await posClient(resources, ingestPort);
    const header = Buffer.from('Order #9000\n1 Soup\n', 'latin1');
    const filler = Buffer.alloc(1024 * 1024, 'A'.charCodeAt(0));
    await pos.write(Buffer.concat([header, filler]));
    expect(await pos.ended).toBe('reset');
    const card = await ingestCard(agent.localApiUrl, '9000');
    expect(card.source?.notice).toMatch(/larger than 1048576 bytes.*not printed on Test printer: the ticket is incomplete/);
    expect(agent.cache.getJob(card.id)).toBeUndefined();
  });
});

describe('ingest printers in the settings', () => {
  function recordingLogger(): AgentLogger & { errors: { message: string; fields?: Record<string, unknown> }[] } {
    const errors: { message: string; fields?: Record<string, unknown> }[] = [];
    return { errors, info: () => undefined, warn: () => undefined, error: (message, fields) => errors.push({ message, ...(fields ? { fields } : {}) }) };
  }

  async function occupiedPort(): Promise<number> {
    const server = net.createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    resources.add(() => new Promise((resolve) => server.close(resolve)));
    return (server.address() as net.AddressInfo).port;
  }

  it('starts the agent even when an ingest port is taken, and logs why that ingest printer is not listening', async () => {
    const { backend } = await startTestBackend(resources);
    const port = await occupiedPort();
    const logger = recordingLogger();
    const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [], logger, ingest: [{ name: 'pos', listen: `tcp://127.0.0.1:${port}`, station: 'kitchen' }] });
    expect(ingestOf(agent).listeners).toEqual([]);
    expect(logger.errors).toContainEqual({ message: 'ingest printer could not start', fields: expect.objectContaining({ code: INGEST_ERRORS.PORT_IN_USE, listen: `tcp://127.0.0.1:${port}` }) });
    expect((await httpSnapshot(agent.localApiUrl)).orders).toEqual([]);
  });

  it('refuses a port in use and a LAN address without the opt-in field by field, through the local API', async () => {
    const { backend } = await startTestBackend(resources);
    const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [] });
    const taken = await occupiedPort();
    const response = await fetch(`${agent.localApiUrl}/api/kitchen/saveSettings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ingest: [
          { name: 'a', listen: `tcp://127.0.0.1:${taken}`, station: 'kitchen' },
          { name: 'b', listen: 'tcp://0.0.0.0:9199', station: 'bar' },
          { name: 'c', listen: 'tcp://127.0.0.1:9198', station: 'bar', forwardTo: 'nowhere' },
        ],
      }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { ok: false; error: { code: string; details: { issues: { path: string[]; code: string }[] } } };
    expect(body.error.code).toBe('SETTINGS_INVALID');
    expect(body.error.details.issues).toEqual([
      expect.objectContaining({ path: ['ingest', '0', 'listen'], code: INGEST_ERRORS.PORT_IN_USE }),
      expect.objectContaining({ path: ['ingest', '1', 'listen'], code: INGEST_ERRORS.LISTEN_LAN_NOT_ALLOWED }),
      expect.objectContaining({ path: ['ingest', '2', 'forwardTo'], code: 'INGEST_FORWARD_PRINTER_UNKNOWN' }),
    ]);
    expect(agent.settings.get().ingest).toEqual([]);
    expect(ingestOf(agent).listeners).toEqual([]);
  });

  it('starts a saved ingest printer, restarts it on a change and stops it when removed', async () => {
    const { backend } = await startTestBackend(resources);
    const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [] });
    const port = await freePort();
    const entry = { name: 'pos-bar', listen: `tcp://127.0.0.1:${port}`, station: 'bar', allowLan: false };
    await agent.api.saveSettings({ ingest: [entry] });
    await ingestOf(agent).settingsChanged();
    expect(ingestOf(agent).listeners.map((listener) => [listener.name, listener.port, listener.station])).toEqual([['pos-bar', port, 'bar']]);

    // Saving it again on its own port is no conflict with itself; a new station restarts it there.
    await agent.api.saveSettings({ ingest: [{ ...entry, station: 'expo' }] });
    await ingestOf(agent).settingsChanged();
    expect(ingestOf(agent).listeners.map((listener) => [listener.port, listener.station])).toEqual([[port, 'expo']]);
    await posTicket(port, '12').execute();
    expect((await ingestCard(agent.localApiUrl, '12')).items.map((item) => item.station)).toEqual(['expo', 'expo']);

    await agent.api.saveSettings({ ingest: [] });
    await ingestOf(agent).settingsChanged();
    expect(ingestOf(agent).listeners).toEqual([]);
    const refused = await new Promise<string | undefined>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(undefined);
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code));
    });
    expect(refused).toBe('ECONNREFUSED');
  });

  it('refuses in-process calls with a coded error too', async () => {
    const { backend } = await startTestBackend(resources);
    const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [] });
    const error = await agent.api.saveSettings({ ingest: [{ name: 'x', listen: 'tcp://192.0.2.1:9101', station: 'kitchen', allowLan: true }] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CodedError);
    expect((error as CodedError).details).toEqual({ issues: [expect.objectContaining({ path: ['ingest', '0', 'listen'], code: INGEST_ERRORS.LISTEN_FAILED, message: expect.stringMatching(/no such address/) })] });
  });
});
