/**
 * How many of the rail's cards are on the page while a large rail is first shown. Rendering and
 * laying out 300 cards in one go kept a 2-core counter PC busy for about half a second before
 * anything appeared; the first cards (more than a 4K screen holds) come in the first commit and
 * the rest follow a batch per task, so the cook sees the rail at once and the page stays
 * responsive. Once the whole rail has been shown, everything is shown at once from then on: a new
 * order's card never waits.
 */
export const REVEAL = { firstCards: 30, cardsPerBatch: 40 } as const;

/** Cards to show now: all of them once the rail has been complete, otherwise the revealed part. */
export function cardsToShow(total: number, revealed: number, complete: boolean): number {
  return complete ? total : Math.min(total, revealed);
}

/** The next reveal step, or undefined when every card is shown. */
export function nextReveal(total: number, revealed: number): number | undefined {
  return revealed >= total ? undefined : revealed + REVEAL.cardsPerBatch;
}
