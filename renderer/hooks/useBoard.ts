import { useCallback, useEffect, useReducer, type Dispatch } from 'react';
import type { BoardSnapshot } from '../../common/kitchen-api.js';
import type { BoardFeed } from '../api/board-feed.js';
import { CLIENT_ERROR_CODES, KitchenApiError } from '../api/kitchen-api-error.js';
import { checkBoardAction, describeDropped } from '../state/board-intake.js';
import { boardReducer, INITIAL_BOARD_STATE, type BoardAction, type BoardState } from '../state/board-state.js';

/**
 * The state a board starts in: empty, or the snapshot the page came with (the agent's first
 * screen), checked like any update. What the check leaves out is reported when the feed's own
 * snapshot, the same orders, comes in.
 */
function startingState(snapshot: BoardSnapshot | undefined): BoardState {
  const checked = snapshot && checkBoardAction({ type: 'snapshot', snapshot }).action;
  return checked ? boardReducer(INITIAL_BOARD_STATE, checked) : INITIAL_BOARD_STATE;
}

/**
 * The board's state: a snapshot to start from, then the agent's live updates (see openBoardFeed).
 * Everything that reaches the state — feed updates, replies to the board's own calls — passes
 * checkBoardAction first: a malformed order is left out and reported, not thrown in the reducer
 * (which runs in App's render, above every error boundary).
 */
export function useBoard(feed: BoardFeed, onError: (error: unknown) => void, start?: BoardSnapshot): [BoardState, Dispatch<BoardAction>] {
  const [state, dispatch] = useReducer(boardReducer, start, startingState);
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
