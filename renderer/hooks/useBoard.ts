import { useCallback, useEffect, useReducer, type Dispatch } from 'react';
import type { BoardFeed } from '../api/board-feed.js';
import { CLIENT_ERROR_CODES, KitchenApiError } from '../api/kitchen-api-error.js';
import { checkBoardAction, describeDropped } from '../state/board-intake.js';
import { boardReducer, INITIAL_BOARD_STATE, type BoardAction, type BoardState } from '../state/board-state.js';

/**
 * The board's state: a snapshot to start from, then the agent's live updates (see openBoardFeed).
 * Everything that reaches the state — feed updates, replies to the board's own calls — passes
 * checkBoardAction first: a malformed order is left out and reported, not thrown in the reducer
 * (which runs in App's render, above every error boundary).
 */
export function useBoard(feed: BoardFeed, onError: (error: unknown) => void): [BoardState, Dispatch<BoardAction>] {
  const [state, dispatch] = useReducer(boardReducer, INITIAL_BOARD_STATE);
  const checkedDispatch = useCallback(
    (action: BoardAction) => {
      const { action: checked, dropped } = checkBoardAction(action);
      if (dropped.length > 0) onError(new KitchenApiError(CLIENT_ERROR_CODES.UPDATE_INVALID, describeDropped(dropped), dropped));
      if (checked) dispatch(checked);
    },
    [onError],
  );
  useEffect(() => feed.attach(checkedDispatch, onError), [feed, checkedDispatch, onError]);
  return [state, checkedDispatch];
}
