import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../backend/sample-orders.js';
import { startRelay, type RunningRelay } from '../../backend/relay/index.js';
import type { TestBackend } from '../../backend/test/helpers.js';
import { PRINT_FAILURE_REASONS } from '../../common/print-job.js';
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
  ticketJobId,
} from './kitchen-harness.js';
import { relayPusherEnv } from './relay-harness.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

const ORDERS = 500;
const RELAY_APP = { id: 'chaos', key: 'chaos-key', secret: 'chaos-secret' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Disruptions; `paper` is the one meant to fail a job: the roll runs out during it. */
const TARGETS = ['relay', 'backend', 'printer', 'paper'] as const;

describe('chaos run', () => {
  it('500 orders while relay, backend and printer restart and paper runs out at random: none lost, every job done exactly once but those the paper ran out on', async () => {
    const random = seededRandom(20261123);
    const [port, relayPort] = [await freePort(), await freePort()];
    const dataDir = tempDir(resources);
    const env = { PORT: String(port), ...relayPusherEnv(RELAY_APP, relayPort) };
    let relay: RunningRelay | undefined = await startRelay({ port: relayPort, apps: [RELAY_APP] });
    resources.add(() => relay?.close());
    let backend: TestBackend = await startTestBackend(resources, { dataDir, env });
    const printer = await startTestPrinter(resources);
    // The jobs this test makes fail: the printer took each whole and lost it to the end of the roll.
    const madeToFail = new Set<string>();
    printer.on('discarded', ({ decoded }) => {
      const id = ticketJobId(decoded.lines);
      if (id) madeToFail.add(id);
    });
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

    const restarts = { relay: 0, backend: 0, printer: 0, paper: 0 };
    while (posting) {
      await sleep(800 + random() * 1500);
      if (!posting) break;
      // The roll runs out first of all, so every run makes at least one job fail on purpose.
      const target = restarts.paper === 0 ? 'paper' : (TARGETS[Math.floor(random() * TARGETS.length)] as keyof typeof restarts);
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
      } else if (target === 'printer') {
        await printer.setMode('refusing');
        await sleep(downMs);
        await printer.setMode('ok');
      } else {
        // One more ticket prints, the next is lost when the roll ends (the printer answers paper
        // end after taking it whole), then the printer stays out of paper until it is refilled.
        const lost = once(printer, 'discarded');
        await printer.paperRunsOutAfter(1);
        await Promise.race([lost, sleep(5_000)]);
        await sleep(downMs);
        await printer.setMode('paperOut');
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
    expect(madeToFail.size).toBeGreaterThanOrEqual(1);
    // Failed are exactly the jobs the roll ran out on, each with the reason the printer gave.
    const failed = jobs.filter((job) => job.status === 'failed');
    expect(new Set(failed.map((job) => job.id))).toEqual(madeToFail);
    for (const job of failed) {
      expect(job.error).toContain(PRINT_FAILURE_REASONS.paperOut);
      expect(job.error).toContain('may have partly printed');
      expect(printed.get(job.id)).toBeUndefined();
    }
    // Every other job is done and on paper exactly once.
    const notDone = jobs.filter((job) => !madeToFail.has(job.id) && job.status !== 'done').map((job) => `${job.id} ${job.status} ${job.error ?? ''}`);
    expect(notDone).toEqual([]);
    const notOnceOnPaper = jobs.filter((job) => !madeToFail.has(job.id) && printed.get(job.id) !== 1).map((job) => `${job.id} printed ${printed.get(job.id) ?? 0}x`);
    expect(notOnceOnPaper).toEqual([]);
    // Nothing else was printed: no ticket of a job the backend does not know.
    expect([...printed.keys()].every((id) => jobs.some((job) => job.id === id))).toBe(true);
    console.log(`chaos: ${jobs.length - failed.length} done, ${failed.length} failed (paper ran out), restarts ${JSON.stringify(restarts)}`);
  }, 240_000);
});
