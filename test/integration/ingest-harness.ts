import { CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import type { Agent } from '../../agent/index.js';
import type { CachedJob } from '../../agent/cache/cache-db.js';
import { PosClient } from '../../agent/ingest/ingest-test-support.js';
import type { BoardSnapshot, BoardUpdate, RailOrder } from '../../common/kitchen-api.js';
import { eventually, type Resources } from './kitchen-harness.js';

/** Shared by the ingest integration tests: a POS, the board as a browser sees it, the print journal. */

export const DLE_EOT_1 = Buffer.from([0x10, 0x04, 0x01]);
export const DLE_EOT_2 = Buffer.from([0x10, 0x04, 0x02]);
export const DLE_EOT_4 = Buffer.from([0x10, 0x04, 0x04]);
export const GS_R_1 = Buffer.from([0x1d, 0x72, 0x01]);

/** What the agent's transport asks a printer before sending a job (agent/printing/tcp-transport.ts). */
export const STATUS_QUERY_BEFORE_SEND = Buffer.concat([DLE_EOT_1, DLE_EOT_2, DLE_EOT_4]);

/** A kitchen ticket as a POS prints it with node-thermal-printer (EPSON, CP858). */
export function posTicket(port: number, number: string): ThermalPrinter {
  const p = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: `tcp://127.0.0.1:${port}`, characterSet: CharacterSet.PC858_EURO });
  p.alignCenter();
  p.setTextDoubleHeight();
  p.bold(true);
  p.println(`Order #${number}`);
  p.bold(false);
  p.setTextNormal();
  p.alignLeft();
  p.println('Table 7');
  p.println('2 x Crème brûlée');
  p.println('1 Fries');
  p.cut();
  return p;
}

/** The job bytes a POS's ticket becomes (shared with the listener's unit tests). */
export { jobBytesOf } from '../../agent/ingest/ingest-test-support.js';

export async function posClient(resources: Resources, port: number): Promise<PosClient> {
  const client = await PosClient.connect(port);
  resources.add(() => client.destroy());
  return client;
}

/** `POST /api/kitchen/getSnapshot` on the agent's local API, as the board in a browser asks it. */
export async function httpSnapshot(localApiUrl: string): Promise<BoardSnapshot> {
  const response = await fetch(`${localApiUrl}/api/kitchen/getSnapshot`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  const result = (await response.json()) as { ok: boolean; value: BoardSnapshot };
  if (!response.ok || !result.ok) throw new Error(`getSnapshot answered ${response.status}: ${JSON.stringify(result)}`);
  return result.value;
}

/** The ingest card with ticket number `number`, once the board has it. */
export function ingestCard(localApiUrl: string, number: string, ms?: number): Promise<RailOrder> {
  return eventually(`ingest card #${number}`, async () => (await httpSnapshot(localApiUrl)).orders.find((order) => order.source?.kind === 'ingest' && order.number === number), ms);
}

/** The board's updates from now on. */
export function recordUpdates(resources: Resources, agent: Pick<Agent, 'api'>): BoardUpdate[] {
  const updates: BoardUpdate[] = [];
  resources.add(agent.api.subscribe((update) => updates.push(update)));
  return updates;
}

/** The forward job of an ingest card (same id as its order), once it reached `state`. */
export function forwardJob(agent: Pick<Agent, 'cache'>, orderId: string, state: CachedJob['localState'], ms?: number): Promise<CachedJob> {
  return eventually(`forward job of ${orderId} ${state ?? ''}`, () => {
    const cached = agent.cache.getJob(orderId);
    return cached?.localState === state ? cached : undefined;
  }, ms);
}
