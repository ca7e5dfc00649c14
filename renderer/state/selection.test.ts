import { describe, expect, it } from 'vitest';
import { keyToCommand, selectionAfter } from './selection.js';

const ids = ['a', 'b', 'c'];

describe('keyToCommand', () => {
  it('selects the n-th card with digits 1–9, ignoring digits past the last card and 0', () => {
    expect(keyToCommand('1', ids, undefined)).toEqual({ kind: 'select', orderId: 'a' });
    expect(keyToCommand('3', ids, 'a')).toEqual({ kind: 'select', orderId: 'c' });
    expect(keyToCommand('4', ids, undefined)).toEqual({ kind: 'none' });
    expect(keyToCommand('0', ids, undefined)).toEqual({ kind: 'none' });
  });

  it('bumps the selected card on Enter, and does nothing without a selection on the rail', () => {
    expect(keyToCommand('Enter', ids, 'b')).toEqual({ kind: 'bump', orderId: 'b' });
    expect(keyToCommand('Enter', ids, undefined)).toEqual({ kind: 'none' });
    expect(keyToCommand('Enter', ids, 'gone')).toEqual({ kind: 'none' });
  });

  it('recalls on R or r, clears on Escape, ignores other keys', () => {
    expect(keyToCommand('r', ids, undefined)).toEqual({ kind: 'recall' });
    expect(keyToCommand('R', ids, 'a')).toEqual({ kind: 'recall' });
    expect(keyToCommand('Escape', ids, 'a')).toEqual({ kind: 'clear' });
    expect(keyToCommand('Escape', ids, undefined)).toEqual({ kind: 'none' });
    expect(keyToCommand('x', ids, 'a')).toEqual({ kind: 'none' });
  });
});

describe('selectionAfter', () => {
  it('follows select and clear, and keeps the selection through bump and recall', () => {
    expect(selectionAfter(undefined, { kind: 'select', orderId: 'b' }, ids)).toBe('b');
    expect(selectionAfter('b', { kind: 'clear' }, ids)).toBeUndefined();
    expect(selectionAfter('b', { kind: 'bump', orderId: 'b' }, ids)).toBe('b');
    expect(selectionAfter('b', { kind: 'recall' }, ids)).toBe('b');
  });

  it('drops a selection whose card left the rail', () => {
    expect(selectionAfter('b', { kind: 'none' }, ['a', 'c'])).toBeUndefined();
  });
});
