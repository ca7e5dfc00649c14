import { describe, expect, it } from 'vitest';
import { redactSecrets, secretPathsIn, withoutValueAt, withValueAt } from './secret-settings.js';

describe('declared secrets', () => {
  const settings = {
    agentToken: 'agent-token-1',
    source: { key: 'public-key', headers: { Authorization: 'Bearer abc', 'X-Empty': '' }, nested: { secret: '' } },
  };

  it('name a leaf, or every value of a record', () => {
    expect(secretPathsIn(settings, { path: ['agentToken'] })).toEqual([['agentToken']]);
    expect(secretPathsIn(settings, { path: ['source', 'headers', '*'] })).toEqual([
      ['source', 'headers', 'Authorization'],
      ['source', 'headers', 'X-Empty'],
    ]);
    expect(secretPathsIn(settings, { path: ['missing', '*'] })).toEqual([]);
    expect(secretPathsIn(settings, { path: ['missing'] })).toEqual([]);
  });

  it('are redacted to whether they are set: a leaf to xSet, a record to the names whose value is set', () => {
    const redacted = redactSecrets(settings, [{ path: ['agentToken'] }, { path: ['source', 'headers', '*'] }, { path: ['source', 'nested', 'secret'] }]);
    expect(redacted).toEqual({
      agentTokenSet: true,
      source: { key: 'public-key', headersSet: ['Authorization'], nested: { secretSet: false } },
    });
    expect(JSON.stringify(redacted)).not.toContain('Bearer abc');
  });

  it('leave a section that is absent alone', () => {
    expect(redactSecrets({ other: 1 }, [{ path: ['source', 'headers', '*'] }, { path: ['hosted', 'secret'] }])).toEqual({ other: 1 });
  });

  it('are edited on copies', () => {
    const original = { a: { b: 'x' } };
    expect(withValueAt(original, ['a', 'c'], 'y')).toEqual({ a: { b: 'x', c: 'y' } });
    expect(withoutValueAt(original, ['a', 'b'])).toEqual({ a: {} });
    expect(original).toEqual({ a: { b: 'x' } });
  });
});
