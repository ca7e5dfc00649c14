import { createContext, useContext, useSyncExternalStore } from 'react';

/**
 * One shared clock, ticking every second while anything on screen shows time. Only the
 * components that read it re-render on a tick (each card's timer, the rail's aging), never the
 * whole board.
 */
const TICK_MS = 1000;
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function tick(): void {
  now = Date.now();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    now = Date.now();
    timer = setInterval(tick, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

const currentNow = () => now;

/**
 * The time the agent rendered the first screen at (FirstScreenData.renderedAt). React reads the
 * clock through it while rendering on the agent and while adopting that markup in the page, so
 * the timers match the server's text; the real time follows straight after.
 */
export const RenderedAtContext = createContext<number | undefined>(undefined);

/** The current time (ms), refreshed every second. */
export function useNow(): number {
  const renderedAt = useContext(RenderedAtContext);
  return useSyncExternalStore(subscribe, currentNow, () => renderedAt ?? now);
}
