import { describe, expect, it } from 'vitest';
import { DEFAULT_KEY_MAP } from '../../common/key-map.js';
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

describe('keyToCommand: arrows and a key map (issue 19)', () => {
  const rail = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];

  it('moves the selection with the arrows: left/right along the rail, up/down a row of the grid', () => {
    expect(keyToCommand('ArrowRight', rail, undefined, DEFAULT_KEY_MAP, 3)).toEqual({ kind: 'select', orderId: 'a' });
    expect(keyToCommand('ArrowRight', rail, 'b', DEFAULT_KEY_MAP, 3)).toEqual({ kind: 'select', orderId: 'c' });
    expect(keyToCommand('ArrowLeft', rail, 'b', DEFAULT_KEY_MAP, 3)).toEqual({ kind: 'select', orderId: 'a' });
    expect(keyToCommand('ArrowDown', rail, 'b', DEFAULT_KEY_MAP, 3)).toEqual({ kind: 'select', orderId: 'e' });
    expect(keyToCommand('ArrowUp', rail, 'e', DEFAULT_KEY_MAP, 3)).toEqual({ kind: 'select', orderId: 'b' });
    // Past either end: stays.
    expect(keyToCommand('ArrowLeft', rail, 'a', DEFAULT_KEY_MAP, 3)).toEqual({ kind: 'none' });
    expect(keyToCommand('ArrowDown', rail, 'f', DEFAULT_KEY_MAP, 3)).toEqual({ kind: 'none' });
    expect(keyToCommand('ArrowUp', rail, 'b', DEFAULT_KEY_MAP, 3)).toEqual({ kind: 'none' });
    expect(keyToCommand('ArrowRight', [], undefined)).toEqual({ kind: 'none' });
  });

  it('takes its keys from the map, letters in either case, and keeps 1–9 and Escape whatever the map says', () => {
    const keys = { ...DEFAULT_KEY_MAP, bump: 'b', recall: 'F2', next: 'n', previous: 'p', serve: 'Enter' };
    expect(keyToCommand('B', rail, 'c', keys)).toEqual({ kind: 'bump', orderId: 'c' });
    expect(keyToCommand('Enter', rail, 'c', keys)).toEqual({ kind: 'serve', orderId: 'c' });
    expect(keyToCommand('Enter', rail, undefined, keys)).toEqual({ kind: 'serve', orderId: undefined });
    expect(keyToCommand('F2', rail, 'c', keys)).toEqual({ kind: 'recall' });
    expect(keyToCommand('r', rail, 'c', keys)).toEqual({ kind: 'none' });
    expect(keyToCommand('n', rail, 'c', keys)).toEqual({ kind: 'select', orderId: 'd' });
    expect(keyToCommand('ArrowRight', rail, 'c', keys)).toEqual({ kind: 'none' });
    expect(keyToCommand('2', rail, 'c', keys)).toEqual({ kind: 'select', orderId: 'b' });
    expect(keyToCommand('Escape', rail, 'c', keys)).toEqual({ kind: 'clear' });
  });
});
