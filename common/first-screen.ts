import type { BoardSnapshot } from './kitchen-api.js';
import type { RedactedSettings } from './settings.js';

/**
 * What the agent renders the board's first screen from when it serves the page (see
 * docs/board.md, "First screen"): the page carries the same data, so the board starts from it and
 * React adopts the server's markup instead of building the rail again.
 */
export interface FirstScreenData {
  snapshot: BoardSnapshot;
  settings: RedactedSettings;
  /** Date.now() of the render: the cards' timers were drawn at this time. */
  renderedAt: number;
}

/** Turns the board's built index.html and the data into the page to serve. */
export type BoardPageRenderer = (template: string, data: FirstScreenData) => string;
