/**
 * The diner page's client (diner/api.ts) is built from the route table and checks every answer
 * against the route's customer answer: against the real backend it reads its order, session and
 * events; a 2xx that is not the contract (a proxy's page, another version) is the coded error
 * ANSWER_INVALID, which the page shows as "unreachable", not a crash inside a component.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Resources, startTestBackend } from '../../backend/test/helpers.js';
import { requestPayment } from '../../backend/test/front-of-house.js';
import { DINER_CLIENT_CODES, DinerApi, DinerApiError } from '../../diner/api.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

/** Answers every request 200 with `body`. */
async function oddBackend(body: unknown): Promise<string> {
  const server: Server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  resources.add(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("the diner page's client", () => {
  it('reads its session, order and events from the real backend, checked against the route table', async () => {
    const test = await startTestBackend(resources);
    const order = await test.api.createOrder();
    await requestPayment(test, order.id);
    const diner = new DinerApi(order.customerToken, test.api.baseUrl);
    const session = await diner.session();
    expect(session.orderId).toBe(order.id);
    const view = await diner.order(order.id);
    expect(view).toMatchObject({ id: order.id, number: order.number, payments: [{ status: 'requested', receiptUploaded: false }] });
    const page = await diner.events(order.id, 0);
    expect(page.events.map((event) => event.type)).toEqual(['order.submitted', 'payment.requested']);
  });

  it('turns an answer that is not the contract into the coded error ANSWER_INVALID', async () => {
    const diner = new DinerApi('ct_token', await oddBackend({ orderId: 42, channel: null }));
    const refused = await diner.session().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DinerApiError);
    expect(refused).toMatchObject({ code: DINER_CLIENT_CODES.ANSWER_INVALID, status: 200 });
    expect((refused as Error).message).toContain('GET /api/diner/session');
    const wrongOrder = await diner.order('ord_1').catch((error: unknown) => error);
    expect(wrongOrder).toMatchObject({ code: DINER_CLIENT_CODES.ANSWER_INVALID });
  });
});
