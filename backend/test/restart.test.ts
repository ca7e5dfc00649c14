import { afterEach, describe, expect, it } from 'vitest';
import { EventsPageSchema } from '../../common/events.js';
import { OrderSchema } from '../../common/order.js';
import { Resources, TEST_TOKENS, sampleInput, startTestBackend, tempDir } from './helpers.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

describe('restart on the same data dir', () => {
  it('keeps orders, jobs, tokens and relay credentials, and the seq and order numbers continue', async () => {
    const dataDir = tempDir(resources);
    // No env tokens: the first start generates them, as in production.
    const first = await startTestBackend(resources, { dataDir, tokens: false });
    const generated = first.backend.tokens;
    expect(first.backend.generatedTokenRoles.sort()).toEqual(['admin', 'agent', 'pos']);
    const pos = generated.pos ?? '';
    const agent = generated.agent ?? '';
    const created = await first.api.post<{ id: string; number: string; customerToken: string }>('/api/orders', pos, sampleInput());
    expect(created.status).toBe(201);
    await first.api.post(`/api/orders/${created.body.id}/transitions`, agent, { to: 'accepted' });
    const before = EventsPageSchema.parse((await first.api.get('/api/events', agent)).body);
    const relayKey = ((await first.api.get<{ key: string }>('/api/agent/config', agent)).body).key;
    await first.backend.close();

    const second = await startTestBackend(resources, { dataDir, tokens: false });
    expect(second.backend.generatedTokenRoles).toEqual([]);
    expect(second.backend.tokens).toEqual({});
    const order = await second.api.get(`/api/orders/${created.body.id}`, agent);
    expect(order.status).toBe(200);
    expect(OrderSchema.parse(order.body)).toMatchObject({ number: created.body.number, status: 'accepted', version: 2 });

    const again = await second.api.post<{ number: string }>('/api/orders', pos, sampleInput());
    expect(again.status).toBe(201);
    expect(again.body.number).toBe('A-002');
    const after = EventsPageSchema.parse((await second.api.get(`/api/events?after=${before.lastSeq}`, agent)).body);
    expect(after.events[0]?.seq).toBe(before.lastSeq + 1);
    expect(after.lastSeq).toBeGreaterThan(before.lastSeq);

    // The customer token still opens its channel; the relay kept its key.
    const auth = await second.api.post('/api/pusher/auth', created.body.customerToken, {
      socket_id: '1.1',
      channel_name: `private-order-${created.body.id}`,
    });
    expect(auth.status).toBe(200);
    expect(((await second.api.get<{ key: string }>('/api/agent/config', agent)).body).key).toBe(relayKey);
    // Env tokens are accepted alongside the stored ones, and only while set.
    expect((await second.api.get('/api/events', TEST_TOKENS.agent)).status).toBe(401);
  });
});

describe('start failures', () => {
  it('names RELAY_PORT when the relay port is taken', async () => {
    const first = await startTestBackend(resources);
    const taken = String(first.backend.relay?.port);
    await expect(startTestBackend(resources, { env: { RELAY_PORT: taken } })).rejects.toThrow(/RELAY_PORT/);
    // The failed start did not damage the data dir.
    const again = await startTestBackend(resources, { dataDir: first.dataDir, env: {} });
    expect((await again.api.get('/api/health')).status).toBe(200);
  });
});
