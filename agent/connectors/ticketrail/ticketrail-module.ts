import type { Order } from '../../../common/order.js';
import { stationStep } from '../../../common/order-step.js';
import { isoNow } from '../../../common/clock.js';
import type { SourceModule } from '../source-module.js';
import { BackendClient } from './backend-client.js';
import { FrontOfHouseCache } from './front-of-house/front-of-house-cache.js';
import { frontOfHouseExtras } from './front-of-house/front-of-house-extras.js';
import { PaymentActions } from './front-of-house/payment-actions.js';
import { BoardRequests } from './front-of-house/board-requests.js';
import { orderHistory } from './order-history.js';
import { TicketRailConnector } from './ticketrail-connector.js';
import { TICKETRAIL_OUTBOX, ticketRailOutboxKinds, type OrderStationBody, type OrderTransitionBody } from './ticketrail-outbox.js';
import { testTicketRailConnection } from './ticketrail-test-connection.js';
import { serviceReport } from './service-report.js';
import { printDaySummary } from './day-summary.js';

/** TicketRail's cache keeps the file name it always had. */
export const TICKETRAIL_CACHE_FILE = 'agent-cache.sqlite';

/**
 * TicketRail's own backend as a source of work: orders and print jobs from its event log (Pusher is
 * the doorbell), jobs claimed with a lease, kitchen actions and outcomes through the outbox, a
 * card's payments and courier from their events. Its ids are the backend's own (no prefix).
 */
export const ticketRailModule: SourceModule = {
  name: 'ticketrail',
  role: 'connector',
  idPrefix: '',
  cacheFile: TICKETRAIL_CACHE_FILE,
  catalog: {
    label: 'TicketRail backend',
    hint: "TicketRail's own backend (orders, print jobs, payments), over its event log and Pusher channels",
    backendUrl: { label: 'Backend URL', hint: 'http:// or https:// address of the TicketRail backend' },
    agentToken: true,
    realtime: true,
  },
  attach(ports) {
    const { cache, settings, outbox, board, logger, clock, leaseMs, driver } = ports;
    const backend = new BackendClient(() => ({ baseUrl: settings.get().backendUrl, token: settings.get().agentToken }));
    const frontOfHouse = new FrontOfHouseCache(cache.db);
    const payments = new PaymentActions({ frontOfHouse, board, backend });
    const requests = new BoardRequests({ cache, outbox, board, clock, connection: ports.connection });
    return {
      outboxKinds: ticketRailOutboxKinds(backend),
      cardExtras: frontOfHouseExtras(frontOfHouse),
      operations: {
        viewReceipt: ({ paymentId }) => payments.viewReceipt(paymentId),
        async verifyPayment({ paymentId }) {
          const order = await payments.verify(paymentId);
          // Drawers set to open on a verified payment open now; the answer does not wait for them.
          ports.drawers.paymentVerified();
          return order;
        },
        rejectPayment: ({ paymentId, reason }) => payments.reject(paymentId, reason),
        requestPayment: async (input) => requests.requestPayment(input),
        setCourier: async (input) => requests.setCourier(input),
        orderHistory: (input) => orderHistory({ backend, cache, frontOfHouse, clock }, input),
        serviceReport: (query) => serviceReport(backend, settings.get().connector, query),
        printDaySummary: (input) => printDaySummary({ backend, settings: () => settings.get(), driver, clock }, input),
      },
      testConnection: () => testTicketRailConnection(backend, settings, logger),
      /** A new job at the backend (the only way a ticket prints again), queued here. */
      async reprint(jobId) {
        const job = await backend.reprintJob(jobId);
        cache.putJob(job);
        return job;
      },
      /** Applied at once on the card, delivered through the outbox; offline it is marked unconfirmed. */
      moveCard(order, to, reason) {
        const body: OrderTransitionBody = { to, ...(reason ? { reason } : {}) };
        const optimistic: Order = { ...order, status: to, updatedAt: isoNow(clock), ...(to === 'cancelled' && reason ? { cancelReason: reason } : {}) };
        outbox.enqueue(TICKETRAIL_OUTBOX.orderTransition, order.id, body, () => {
          cache.putOrder(optimistic);
          cache.setOrderFlags(order.id, { unconfirmed: ports.connection().mode !== 'live' });
        });
        return optimistic;
      },
      /**
       * The backend's own moves (common/order-step.ts) shown at once — the last station makes the
       * card ready — at the version the card has: the backend's events, with their versions, then
       * apply on top. Delivered through the outbox in order with the card's other actions.
       */
      moveStation(order, station, action) {
        const step = stationStep(order, station, action, isoNow(clock));
        // Nothing to move (already ready, or already pending): the backend would answer the order unchanged.
        if (step.events.length === 0) return order;
        const optimistic: Order = { ...step.order, version: order.version };
        const body: OrderStationBody = { station, action };
        outbox.enqueue(TICKETRAIL_OUTBOX.orderStation, order.id, body, () => {
          cache.putOrder(optimistic);
          cache.setOrderFlags(order.id, { unconfirmed: ports.connection().mode !== 'live' });
        });
        return optimistic;
      },
      connector: () => new TicketRailConnector({ cache, backend, outbox, frontOfHouse, settings: () => settings.get(), logger, clock, leaseMs }),
    };
  },
};
