import { useEffect, useReducer, type Dispatch } from 'react';
import type { KitchenApi } from '../../common/kitchen-api.js';
import { boardReducer, INITIAL_BOARD_STATE, type BoardAction, type BoardState } from '../state/board-state.js';
import { createSnapshotGate } from '../state/snapshot-gate.js';

/** The board's state: a snapshot to start from, then the agent's live updates. */
export function useBoard(api: KitchenApi, onError: (error: unknown) => void): [BoardState, Dispatch<BoardAction>] {
  const [state, dispatch] = useReducer(boardReducer, INITIAL_BOARD_STATE);

  useEffect(() => {
    const gate = createSnapshotGate(dispatch);
    const unsubscribe = api.subscribe(gate.push);
    api.getSnapshot().then(gate.fetched, onError);
    return unsubscribe;
  }, [api, onError]);

  return [state, dispatch];
}
