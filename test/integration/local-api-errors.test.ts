import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { LOCAL_API_BODY_LIMIT, startLocalApi, type RunningLocalApi } from '../../agent/local-api/local-api-server.js';
import { SNAPSHOT_FAILED_CLOSE_CODE } from '../../agent/local-api/board-socket.js';
import { INTERNAL_ERROR_MESSAGE } from '../../common/error-response.js';
import { ERROR_CODES } from '../../common/errors.js';
import { PRINTING_ERRORS } from '../../agent/printing/printing-errors.js';
import { LOCAL_API, type KitchenHandlers } from '../../common/kitchen-api.js';
import { Resources, startTestAgent, startTestBackend } from './kitchen-harness.js';
import { recordingLogger } from '../../agent/test-support/recording-logger.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

/** The real agent's operations behind a local API of the test's own, with the test's logger. */
async function startApi(handlers?: (api: KitchenHandlers) => KitchenHandlers) {
  const { backend } = await startTestBackend(resources);
  const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [], realtime: false });
  const logger = recordingLogger();
  const local: RunningLocalApi = await startLocalApi(handlers ? handlers(agent.api) : agent.api, { host: '127.0.0.1', port: 0, logger });
  resources.add(() => local.close());
  return { local, logger, agent };
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
    const answer = await post(local, 'saveSettings', JSON.stringify({ backendUrl: `http://x/${'a'.repeat(LOCAL_API_BODY_LIMIT + 1024)}` }));
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

  it('answers a preview of a raw job whose payload is not base64 with the printing layer\'s code and a 4xx, logging nothing', async () => {
    const { local, logger, agent } = await startApi();
    const at = new Date().toISOString();
    agent.cache.putJob({ id: 'job_bad_raw', kind: 'raw', station: 'kitchen', copies: 1, payload: '@@not base64@@', status: 'pending', attempts: 0, createdAt: at, updatedAt: at, version: 1 });
    const answer = await post(local, 'previewJob', JSON.stringify({ jobId: 'job_bad_raw' }));
    expect(answer.status).toBe(422);
    expect(await answer.json()).toEqual({ ok: false, error: { code: PRINTING_ERRORS.RAW_PAYLOAD_INVALID, message: 'payload is not valid base64' } });
    // A bad payload is the job's, not a bug of the agent's.
    expect(logger.entries).toEqual([]);
  });

  it('still answers a coded refusal of the agent with its code', async () => {
    const { local } = await startApi();
    const answer = await post(local, 'previewJob', JSON.stringify({ jobId: 'job_nope' }));
    expect(answer.status).toBe(404);
    expect(await answer.json()).toMatchObject({ ok: false, error: { code: ERROR_CODES.PRINT_JOB_NOT_FOUND } });
  });
});

/** The real agent's operations with one of them failing as a bug would: an uncoded error with a path. */
function failing<M extends 'getSnapshot' | 'printLog'>(method: M) {
  return (api: KitchenHandlers): KitchenHandlers =>
    Object.create(api, {
      [method]: {
        value: async () => {
          throw new TypeError('SQLITE_CORRUPT: database disk image is malformed at /home/cook/.ticketrail/agent-cache.sqlite');
        },
      },
    }) as KitchenHandlers;
}

describe('an unexpected error in the local API', () => {
  it('answers 500 with the generic body, never the raw text, and logs the real message', async () => {
    const { local, logger } = await startApi(failing('printLog'));
    const answer = await post(local, 'printLog', JSON.stringify({ limit: 5 }));
    expect(answer.status).toBe(500);
    const text = await answer.text();
    expect(JSON.parse(text)).toEqual({ ok: false, error: { code: ERROR_CODES.INTERNAL, message: INTERNAL_ERROR_MESSAGE } });
    expect(text).not.toMatch(/SQLITE|cook|malformed/);
    expect(logger.entries).toEqual([
      { level: 'error', message: 'printLog failed unexpectedly', fields: { method: 'printLog', error: expect.stringContaining('SQLITE_CORRUPT: database disk image is malformed at /home/cook/') } },
    ]);
  });

  it('a snapshot that fails for a new updates socket is logged and closes the socket (1011), with no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    resources.add(() => void process.off('unhandledRejection', onUnhandled));
    const { local, logger } = await startApi(failing('getSnapshot'));

    const closed = await new Promise<{ code: number; messages: number }>((resolve, reject) => {
      const ws = new WebSocket(local.url.replace('http', 'ws') + LOCAL_API.updatesPath);
      let messages = 0;
      ws.on('message', () => (messages += 1));
      ws.once('close', (code) => resolve({ code, messages }));
      ws.once('error', reject);
    });
    // The board's update stream reconnects on a close, so it asks for a snapshot again.
    expect(closed).toEqual({ code: SNAPSHOT_FAILED_CLOSE_CODE, messages: 0 });
    expect(logger.entries).toEqual([
      { level: 'error', message: 'local API: could not take the snapshot for a board socket', fields: { error: expect.stringContaining('SQLITE_CORRUPT') } },
    ]);
    expect(unhandled).toEqual([]);
  });
});
