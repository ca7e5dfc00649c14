import { useCallback, useMemo, useState, type Dispatch } from 'react';
import type { KitchenApi, ReceiptView } from '../../common/kitchen-api.js';
import type { OrderStatus } from '../../common/order.js';
import type { StationAction } from '../../common/order-stations.js';
import type { RailOrder } from '../../common/kitchen-api.js';
import type { BoardAction } from '../state/board-state.js';
import type { RequestPaymentInput, SetCourierInput } from '../../common/operations/ticketrail-operations.js';

export interface OrderActions {
  /** Orders with a request in flight: their buttons are disabled so a double tap bumps once. */
  busyIds: ReadonlySet<string>;
  act(orderId: string, to: OrderStatus, reason?: string): Promise<void>;
  dismissConflict(orderId: string): Promise<void>;
  /** One station's part of the order: bumped (`ready`) or brought back (`recall`). */
  station(orderId: string, station: string, action: StationAction): Promise<void>;
  /** A card's line struck through, or taken back (kept by the agent, shown on every board). */
  toggleItem(orderId: string, itemIndex: number): Promise<void>;
  /** A served order back on the rail as ready. */
  recallOrder(orderId: string): Promise<void>;
  /** The orders served last (the most recent first), or undefined when they could not be had (the error is reported). */
  recentlyCompleted(): Promise<RailOrder[] | undefined>;
  /** A card's payment (front of house), through the agent. */
  verifyPayment(orderId: string, paymentId: string): Promise<void>;
  rejectPayment(orderId: string, paymentId: string, reason: string): Promise<void>;
  /** The receipt image, or undefined when it could not be had (the error is reported). */
  viewReceipt(paymentId: string): Promise<ReceiptView | undefined>;
  /** Issue 24: ask the diner for a payment, or set the courier; queued by the agent like a move. */
  requestPayment(input: RequestPaymentInput): Promise<void>;
  setCourier(input: SetCourierInput): Promise<void>;
}

export function useOrderActions(api: KitchenApi, dispatch: Dispatch<BoardAction>, onError: (error: unknown) => void): OrderActions {
  const [busyIds, setBusyIds] = useState<ReadonlySet<string>>(new Set());

  const withBusy = useCallback(
    async (orderId: string, work: () => Promise<void>) => {
      setBusyIds((current) => new Set(current).add(orderId));
      try {
        await work();
      } catch (error) {
        onError(error);
      } finally {
        setBusyIds((current) => {
          const next = new Set(current);
          next.delete(orderId);
          return next;
        });
      }
    },
    [onError],
  );

  const act = useCallback(
    (orderId: string, to: OrderStatus, reason?: string) =>
      withBusy(orderId, async () => {
        const order = await api.orderAction(reason === undefined ? { orderId, to } : { orderId, to, reason });
        dispatch({ type: 'order', order });
      }),
    [api, dispatch, withBusy],
  );

  const station = useCallback(
    (orderId: string, name: string, action: StationAction) =>
      withBusy(orderId, async () => {
        const input = { orderId, station: name };
        dispatch({ type: 'order', order: action === 'ready' ? await api.bumpStation(input) : await api.recallStation(input) });
      }),
    [api, dispatch, withBusy],
  );
  const recallOrder = useCallback(
    (orderId: string) => withBusy(orderId, async () => dispatch({ type: 'order', order: await api.recallOrder({ orderId }) })),
    [api, dispatch, withBusy],
  );
  // Not behind busyIds: a cook ticks several lines in a row, and each tap is its own toggle.
  const toggleItem = useCallback(
    async (orderId: string, itemIndex: number) => {
      try {
        dispatch({ type: 'order', order: await api.toggleItemDone({ orderId, itemIndex }) });
      } catch (error) {
        onError(error);
      }
    },
    [api, dispatch, onError],
  );
  const recentlyCompleted = useCallback(async () => {
    try {
      return await api.recentlyCompleted();
    } catch (error) {
      onError(error);
      return undefined;
    }
  }, [api, onError]);

  const dismissConflict = useCallback(
    (orderId: string) => withBusy(orderId, () => api.dismissConflict({ orderId })),
    [api, withBusy],
  );

  const verifyPayment = useCallback(
    (orderId: string, paymentId: string) => withBusy(orderId, async () => dispatch({ type: 'order', order: await api.verifyPayment({ paymentId }) })),
    [api, dispatch, withBusy],
  );
  const rejectPayment = useCallback(
    (orderId: string, paymentId: string, reason: string) => withBusy(orderId, async () => dispatch({ type: 'order', order: await api.rejectPayment({ paymentId, reason }) })),
    [api, dispatch, withBusy],
  );
  const viewReceipt = useCallback(
    async (paymentId: string) => {
      try {
        return await api.viewReceipt({ paymentId });
      } catch (error) {
        onError(error);
        return undefined;
      }
    },
    [api, onError],
  );

  const requestPayment = useCallback(
    (input: RequestPaymentInput) => withBusy(input.orderId, async () => dispatch({ type: 'order', order: await api.requestPayment(input) })),
    [api, dispatch, withBusy],
  );
  const setCourier = useCallback(
    (input: SetCourierInput) => withBusy(input.orderId, async () => dispatch({ type: 'order', order: await api.setCourier(input) })),
    [api, dispatch, withBusy],
  );

  return useMemo(
    () => ({ busyIds, act, dismissConflict, station, toggleItem, recallOrder, recentlyCompleted, verifyPayment, rejectPayment, viewReceipt, requestPayment, setCourier }),
    [busyIds, act, dismissConflict, station, toggleItem, recallOrder, recentlyCompleted, verifyPayment, rejectPayment, viewReceipt, requestPayment, setCourier],
  );
}
