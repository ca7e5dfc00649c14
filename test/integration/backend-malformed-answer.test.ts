/**
 * Issue 17, item 11: a backend that answers 2xx with something the contract does not describe (a
 * backend of another version, another program at its address). Test connection showed a raw zod
 * dump, and a reprint answered 500. Both now say 502 BACKEND_ERROR in a short plain message, and
 * the details go to the agent's log.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { recordingLogger } from '../../agent/test-support/recording-logger.js';
import { BACKEND_ANSWER_INVALID_MESSAGE } from '../../common/error-response.js';
import { ERROR_CODES } from '../../common/errors.js';
import { LOCAL_API } from '../../common/kitchen-api.js';
import { Resources, startTestAgent } from './kitchen-harness.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

/** Answers every request 200 with `body` (a string: sent as is). */
async function oddBackend(body: string): Promise<string> {
  const server: Server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  resources.add(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function localCall(localApiUrl: string, method: string, input: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${localApiUrl}${LOCAL_API.prefix}/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
  return { status: response.status, body: await response.json() };
}

describe('a backend answer that is not the contract', () => {
  it.each([
    ['the wrong shape', JSON.stringify({ key: 42, channels: 'none' })],
    ['not JSON', '<!DOCTYPE html><p>Welcome to nginx!</p>'],
  ])('Test connection says so in plain words (%s), and logs the details', async (_name, body) => {
    const logger = recordingLogger();
    const agent = await startTestAgent(resources, { backendUrl: await oddBackend(body), printers: [], realtime: false, logger });
    const result = await agent.api.testConnection();
    expect(result).toEqual({
      ok: false,
      message: BACKEND_ANSWER_INVALID_MESSAGE,
      error: { code: ERROR_CODES.BACKEND_ERROR, message: BACKEND_ANSWER_INVALID_MESSAGE },
    });
    const logged = logger.entries.find((entry) => entry.message === 'Test connection: the backend answered unexpectedly');
    expect(String(logged?.fields?.error)).toContain("the backend's answer to GET /api/agent/config is not what this agent expects");
  });

  it('answers a reprint with 502 BACKEND_ERROR, not 500, and logs which fields were wrong', async () => {
    const logger = recordingLogger();
    const agent = await startTestAgent(resources, { backendUrl: await oddBackend(JSON.stringify({ id: 7 })), printers: [], realtime: false, logger });
    const answer = await localCall(agent.localApiUrl, 'reprint', { jobId: 'job_0123' });
    expect(answer).toEqual({ status: 502, body: { ok: false, error: { code: ERROR_CODES.BACKEND_ERROR, message: BACKEND_ANSWER_INVALID_MESSAGE } } });
    const logged = logger.entries.filter((entry) => entry.level === 'error').map((entry) => String(entry.fields?.error));
    expect(logged).toContainEqual(expect.stringMatching(/POST \/api\/print-jobs\/job_0123\/reprint is not what this agent expects: id: .*; kind: /));
  });

  // The reports' answers were parsed inline with .parse(): a wrong one escaped as a zod error, a 500.
  it('answers the Reports tab with 502 BACKEND_ERROR when the report is not the contract, naming the route in the log', async () => {
    const logger = recordingLogger();
    const agent = await startTestAgent(resources, { backendUrl: await oddBackend(JSON.stringify({ from: 3 })), printers: [], realtime: false, logger });
    const answer = await localCall(agent.localApiUrl, 'serviceReport', { from: '2026-12-01', to: '2026-12-07', tz: 'UTC' });
    expect(answer).toEqual({ status: 502, body: { ok: false, error: { code: ERROR_CODES.BACKEND_ERROR, message: BACKEND_ANSWER_INVALID_MESSAGE } } });
    const logged = logger.entries.filter((entry) => entry.level === 'error').map((entry) => String(entry.fields?.error));
    expect(logged).toContainEqual(expect.stringContaining('GET /api/reports/service is not what this agent expects'));
  });
});
