import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { recordingLogger } from '../../agent/test-support/recording-logger.js';
import { Resources, eventually, startTestAgent } from './kitchen-harness.js';
import { ManualClock } from './manual-clock.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

/** A backend that is up but cannot hand out its realtime config yet: every ask is answered 503. */
async function backendWithoutRealtime(): Promise<{ url: string; configAsks: () => number }> {
  let asks = 0;
  const server = createServer((request, response) => {
    if (request.url?.startsWith('/api/agent/config')) asks++;
    response.statusCode = 503;
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ code: 'UNAVAILABLE', message: 'starting' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  resources.add(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, configAsks: () => asks };
}

describe('a kitchen without its realtime config', () => {
  it('says so once per outage, not once a second: a long outage must not bury the log', async () => {
    const backend = await backendWithoutRealtime();
    const clock = new ManualClock();
    const logger = recordingLogger();
    await startTestAgent(resources, { backendUrl: backend.url, printers: [], clock, logger });

    // The engine asks again on every one-second tick while it has no realtime link.
    for (let tick = 1; tick <= 5; tick++) {
      await eventually(`config asked ${tick} times`, () => (backend.configAsks() >= tick ? true : undefined));
      clock.advance(1_000);
    }
    await eventually('the sixth ask', () => (backend.configAsks() >= 6 ? true : undefined));

    const warnings = logger.entries.filter((entry) => entry.message.startsWith('realtime config unavailable'));
    expect(warnings).toHaveLength(1);
  });
});
