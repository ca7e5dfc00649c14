import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { recordingLogger } from '../../agent/test-support/recording-logger.js';
import { Resources, startTestAgent } from './kitchen-harness.js';
import { ManualClock } from './manual-clock.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

/**
 * A backend that is up but cannot hand out its realtime config yet: every ask is answered 503.
 * `asked(n)` resolves once it has been asked n times: the test waits for the ask itself, however
 * long a busy machine takes, never for a deadline on the wall clock.
 */
async function backendWithoutRealtime(): Promise<{ url: string; asked: (count: number) => Promise<void> }> {
  let asks = 0;
  const waiting: { count: number; resolve: () => void }[] = [];
  const server = createServer((request, response) => {
    if (request.url?.startsWith('/api/agent/config')) {
      asks++;
      for (const waiter of waiting.filter((candidate) => candidate.count <= asks)) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
    response.statusCode = 503;
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ code: 'UNAVAILABLE', message: 'starting' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  resources.add(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    asked: (count) => (asks >= count ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ count, resolve }))),
  };
}

describe('a kitchen without its realtime config', () => {
  it('says so once per outage, not once a second: a long outage must not bury the log', async () => {
    const backend = await backendWithoutRealtime();
    const clock = new ManualClock();
    const logger = recordingLogger();
    await startTestAgent(resources, { backendUrl: backend.url, printers: [], clock, logger });

    // The engine asks again on every one-second tick of its clock while it has no realtime link:
    // the test moves the clock a tick once the previous ask arrived.
    for (let tick = 1; tick <= 5; tick++) {
      await backend.asked(tick);
      // The answer handled, the engine waits for its next tick: only now does a tick make it ask again.
      await clock.waitingAgain();
      clock.advance(1_000);
    }
    await backend.asked(6);

    const warnings = logger.entries.filter((entry) => entry.message.startsWith('realtime config unavailable'));
    expect(warnings).toHaveLength(1);
  });
});
