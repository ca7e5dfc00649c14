import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OrderInputSchema, OrderTransitionInputSchema } from '../../common/order.js';
import {
  PrintJobClaimInputSchema,
  PrintJobInputSchema,
  PrintJobReprintInputSchema,
  PrintJobStatusInputSchema,
  PrintJobsPageSchema,
} from '../../common/print-job.js';
import { DATABASE_FILE } from '../db/database.js';
import { seededRandom } from '../sample-orders.js';
import { Resources, TEST_TOKENS, sampleInput, startTestBackend } from './helpers.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

const REQUESTS = 3_000;
const IN_FLIGHT = 8;
const TABLES = ['orders', 'order_counters', 'print_jobs', 'events', 'tokens', 'idempotency_keys', 'settings', 'agent_bindings'];

type Random = () => number;

const JUNK_STRINGS = ['', ' ', 'null', '0', '-1', '1e309', 'A-001', 'ord_', '__proto__', 'constructor', '💥', 'Мария', '\u0000', 'x'.repeat(300), '<script>', "'; DROP TABLE orders; --"];
const KEYS = ['type', 'items', 'name', 'qty', 'station', 'to', 'reason', 'expectedVersion', 'agentId', 'leaseMs', 'status', 'kind', 'payload', 'copies', 'orderId', 'socket_id', 'channel_name', 'modifiers', 'total', 'customer', 'junk', ''];

function randomValue(random: Random, depth = 0): unknown {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  switch (Math.floor(random() * (depth > 2 ? 5 : 7))) {
    case 0:
      return null;
    case 1:
      return random() < 0.5;
    case 2:
      return pick([0, -1, 1, 1.5, 999, 1000, 2 ** 31, -(2 ** 53), Number.MAX_SAFE_INTEGER, 1e21]);
    case 3:
      return pick(JUNK_STRINGS);
    case 4:
      return pick(['dine_in', 'kitchen', 'accepted', 'cancelled', 'done', 'raw', 'ticket', 'EUR', 'agent-1', '1234.5678', 'private-orders']);
    case 5:
      return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 5) }, () => [pick(KEYS), randomValue(random, depth + 1)]));
  }
}

/** A valid body with one field replaced, removed or added. */
function mutate(random: Random, valid: Record<string, unknown>): unknown {
  const copy: Record<string, unknown> = JSON.parse(JSON.stringify(valid)) as Record<string, unknown>;
  const keys = Object.keys(copy);
  const key = keys[Math.floor(random() * keys.length)] ?? 'type';
  const choice = random();
  if (choice < 0.4) copy[key] = randomValue(random);
  else if (choice < 0.7) delete copy[key];
  else copy[KEYS[Math.floor(random() * KEYS.length)] ?? 'junk'] = randomValue(random);
  return copy;
}

interface FuzzRoute {
  path: string;
  token: string;
  schema: z.ZodType;
  valid: Record<string, unknown>;
}

/** A body the contract refuses: the fuzzer must never change the database, so valid ones are spoiled. */
function invalidBody(random: Random, route: FuzzRoute): unknown {
  const body = random() < 0.5 ? mutate(random, route.valid) : randomValue(random);
  // Every route takes an object, so wrapping a (rare) valid body in an array always spoils it.
  return route.schema.safeParse(body).success ? [body] : body;
}

const MALFORMED = ['{', '{"type":', '[1,2', '{"a":1}}', '\u0000', 'undefined', "{'single':'quotes'}", '{"a":01}', '{"a":NaN}', '\ufeff{}x'];
const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', ''];

function dumpDatabase(dataDir: string): string {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return JSON.stringify(TABLES.map((table) => db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()));
  } finally {
    db.close();
  }
}

describe('fuzz: random and malformed bodies on every POST route', () => {
  it(`answers ${REQUESTS} bad requests with 4xx and coded bodies, and changes nothing`, async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder(sampleInput());
    const [job] = PrintJobsPageSchema.parse((await test.api.get('/api/print-jobs', TEST_TOKENS.agent)).body).jobs;
    if (!job) throw new Error('no job to fuzz');
    const routes: FuzzRoute[] = [
      { path: '/api/orders', token: TEST_TOKENS.pos, schema: OrderInputSchema, valid: sampleInput() as Record<string, unknown> },
      { path: `/api/orders/${order.id}/transitions`, token: TEST_TOKENS.agent, schema: OrderTransitionInputSchema, valid: { to: 'accepted', expectedVersion: 1 } },
      { path: '/api/print-jobs', token: TEST_TOKENS.agent, schema: PrintJobInputSchema, valid: { kind: 'raw', station: 'bar', payload: 'G0BoaQ==' } },
      { path: `/api/print-jobs/${job.id}/claim`, token: TEST_TOKENS.agent, schema: PrintJobClaimInputSchema, valid: { agentId: 'counter-1', leaseMs: 5000 } },
      { path: `/api/print-jobs/${job.id}/status`, token: TEST_TOKENS.agent, schema: PrintJobStatusInputSchema, valid: { agentId: 'counter-1', status: 'done' } },
      { path: `/api/print-jobs/${job.id}/reprint`, token: TEST_TOKENS.agent, schema: PrintJobReprintInputSchema.optional(), valid: { copies: 1 } },
      {
        path: '/api/pusher/auth',
        token: TEST_TOKENS.agent,
        schema: z.object({ socket_id: z.string().regex(/^\d+\.\d+$/), channel_name: z.string() }),
        valid: { socket_id: '1.1', channel_name: 'private-orders' },
      },
    ];
    const before = dumpDatabase(test.dataDir);
    const random = seededRandom(20_251_123);
    const statuses = new Map<number, number>();
    const problems: string[] = [];

    const one = async (i: number): Promise<void> => {
      const route = routes[i % routes.length] as FuzzRoute;
      const kind = random();
      let raw: string;
      let contentType = 'application/json';
      if (kind < 0.7) raw = JSON.stringify(invalidBody(random, route));
      else if (kind < 0.85) raw = MALFORMED[Math.floor(random() * MALFORMED.length)] as string;
      else {
        raw = JSON.stringify(invalidBody(random, route));
        contentType = CONTENT_TYPES[Math.floor(random() * CONTENT_TYPES.length)] as string;
      }
      const answer = await test.api.request('POST', route.path, {
        token: route.token,
        raw,
        headers: contentType ? { 'content-type': contentType } : {},
      });
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      const body = answer.body as { code?: unknown; message?: unknown };
      if (answer.status < 400 || answer.status >= 500 || typeof body?.code !== 'string' || typeof body.message !== 'string') {
        problems.push(`${route.path} ${contentType} ${raw.slice(0, 120)} → ${answer.status} ${JSON.stringify(answer.body)}`);
      }
    };

    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < REQUESTS) await one(next++);
      }),
    );

    expect(problems).toEqual([]);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(REQUESTS);
    expect([...statuses.keys()].every((status) => status >= 400 && status < 500)).toBe(true);
    expect(dumpDatabase(test.dataDir)).toBe(before);
    // And the server still works normally afterwards.
    expect((await test.api.post(`/api/orders/${order.id}/transitions`, TEST_TOKENS.agent, { to: 'accepted' })).status).toBe(200);
  });
});
