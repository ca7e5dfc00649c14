import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../backend/db/database.js';
import { BACKEND_ERROR_MESSAGE } from '../../common/error-response.js';
import { ERROR_CODES } from '../../common/errors.js';
import { LOCAL_API } from '../../common/kitchen-api.js';
import { Resources, TEST_TOKENS, allJobs, eventually, freePort, printerSettings, startTestAgent, startTestBackend, startTestPrinter } from './kitchen-harness.js';
import { recordingLogger } from '../../agent/test-support/recording-logger.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

/** The board's reprint, over the agent's real local API. */
function boardReprint(localApiUrl: string, jobId: string): Promise<Response> {
  return fetch(`${localApiUrl}${LOCAL_API.prefix}/reprint`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jobId }) });
}

describe('a backend refusal during a board operation', () => {
  it("reaches the board with the backend's own status, code, message and details", async () => {
    const { backend, api } = await startTestBackend(resources);
    const logger = recordingLogger();
    // No printer: the order's ticket stays pending, and the backend reprints only done or failed jobs.
    const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [], realtime: false, logger });
    const order = await api.createOrder();
    const [job] = (await allJobs(api, 'pending')).filter((candidate) => candidate.orderId === order.id);

    const direct = await api.post(`/api/print-jobs/${job!.id}/reprint`, TEST_TOKENS.agent);
    expect(direct.status).toBe(409);
    expect(direct.body).toMatchObject({ code: ERROR_CODES.PRINT_JOB_TRANSITION_INVALID, details: { status: 'pending' } });

    const answer = await boardReprint(agent.localApiUrl, job!.id);
    expect(answer.status).toBe(409);
    expect(await answer.json()).toEqual({ ok: false, error: direct.body });
    // The backend said no on purpose: not a fault of the agent's.
    expect(logger.entries.filter((entry) => entry.level === 'error')).toEqual([]);
  });

  it('answers a failure of the backend (5xx) as 502 BACKEND_ERROR with a fixed message, and logs it', async () => {
    const { backend, api, dataDir } = await startTestBackend(resources);
    const printer = await startTestPrinter(resources);
    const logger = recordingLogger();
    const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [printerSettings(printer, ['kitchen'])], realtime: false, logger });
    const order = await api.createOrder({ type: 'takeaway', items: [{ name: 'Borscht', qty: 1, station: 'kitchen', modifiers: [] }] });
    const job = await eventually('ticket done', async () => (await allJobs(api, 'done')).find((candidate) => candidate.orderId === order.id));

    // A real fault inside the real backend: its database refuses every new print job.
    const db = new Database(join(dataDir, DATABASE_FILE));
    resources.add(() => db.close());
    db.exec("CREATE TRIGGER no_new_jobs BEFORE INSERT ON print_jobs BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;");

    const answer = await boardReprint(agent.localApiUrl, job.id);
    expect(answer.status).toBe(502);
    expect(await answer.json()).toEqual({ ok: false, error: { code: ERROR_CODES.BACKEND_ERROR, message: BACKEND_ERROR_MESSAGE } });
    expect(logger.entries).toContainEqual(
      expect.objectContaining({ level: 'error', message: 'reprint failed unexpectedly', fields: expect.objectContaining({ error: expect.stringContaining('500') }) }),
    );
  });

  it('answers 503 BACKEND_UNREACHABLE when the backend cannot be reached, not a bare internal error', async () => {
    // Nothing listens on this port: every request the agent makes is refused at connect.
    const agent = await startTestAgent(resources, { backendUrl: `http://127.0.0.1:${await freePort()}`, printers: [], realtime: false });

    const answer = await boardReprint(agent.localApiUrl, 'job_somewhere');
    expect(answer.status).toBe(503);
    const { error } = (await answer.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe(ERROR_CODES.BACKEND_UNREACHABLE);
    expect(error.message).toMatch(/^backend unreachable at http:\/\/127\.0\.0\.1:\d+/);
  });
});
