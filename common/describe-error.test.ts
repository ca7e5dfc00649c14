import { describe, expect, it } from 'vitest';
import { describeError } from './describe-error.js';

describe('describeError', () => {
  it('gives the cause code of a failed fetch rather than "fetch failed"', () => {
    // The shape of Node's fetch rejection: TypeError('fetch failed') with the socket error as its cause.
    const socketError = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4810'), { code: 'ECONNREFUSED' });
    expect(describeError(new TypeError('fetch failed', { cause: socketError }))).toBe('ECONNREFUSED');
  });

  it('gives the cause message when the cause has no code', () => {
    expect(describeError(new Error('outer', { cause: new Error('inner reason') }))).toBe('inner reason');
  });

  it("gives an error's own message when it has no cause", () => {
    expect(describeError(new RangeError('out of range'))).toBe('out of range');
  });

  it('turns anything thrown that is not an Error into text', () => {
    expect(describeError('plain text')).toBe('plain text');
    expect(describeError(42)).toBe('42');
    expect(describeError(undefined)).toBe('undefined');
  });
});
