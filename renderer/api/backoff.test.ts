import { describe, expect, it } from 'vitest';
import { reconnectDelayMs } from './backoff.js';

const noJitter = { baseMs: 500, maxMs: 10_000, jitter: 0 };

describe('reconnectDelayMs', () => {
  it('doubles from the base delay up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map((attempt) => reconnectDelayMs(attempt, noJitter))).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('spreads the delay by the jitter fraction, never past the cap', () => {
    const options = { baseMs: 1000, maxMs: 10_000, jitter: 0.2 };
    expect(reconnectDelayMs(0, options, () => 0)).toBe(800);
    expect(reconnectDelayMs(0, options, () => 1)).toBe(1200);
    expect(reconnectDelayMs(20, options, () => 1)).toBe(10_000);
  });
});
