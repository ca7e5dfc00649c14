import { describe, expect, it } from 'vitest';
import { stableStringify } from '../stable-json.js';
import { formatOrderNumber } from './orders.js';

describe('formatOrderNumber', () => {
  it('counts A-001 … A-999, then B-001, and stays unique past Z', () => {
    expect([1, 2, 999, 1000, 1998, 1999].map(formatOrderNumber)).toEqual(['A-001', 'A-002', 'A-999', 'B-001', 'B-999', 'C-001']);
    expect(formatOrderNumber(26 * 999)).toBe('Z-999');
    expect(formatOrderNumber(26 * 999 + 1)).toBe('Z-25975');
  });
});

describe('stableStringify', () => {
  it('ignores key order and undefined values, keeps array order', () => {
    expect(stableStringify({ b: 1, a: [2, { d: 1, c: undefined, e: 'é' }] })).toBe('{"a":[2,{"d":1,"e":"é"}],"b":1}');
    expect(stableStringify({ a: 1, b: 2 })).toBe(stableStringify({ b: 2, a: 1 }));
    expect(stableStringify([1, 2])).not.toBe(stableStringify([2, 1]));
  });
});
