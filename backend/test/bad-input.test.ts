import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../common/errors.js';
import { BackendHealthSchema } from '../../common/health.js';
import { DATABASE_FILE } from '../db/database.js';
import { Resources, TEST_TOKENS, sampleInput, startTestBackend } from './helpers.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

describe('bad input', () => {
  it('answers each class of bad request with its status and code, never a stack trace', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();
    const json = { 'content-type': 'application/json' };
    const cases: { name: string; method: string; path: string; token?: string; raw?: string; json?: unknown; headers?: Record<string, string>; status: number; code: string }[] = [
      { name: 'schema violation', method: 'POST', path: '/api/orders', token: TEST_TOKENS.pos, json: { type: 'boat', items: [] }, status: 400, code: ERROR_CODES.VALIDATION_FAILED },
      { name: 'unknown field', method: 'POST', path: '/api/orders', token: TEST_TOKENS.pos, json: { ...sampleInput(), admin: true }, status: 400, code: ERROR_CODES.VALIDATION_FAILED },
      { name: 'malformed JSON', method: 'POST', path: '/api/orders', token: TEST_TOKENS.pos, raw: '{"type":', headers: json, status: 400, code: ERROR_CODES.MALFORMED_BODY },
      { name: 'empty JSON body', method: 'POST', path: '/api/orders', token: TEST_TOKENS.pos, raw: '', headers: json, status: 400, code: ERROR_CODES.MALFORMED_BODY },
      { name: 'prototype poisoning', method: 'POST', path: '/api/orders', token: TEST_TOKENS.pos, raw: '{"__proto__":{"x":1}}', headers: json, status: 400, code: ERROR_CODES.MALFORMED_BODY },
      { name: 'bad query', method: 'GET', path: '/api/events?limit=5000', token: TEST_TOKENS.agent, status: 400, code: ERROR_CODES.VALIDATION_FAILED },
      { name: 'no token', method: 'POST', path: '/api/orders', json: sampleInput(), status: 401, code: ERROR_CODES.UNAUTHORIZED },
      { name: 'not bearer', method: 'GET', path: '/api/orders', headers: { authorization: `Basic ${TEST_TOKENS.pos}` }, status: 401, code: ERROR_CODES.UNAUTHORIZED },
      { name: 'unknown token', method: 'GET', path: '/api/orders', token: 'tr_unknown_unknown_unknown', status: 401, code: ERROR_CODES.UNAUTHORIZED },
      { name: 'wrong role', method: 'POST', path: `/api/print-jobs/x/claim`, token: TEST_TOKENS.pos, json: { agentId: 'a' }, status: 403, code: ERROR_CODES.FORBIDDEN },
      { name: 'unknown order', method: 'GET', path: '/api/orders/ord_doesnotexist', token: TEST_TOKENS.agent, status: 404, code: ERROR_CODES.ORDER_NOT_FOUND },
      { name: 'unknown job', method: 'POST', path: '/api/print-jobs/job_nope/claim', token: TEST_TOKENS.agent, json: { agentId: 'a' }, status: 404, code: ERROR_CODES.PRINT_JOB_NOT_FOUND },
      { name: 'unknown route', method: 'GET', path: '/api/nothing-here', status: 404, code: ERROR_CODES.NOT_FOUND },
      { name: 'illegal transition', method: 'POST', path: `/api/orders/${order.id}/transitions`, token: TEST_TOKENS.agent, json: { to: 'ready' }, status: 409, code: ERROR_CODES.ORDER_TRANSITION_INVALID },
      { name: 'too large', method: 'POST', path: '/api/orders', token: TEST_TOKENS.pos, raw: JSON.stringify({ notes: 'x'.repeat(70_000) }), headers: json, status: 413, code: ERROR_CODES.PAYLOAD_TOO_LARGE },
      { name: 'text body', method: 'POST', path: '/api/orders', token: TEST_TOKENS.pos, raw: 'two burgers', headers: { 'content-type': 'text/plain' }, status: 415, code: ERROR_CODES.UNSUPPORTED_MEDIA_TYPE },
      { name: 'form body outside pusher auth', method: 'POST', path: '/api/orders', token: TEST_TOKENS.pos, raw: 'type=dine_in', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415, code: ERROR_CODES.UNSUPPORTED_MEDIA_TYPE },
    ];
    for (const c of cases) {
      const answer = await test.api.request(c.method, c.path, {
        ...(c.token !== undefined ? { token: c.token } : {}),
        ...(c.json !== undefined ? { json: c.json } : {}),
        ...(c.raw !== undefined ? { raw: c.raw } : {}),
        ...(c.headers ? { headers: c.headers } : {}),
      });
      expect({ name: c.name, status: answer.status, code: (answer.body as { code?: string }).code }).toEqual({ name: c.name, status: c.status, code: c.code });
      const text = JSON.stringify(answer.body);
      expect(text).not.toMatch(/\bat .+\.(ts|js):\d+/);
      expect(Object.keys(answer.body as object).every((key) => ['code', 'message', 'details'].includes(key))).toBe(true);
    }
    const validation = await test.api.post('/api/orders', TEST_TOKENS.pos, { type: 'boat', items: [] });
    expect((validation.body as { details: { path: unknown[] }[] }).details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: ['body', 'type'] }), expect.objectContaining({ path: ['body', 'items'] })]),
    );
    const health = BackendHealthSchema.parse((await test.api.get('/api/health')).body);
    expect(health.counts).toEqual({ orders: 1, activeOrders: 1, pendingJobs: 2 });
  });

  it('answers 500 INTERNAL on a database error and leaves no half-written order behind', async () => {
    const test = await startTestBackend(resources);
    await test.api.createOrder();
    // A second connection makes the print-job insert fail mid-transaction, after the order row went in.
    const saboteur = new Database(join(test.dataDir, DATABASE_FILE));
    resources.add(() => saboteur.close());
    saboteur.exec(`CREATE TRIGGER sabotage BEFORE INSERT ON print_jobs BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);

    const failed = await test.api.post('/api/orders', TEST_TOKENS.pos, sampleInput(), { 'idempotency-key': 'k-1' });
    expect(failed.status).toBe(500);
    expect(failed.body).toEqual({ code: ERROR_CODES.INTERNAL, message: 'internal error' });
    const counts = saboteur
      .prepare(`SELECT (SELECT COUNT(*) FROM orders) AS orders, (SELECT COUNT(*) FROM events) AS events,
        (SELECT COUNT(*) FROM idempotency_keys) AS keys, (SELECT last FROM order_counters) AS counter`)
      .get();
    expect(counts).toEqual({ orders: 1, events: 3, keys: 0, counter: 1 });

    saboteur.exec('DROP TRIGGER sabotage');
    const retried = await test.api.post<{ number: string }>('/api/orders', TEST_TOKENS.pos, sampleInput(), { 'idempotency-key': 'k-1' });
    expect(retried.status).toBe(201);
    expect(retried.body.number).toBe('A-002');
  });
});
