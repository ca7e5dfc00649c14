import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../common/errors.js';
import { Resources, eventually, sampleInput, startTestAgent, startTestBackend } from './kitchen-harness.js';

/*
 * Issue 24: the board's History through the agent — the backend's search when it answers, the
 * agent's cache (last 7 days, same matching rules, `source: 'cache'`) when it does not.
 */

const resources = new Resources();
afterEach(() => resources.closeAll());

const DAY_MS = 86_400_000;

describe('order history through the agent', () => {
  it('searches through the backend, then from the cache while the backend is unreachable; older than 7 days it says it cannot', async () => {
    const { backend, api } = await startTestBackend(resources);
    const agent = await startTestAgent(resources, { backendUrl: backend.url, printers: [] });
    const maria = await api.createOrder(sampleInput({ customer: { name: 'María Gómez', phone: '+44 20 7946 0958' } }));
    const other = await api.createOrder(sampleInput({ type: 'dine_in', table: 'Terrace 12' }));
    await eventually('both in the cache', async () => (agent.cache.getOrder(maria.id) && agent.cache.getOrder(other.id) ? true : undefined));

    const now = Date.now();
    const today = { from: new Date(now - DAY_MS).toISOString(), to: new Date(now + DAY_MS).toISOString() };
    const online = await agent.api.orderHistory({ q: 'maria', ...today });
    expect(online).toMatchObject({ source: 'backend', orders: [{ id: maria.id }] });
    expect((await agent.api.orderHistory(today)).orders.map((order) => order.id)).toEqual([other.id, maria.id]);

    await backend.close();
    const cached = await agent.api.orderHistory({ q: '02079460958', ...today });
    expect(cached.source).toBe('cache');
    expect(cached.orders.map((order) => order.id)).toEqual([maria.id]);
    expect((await agent.api.orderHistory({ q: 'MARIA', ...today })).orders.map((order) => order.id)).toEqual([maria.id]);
    expect((await agent.api.orderHistory({ q: 'terrace', ...today })).orders.map((order) => order.id)).toEqual([other.id]);
    expect((await agent.api.orderHistory({ q: maria.number, ...today })).orders.map((order) => order.id)).toEqual([maria.id]);
    expect((await agent.api.orderHistory({ q: 'nobody', ...today })).orders).toEqual([]);
    // Outside the range: nothing, even though the cache holds them.
    expect((await agent.api.orderHistory({ from: new Date(now + DAY_MS).toISOString(), to: new Date(now + 2 * DAY_MS).toISOString() })).orders).toEqual([]);

    const older = { from: new Date(now - 9 * DAY_MS).toISOString(), to: new Date(now - 8 * DAY_MS).toISOString() };
    await expect(agent.api.orderHistory(older)).rejects.toMatchObject({ code: ERROR_CODES.BACKEND_UNREACHABLE });
  });
});
