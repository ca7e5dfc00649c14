import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../common/errors.js';
import { LOCAL_API } from '../../common/kitchen-api.js';
import { startPreviewServer, type PreviewServer } from './preview-server.js';

// The dev preview answers the board with the agent's own contract: the same input validation
// (dispatchKitchenCall) and the same error bodies (toErrorResponse), so what the board shows
// against it is what it shows against the agent.
let preview: PreviewServer | undefined;
afterEach(async () => {
  await preview?.close();
  preview = undefined;
});

async function call(method: string, body: string): Promise<{ status: number; json: unknown }> {
  preview ??= await startPreviewServer(0);
  const answer = await fetch(`${preview.url}${LOCAL_API.prefix}/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: answer.status, json: await answer.json() };
}

describe('the dev preview server', () => {
  it("refuses an input its operation's schema refuses with VALIDATION_FAILED, as the agent does", async () => {
    const { status, json } = await call('orderAction', JSON.stringify({ orderId: 1, to: 'eaten' }));
    expect(status).toBe(400);
    expect(json).toMatchObject({ ok: false, error: { code: ERROR_CODES.VALIDATION_FAILED, details: { issues: expect.arrayContaining([expect.objectContaining({ path: 'orderId' })]) } } });
  });

  it('answers a body that is not JSON with MALFORMED_BODY and a fixed message, not the parser text', async () => {
    const { status, json } = await call('getSnapshot', '{not json');
    expect(status).toBe(400);
    expect(json).toEqual({ ok: false, error: { code: ERROR_CODES.MALFORMED_BODY, message: 'the body is not valid JSON' } });
  });

  it("answers an operation's coded refusal with its code, and a valid call with its value", async () => {
    expect(await call('reprint', JSON.stringify({ jobId: 'job-none' }))).toMatchObject({ status: 404, json: { ok: false, error: { code: ERROR_CODES.PRINT_JOB_NOT_FOUND } } });
    expect(await call('dismissConflict', JSON.stringify({ orderId: 'o-6' }))).toEqual({ status: 200, json: { ok: true, value: null } });
    const reprinted = await call('reprint', JSON.stringify({ jobId: 'job-101' }));
    expect(reprinted).toMatchObject({ status: 200, json: { ok: true, value: { id: 'job-101-r', status: 'pending' } } });
  });

  it('answers an unknown operation 404 NOT_FOUND naming it, as the agent does', async () => {
    expect(await call('dropTables', '{}')).toEqual({ status: 404, json: { ok: false, error: { code: ERROR_CODES.NOT_FOUND, message: 'no operation dropTables' } } });
  });
});
