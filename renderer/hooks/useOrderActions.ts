import { useCallback, useMemo, useState, type Dispatch } from 'react';
import type { KitchenApi } from '../../common/kitchen-api.js';
import type { OrderStatus } from '../../common/order.js';
import type { BoardAction } from '../state/board-state.js';

export interface OrderActions {
  /** Orders with a request in flight: their buttons are disabled so a double tap bumps once. */
  busyIds: ReadonlySet<string>;
  act(orderId: string, to: OrderStatus, reason?: string): Promise<void>;
  dismissConflict(orderId: string): Promise<void>;
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

  const dismissConflict = useCallback(
    (orderId: string) => withBusy(orderId, () => api.dismissConflict({ orderId })),
    [api, withBusy],
  );

  return useMemo(() => ({ busyIds, act, dismissConflict }), [busyIds, act, dismissConflict]);
}
