import { afterEach, describe, expect, it } from 'vitest';
import { startLocalApi, type RunningLocalApi } from '../../agent/local-api/local-api-server.js';
import type { AgentLogger } from '../../agent/ports.js';
import { ERROR_CODES } from '../../common/errors.js';
import { LOCAL_API, type KitchenHandlers } from '../../common/kitchen-api.js';
import { Resources, startTestAgent, startTestBackend } from './kitchen-harness.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

interface LogEntry {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields?: Record<string, unknown>;
}

function recordingLogger(): AgentLogger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const record = (level: LogEntry['level']) => (message: string, fields?: Record<string, unknown>) => void entries.push({ level, message, ...(fields ? { fields } : {}) });
  return { entries, info: record('info'), warn: record('warn'), error: record('error') };
}

/** The real agent's operations behind a local API of the test's own, with the test's logger. */
async function startApi(handlers?: (api: KitchenHandlers) => KitchenHandlers) {
  const { backend } = await startTestBackend(resources);
  const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [], realtime: false });
  const logger = recordingLogger();
  const local: RunningLocalApi = await startLocalApi(handlers ? handlers(agent.api) : agent.api, { host: '127.0.0.1', port: 0, logger });
  resources.add(() => local.close());
  return { local, logger };
}

function post(local: RunningLocalApi, method: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${local.url}${LOCAL_API.prefix}/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

describe("the local API's error answers", () => {
  it("answers a body that is not JSON with MALFORMED_BODY and a fixed message, not the parser's text", async () => {
    const { local, logger } = await startApi();
    const answer = await post(local, 'saveSettings', '{"backendUrl": s3cret-not-json');
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({ ok: false, error: { code: ERROR_CODES.MALFORMED_BODY, message: 'the body is not valid JSON' } });
    // A refusal of the client's making is not a server fault.
    expect(logger.entries).toEqual([]);
  });

  it('answers a body over the limit with PAYLOAD_TOO_LARGE', async () => {
    const { local } = await startApi();
    const answer = await post(local, 'saveSettings', JSON.stringify({ backendUrl: `http://x/${'a'.repeat(70 * 1024)}` }));
    expect(answer.status).toBe(413);
    expect(await answer.json()).toMatchObject({ ok: false, error: { code: ERROR_CODES.PAYLOAD_TOO_LARGE } });
  });

  it('answers an input its schema refuses with VALIDATION_FAILED, where and what, never the value', async () => {
    const { local } = await startApi();
    const answer = await post(local, 'orderAction', JSON.stringify({ orderId: 'o-1', to: 'eaten-by-s3cret' }));
    expect(answer.status).toBe(400);
    const body = (await answer.json()) as { ok: false; error: { code: string; details: { issues: { path: string }[] } } };
    expect(body.error).toMatchObject({ code: ERROR_CODES.VALIDATION_FAILED, details: { issues: [{ path: 'to' }] } });
    expect(JSON.stringify(body)).not.toContain('s3cret');
  });

  it('still answers a coded refusal of the agent with its code', async () => {
    const { local } = await startApi();
    const answer = await post(local, 'previewJob', JSON.stringify({ jobId: 'job_nope' }));
    expect(answer.status).toBe(404);
    expect(await answer.json()).toMatchObject({ ok: false, error: { code: ERROR_CODES.PRINT_JOB_NOT_FOUND } });
  });
});

