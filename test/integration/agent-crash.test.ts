import { afterEach, describe, expect, it } from 'vitest';
import { SETTINGS_ENV } from '../../agent/host-env.js';
import { Resources, TEST_TOKENS, allJobs, cachePath, eventually, printedJobIds, startTestBackend, startTestPrinter, tempDir } from './kitchen-harness.js';
import { PROCESS_TEST_TIMEOUT_MS } from '../wait-budget.js';
import { journalState, killAgent, startHeadlessAgent, type HeadlessAgent } from './agent-process.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

/** The headless agent as its own process, exactly as `npm run agent` starts it. */
function startAgent(dataDir: string, backendUrl: string, printerPort: number): Promise<HeadlessAgent> {
  const args = ['--data-dir', dataDir, '--port', '0', '--printer', `tcp://127.0.0.1:${printerPort}`, '--stations', 'kitchen', '--backend', backendUrl];
  return startHeadlessAgent(resources, args, { [SETTINGS_ENV.agentToken]: TEST_TOKENS.agent });
}

describe('agent killed mid-job', () => {
  it('never prints the job twice after SIGKILL and a restart, and reports its final status', { timeout: PROCESS_TEST_TIMEOUT_MS }, async () => {
    const { backend, api } = await startTestBackend(resources);
    const printer = await startTestPrinter(resources);
    await printer.setMode('busy');
    const dataDir = tempDir(resources);

    const first = await startAgent(dataDir, backend.url, printer.port);
    const order = await api.createOrder({ type: 'takeaway', items: [{ name: 'Ramen', qty: 1, station: 'kitchen' }] });
    const jobId = await eventually('the ticket job', async () => (await allJobs(api)).find((job) => job.orderId === order.id)?.id);
    await eventually('agent sending the job', () => (journalState(cachePath(dataDir), jobId) === 'sending' ? true : undefined));
    await killAgent(first.child);

    await printer.setMode('ok');
    await startAgent(dataDir, backend.url, printer.port);
    const failed = await eventually('final status reported', async () => (await allJobs(api, 'failed')).find((job) => job.id === jobId));
    expect(failed.error).toMatch(/partly printed/);

    const next = await api.createOrder({ type: 'takeaway', items: [{ name: 'Gyoza', qty: 1, station: 'kitchen' }] });
    await eventually('the next ticket prints', async () => ((await allJobs(api, 'done')).some((job) => job.orderId === next.id) ? true : undefined));
    expect(printedJobIds(printer).get(jobId) ?? 0).toBe(0);
    expect([...printedJobIds(printer).values()].every((count) => count === 1)).toBe(true);
  });
});
