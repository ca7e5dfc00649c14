import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../backend/sample-orders.js';
import { startRelay, type RunningRelay } from '../../backend/relay/index.js';
import type { TestBackend } from '../../backend/test/helpers.js';
import {
  Api,
  Resources,
  TEST_TOKENS,
  allJobs,
  allOrders,
  eventually,
  freePort,
  printedJobIds,
  printerSettings,
  sampleInput,
  startTestAgent,
  startTestBackend,
  startTestPrinter,
  tempDir,
} from './kitchen-harness.js';
import { relayPusherEnv } from './relay-harness.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

const ORDERS = 500;
const RELAY_APP = { id: 'chaos', key: 'chaos-key', secret: 'chaos-secret' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('chaos run', () => {
  it('500 orders while relay, backend and printer restart at random: none lost, no duplicate ticket, every job reported', async () => {
    const random = seededRandom(20261123);
    const [port, relayPort] = [await freePort(), await freePort()];
    const dataDir = tempDir(resources);
    const env = { PORT: String(port), ...relayPusherEnv(RELAY_APP, relayPort) };
    let relay: RunningRelay | undefined = await startRelay({ port: relayPort, apps: [RELAY_APP] });
    resources.add(() => relay?.close());
    let backend: TestBackend = await startTestBackend(resources, { dataDir, env });
    const printer = await startTestPrinter(resources);
    const agent = await startTestAgent(resources, { backendUrl: backend.backend.url, printers: [printerSettings(printer)], pollIntervalMs: 1000 });
    const api = new Api(`http://127.0.0.1:${port}`);

    // A POS that retries with one Idempotency-Key per order until the backend has it.
    const created = new Set<string>();
    let posting = true;
    const pos = (async () => {
      for (let i = 0; i < ORDERS; i++) {
        const key = randomUUID();
        const input = sampleInput({ table: String(1 + (i % 40)) });
        for (;;) {
          try {
            const response = await api.post<{ id: string }>('/api/orders', TEST_TOKENS.pos, input, { 'idempotency-key': key });
            if (response.status === 201 || response.status === 200) {
              created.add(response.body.id);
              break;
            }
          } catch {
            // backend down: retry below
          }
          await sleep(100);
        }
        if (i % 10 === 9) await sleep(150);
      }
      posting = false;
    })();

    const restarts = { relay: 0, backend: 0, printer: 0 };
    while (posting) {
      await sleep(800 + random() * 1500);
      if (!posting) break;
      const target = (['relay', 'backend', 'printer'] as const)[Math.floor(random() * 3)] as keyof typeof restarts;
      restarts[target] += 1;
      const downMs = 300 + random() * 900;
      if (target === 'relay') {
        await relay?.close();
        relay = undefined;
        await sleep(downMs);
        relay = await startRelay({ port: relayPort, apps: [RELAY_APP] });
      } else if (target === 'backend') {
        await backend.backend.close();
        await sleep(downMs);
        backend = await startTestBackend(resources, { dataDir, env });
      } else {
        await printer.setMode('refusing');
        await sleep(downMs);
        await printer.setMode('ok');
      }
    }
    await pos;
    expect(created.size).toBe(ORDERS);
    expect(restarts.relay + restarts.backend + restarts.printer).toBeGreaterThanOrEqual(3);

    // Every order reached the agent's cache, once.
    await eventually('every order in the agent cache', () => ([...created].every((id) => agent.cache.getOrder(id)) ? true : undefined), 60_000);
    const orders = await allOrders(api);
    expect(orders).toHaveLength(ORDERS);

    // Every job reached a final status at the backend.
    const jobs = await eventually('every job final', async () => {
      const list = await allJobs(api);
      return list.length === ORDERS * 2 && list.every((job) => job.status === 'done' || job.status === 'failed') ? list : undefined;
    }, 90_000);
    const printed = printedJobIds(printer);
    const duplicates = [...printed.entries()].filter(([, count]) => count > 1);
    expect(duplicates).toEqual([]);
    const done = jobs.filter((job) => job.status === 'done');
    expect(done.every((job) => printed.get(job.id) === 1)).toBe(true);
    // A failed job is one the agent could not confirm; it may be on paper at most once.
    const failed = jobs.filter((job) => job.status === 'failed');
    expect(failed.every((job) => (printed.get(job.id) ?? 0) <= 1 && job.error)).toBe(true);
    console.log(`chaos: ${done.length} done, ${failed.length} failed, restarts ${JSON.stringify(restarts)}`);
  }, 240_000);
});
