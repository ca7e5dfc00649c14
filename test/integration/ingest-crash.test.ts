import { afterEach, describe, expect, it } from 'vitest';
import { SETTINGS_ENV } from '../../agent/host-env.js';
import { Resources, TEST_TOKENS, cachePath, eventually, freePort, startTestBackend, startTestPrinter, tempDir } from './kitchen-harness.js';
import { STATUS_QUERY_BEFORE_SEND, httpSnapshot, jobBytesOf, posClient, posTicket } from './ingest-harness.js';
import { PROCESS_TEST_TIMEOUT_MS } from '../wait-budget.js';
import { killAgent, readAgentCache, startHeadlessAgent, type HeadlessAgent } from './agent-process.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

/** The headless agent as its own process, as `npm run agent -- --ingest …=kitchen>cli-printer` starts it. */
function startAgent(dataDir: string, backendUrl: string, printerPort: number, ingestPort: number): Promise<HeadlessAgent> {
  const args = [
    '--data-dir', dataDir, '--port', '0', '--backend', backendUrl,
    '--printer', `tcp://127.0.0.1:${printerPort}`, '--stations', 'kitchen',
    '--ingest', `tcp://127.0.0.1:${ingestPort}=kitchen>cli-printer`,
  ];
  return startHeadlessAgent(resources, args, { [SETTINGS_ENV.agentToken]: TEST_TOKENS.agent });
}

interface JournalRow {
  id: string;
  local_state: string | null;
  local_error: string | null;
}

/** The forward jobs in the agent's cache, read from the file as another process sees it. */
const forwardJobs = (dataDir: string): JournalRow[] =>
  readAgentCache(cachePath(dataDir), [], (db) => db.prepare<[], JournalRow>("SELECT id, local_state, local_error FROM print_jobs WHERE id LIKE 'ingest:%'").all());

describe('ingest: agent killed after journaling a POS ticket, before forwarding it', () => {
  it('forwards the ticket exactly once after a restart', { timeout: PROCESS_TEST_TIMEOUT_MS }, async () => {
    const { backend } = await startTestBackend(resources);
    const printer = await startTestPrinter(resources);
    // The forward printer takes nothing: the journaled job waits for it, nothing sent.
    await printer.setMode('refusing');
    const dataDir = tempDir(resources);
    const ingestPort = await freePort();

    const first = await startAgent(dataDir, backend.url, printer.port, ingestPort);
    const ticket = posTicket(ingestPort, '4711');
    const pos = await posClient(resources, ingestPort);
    await pos.write(jobBytesOf(ticket));
    // The listener closes its side only once the job is journaled.
    expect(await pos.finish()).toBe('end');
    const waiting = await eventually('the forward job waiting for its printer', () => forwardJobs(dataDir).find((job) => job.local_state === 'claimed' && job.local_error));
    await killAgent(first.child);
    expect(printer.printed).toEqual([]);

    await printer.setMode('ok');
    const { boardUrl } = await startAgent(dataDir, backend.url, printer.port, ingestPort);
    await eventually('the job printed after the restart', () => (forwardJobs(dataDir).find((job) => job.id === waiting.id)?.local_state === 'printed' ? true : undefined));
    expect(printer.printed).toHaveLength(1);
    expect(printer.printed[0]!.bytes.equals(Buffer.concat([STATUS_QUERY_BEFORE_SEND, jobBytesOf(ticket)]))).toBe(true);
    // The card came back with the cache, naming its source printer (the flag names it after its address).
    const card = (await httpSnapshot(boardUrl)).orders.find((order) => order.id === waiting.id);
    expect(card).toMatchObject({ number: '4711', source: { kind: 'ingest', from: `tcp://127.0.0.1:${ingestPort}` } });
  });
});
