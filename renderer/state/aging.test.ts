import { describe, expect, it } from 'vitest';
import { agingLevel, formatElapsed } from './aging.js';

const created = '2026-01-01T12:00:00.000Z';
const at = (minutes: number, seconds = 0) => Date.parse(created) + minutes * 60_000 + seconds * 1000;

describe('agingLevel', () => {
  it('is fresh before the amber threshold, amber from it, red from the red threshold (defaults 5/8)', () => {
    expect(agingLevel(created, at(4, 59))).toBe('fresh');
    expect(agingLevel(created, at(5))).toBe('amber');
    expect(agingLevel(created, at(7, 59))).toBe('amber');
    expect(agingLevel(created, at(8))).toBe('red');
  });

  it('follows the thresholds from settings', () => {
    const thresholds = { amberAfterMin: 2, redAfterMin: 3 };
    expect(agingLevel(created, at(1), thresholds)).toBe('fresh');
    expect(agingLevel(created, at(2), thresholds)).toBe('amber');
    expect(agingLevel(created, at(3), thresholds)).toBe('red');
  });

  it('treats an order from the future (clock skew) as fresh', () => {
    expect(agingLevel(created, at(-3))).toBe('fresh');
  });
});

describe('formatElapsed', () => {
  it('shows m:ss, h:mm:ss past an hour, and never a negative time', () => {
    expect(formatElapsed(created, at(0, 7))).toBe('0:07');
    expect(formatElapsed(created, at(12, 30))).toBe('12:30');
    expect(formatElapsed(created, at(65, 4))).toBe('1:05:04');
    expect(formatElapsed(created, at(-1))).toBe('0:00');
  });
});

describe('an order whose creation time cannot be read', () => {
  it.each(['not a date', '', undefined])('shows — instead of a timer, never NaN:NaN (%j)', (bad) => {
    expect(formatElapsed(bad as string, at(3))).toBe('—');
  });

  it('stays fresh: its age is unknown, not infinite', () => {
    expect(agingLevel('not a date', at(60))).toBe('fresh');
  });
});
