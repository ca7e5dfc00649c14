import { useEffect, useRef, useState } from 'react';
import { cardsToShow, nextReveal, REVEAL } from '../state/reveal.js';

/**
 * Runs `step` once the browser has painted what is on the page now: the next batch must not
 * starve the frame that shows the first cards (Chromium runs a chain of zero-delay timers before
 * rendering, for up to ~100 ms). A hidden or minimised window gets no frames at all, so there it
 * goes by timer alone: the rail must be complete when someone looks.
 */
function afterPaint(step: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (document.visibilityState === 'hidden') {
    timer = setTimeout(step, 0);
    return () => clearTimeout(timer);
  }
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(step, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/** The number of cards to render out of `total` (see state/reveal.ts). */
export function useRevealedCount(total: number): number {
  const [revealed, setRevealed] = useState<number>(REVEAL.firstCards);
  const complete = useRef(false);
  useEffect(() => {
    // An empty rail (still loading, or a quiet moment) is not "complete": the snapshot that
    // follows may hold hundreds of orders.
    if (complete.current || total === 0) return;
    const next = nextReveal(total, revealed);
    if (next === undefined) {
      complete.current = true;
      return;
    }
    return afterPaint(() => setRevealed(next));
  }, [total, revealed]);
  return cardsToShow(total, revealed, complete.current);
}
