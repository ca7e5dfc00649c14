import { useEffect, useReducer, type Dispatch } from 'react';
import type { BoardFeed } from '../api/board-feed.js';
import { boardReducer, INITIAL_BOARD_STATE, type BoardAction, type BoardState } from '../state/board-state.js';

/** The board's state: a snapshot to start from, then the agent's live updates (see openBoardFeed). */
export function useBoard(feed: BoardFeed, onError: (error: unknown) => void): [BoardState, Dispatch<BoardAction>] {
  const [state, dispatch] = useReducer(boardReducer, INITIAL_BOARD_STATE);
  useEffect(() => feed.attach(dispatch, onError), [feed, onError]);
  return [state, dispatch];
}
