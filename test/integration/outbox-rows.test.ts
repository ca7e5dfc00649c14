import { afterEach, describe, expect, it } from 'vitest';
import type { AgentLogger } from '../../agent/ports.js';
import type { Order } from '../../common/order.js';
import { Resources, TEST_TOKENS, eventually, startTestAgent, startTestBackend } from './kitchen-harness.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

describe('outbox rows read back from SQLite', () => {
  it('drops a row that is not JSON or not its kind\'s shape, logs it, and delivers the rows behind it', async () => {
    const { backend, api } = await startTestBackend(resources);
    const errors: { message: string; fields?: Record<string, unknown> }[] = [];
    const logger: AgentLogger = { info: () => undefined, warn: () => undefined, error: (message, fields) => errors.push({ message, ...(fields ? { fields } : {}) }) };
    const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [], realtime: false, logger });
    const order = await api.createOrder();
    await eventually('card', async () => (await agent.api.getSnapshot()).orders.find((o) => o.id === order.id));

    // A damaged file, or one written by another version: the rows ahead of the kitchen's next action.
    const insert = agent.cache.db.prepare('INSERT INTO outbox (kind, target_id, body, created_at) VALUES (?, ?, ?, ?)');
    insert.run('order.transition', order.id, '{"to": "accep', new Date().toISOString());
    insert.run('order.transition', order.id, JSON.stringify({ to: 'printing' }), new Date().toISOString());

    await agent.api.orderAction({ orderId: order.id, to: 'accepted' });
    await eventually('the action at the backend', async () =>
      (await api.get<Order>(`/api/orders/${order.id}`, TEST_TOKENS.admin)).body.status === 'accepted' ? true : undefined, 3_000);
    await eventually('outbox empty', () => (agent.cache.outbox().length === 0 ? true : undefined));
    const problems = errors.filter((entry) => entry.message.includes('cannot be read')).map((entry) => entry.fields?.problem);
    expect(problems).toEqual([expect.stringMatching(/not JSON/), expect.stringMatching(/fails validation: body.to:/)]);
  });
});
