import { describe, expect, it } from 'vitest';
import { parseBoardUpdate } from './parse-update.js';

describe('parseBoardUpdate', () => {
  it('reads a BoardUpdate from JSON text', () => {
    expect(parseBoardUpdate('{"type":"order.removed","orderId":"o1"}')).toEqual({ type: 'order.removed', orderId: 'o1' });
  });

  it('ignores garbage, non-text frames and unknown types', () => {
    expect(parseBoardUpdate('not json')).toBeUndefined();
    expect(parseBoardUpdate('42')).toBeUndefined();
    expect(parseBoardUpdate('{"type":"future-thing"}')).toBeUndefined();
    expect(parseBoardUpdate(new ArrayBuffer(2))).toBeUndefined();
  });
});
