import { afterEach, describe, expect, it } from 'vitest';
import type { OrdersPage } from '../../common/order.js';
import type { PrintJobsPage } from '../../common/print-job.js';
import { Resources, TEST_TOKENS, startTestBackend } from './helpers.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

describe('lookup by ids', () => {
  it('answers the orders and jobs among the ids, whatever their status, leaving unknown ids out', async () => {
    const { api } = await startTestBackend(resources);
    const [first, second] = [await api.createOrder(), await api.createOrder()];
    await api.post(`/api/orders/${first.id}/transitions`, TEST_TOKENS.admin, { to: 'cancelled', reason: 'test' });

    const orders = await api.get<OrdersPage>(`/api/orders?ids=${second.id},nope,${first.id},${first.id}`, TEST_TOKENS.agent);
    expect(orders.status).toBe(200);
    expect(orders.body.orders.map((order) => [order.id, order.status])).toEqual([
      [first.id, 'cancelled'],
      [second.id, 'submitted'],
    ]);
    expect(orders.body.nextCursor).toBeNull();

    const all = await api.get<PrintJobsPage>(`/api/print-jobs?limit=10`, TEST_TOKENS.agent);
    const ids = all.body.jobs.map((job) => job.id);
    const jobs = await api.get<PrintJobsPage>(`/api/print-jobs?ids=${ids.slice(1).join(',')}`, TEST_TOKENS.agent);
    expect(jobs.body.jobs.map((job) => job.id)).toEqual(ids.slice(1));
  });

  it.each([
    ['empty', ''],
    ['too many', Array.from({ length: 101 }, (_, i) => `ord_${i}`).join(',')],
    ['bad characters', 'ord_1,ord 2'],
  ])('refuses %s id lists with 400', async (_label, ids) => {
    const { api } = await startTestBackend(resources);
    const response = await api.get<{ code: string }>(`/api/orders?ids=${encodeURIComponent(ids)}`, TEST_TOKENS.agent);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
  });
});
