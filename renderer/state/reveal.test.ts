import { describe, expect, it } from 'vitest';
import { cardsToShow, nextReveal, REVEAL } from './reveal.js';

describe('revealing a large rail', () => {
  it('shows a short rail whole, at once', () => {
    expect(cardsToShow(12, REVEAL.firstCards, false)).toBe(12);
    expect(nextReveal(12, REVEAL.firstCards)).toBeUndefined();
  });

  it('reveals a long rail in batches until every card is shown', () => {
    const steps: number[] = [];
    let revealed: number = REVEAL.firstCards;
    for (let next = nextReveal(300, revealed); next !== undefined; next = nextReveal(300, revealed)) {
      steps.push(cardsToShow(300, revealed, false));
      revealed = next;
    }
    expect(steps[0]).toBe(REVEAL.firstCards);
    expect(steps.every((shown, i) => i === 0 || shown === (steps[i - 1] as number) + REVEAL.cardsPerBatch)).toBe(true);
    expect(cardsToShow(300, revealed, false)).toBe(300);
  });

  it('shows every card at once after the rail was complete, however many arrive', () => {
    expect(cardsToShow(301, 300, true)).toBe(301);
    expect(cardsToShow(500, 30, true)).toBe(500);
  });
});
