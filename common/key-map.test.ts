import { describe, expect, it } from 'vitest';
import { DEFAULT_KEY_MAP, actionOfKey, duplicateBindings, normalizeKey } from './key-map.js';
import { DisplaySettingsSchema } from './settings.js';

describe('the board key map (issue 19)', () => {
  it('binds each default key once and reads letters in either case, the space bar as Space', () => {
    expect(duplicateBindings(DEFAULT_KEY_MAP).size).toBe(0);
    expect(actionOfKey(DEFAULT_KEY_MAP, 'R')).toBe('recall');
    expect(actionOfKey(DEFAULT_KEY_MAP, 'Enter')).toBe('bump');
    expect(normalizeKey(' ')).toBe('Space');
    expect(actionOfKey({ ...DEFAULT_KEY_MAP, bump: 'Space' }, ' ')).toBe('bump');
  });

  it('names every action sharing a key, whatever the case', () => {
    expect(duplicateBindings({ ...DEFAULT_KEY_MAP, serve: 'R' })).toEqual(
      new Map([
        ['recall', ['serve']],
        ['serve', ['recall']],
      ]),
    );
  });

  it('is checked in the settings: defaults filled in, a key bound twice or a reserved key refused on its field', () => {
    expect(DisplaySettingsSchema.parse({}).keys).toEqual(DEFAULT_KEY_MAP);
    const twice = DisplaySettingsSchema.safeParse({ keys: { bump: 'x', serve: 'X' } });
    expect(twice.success).toBe(false);
    expect(twice.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['keys.bump', 'keys.serve']);
    const reserved = DisplaySettingsSchema.safeParse({ keys: { bump: '5' } });
    expect(reserved.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['keys.bump']);
    expect(DisplaySettingsSchema.safeParse({ keys: { bump: '' } }).success).toBe(false);
    expect(DisplaySettingsSchema.safeParse({ keys: { bump: 'b', jump: 'j' } }).success).toBe(false);
  });
});
