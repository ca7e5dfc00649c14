import type { BoardSnapshot } from './kitchen-api.js';
import type { BoardSettings } from './settings-lock.js';

/**
 * What the agent renders the board's first screen from when it serves the page (see
 * docs/board.md, "First screen"): the page carries the same data, so the board starts from it and
 * React adopts the server's markup instead of building the rail again.
 */
export interface FirstScreenData {
  snapshot: BoardSnapshot;
  /** What the board needs of the settings: never the rest, which may be behind the settings PIN. */
  settings: BoardSettings;
  /** Date.now() of the render: the cards' timers were drawn at this time. */
  renderedAt: number;
}

/** Turns the board's built index.html and the data into the page to serve. */
export type BoardPageRenderer = (template: string, data: FirstScreenData) => string;
