import { describe, expect, it } from 'vitest';
import type { DeclaredSectionForm } from '../../common/connector-catalog.js';
import { AgentSettingsSchema, redactSettings } from '../../common/settings.js';
import { declaredSectionPatch, declaredStateFromSettings, newSecretRow } from './declared-form.js';
import type { FieldErrors } from './field-errors.js';

const FORM: DeclaredSectionForm = {
  key: 'app',
  title: 'An app',
  groups: [
    {
      title: 'Connection',
      fields: [
        { kind: 'text', path: 'channel', label: 'Channel', required: true },
        { kind: 'number', path: 'port', label: 'Port' },
        { kind: 'boolean', path: 'useTLS', label: 'TLS', default: true },
        { kind: 'secretRecord', path: 'headers', label: 'Headers', nameLabel: 'Header', valueLabel: 'Value', suggestedName: 'Authorization' },
        { kind: 'text', path: 'map.id', label: 'Order id' },
      ],
    },
  ],
};

/** What the agent answers for a stored section: the header value redacted to its name. */
const storedSettings = () =>
  redactSettings({ ...AgentSettingsSchema.parse({}), app: { channel: 'orders', port: 6001, headers: { Authorization: 'Bearer stored' }, map: { id: 'order.id' } } }, { secrets: [{ path: ['app', 'headers', '*'] }] });

describe('a section built from declared fields', () => {
  it('starts from what the agent stored, secret values never included', () => {
    const state = declaredStateFromSettings(FORM, storedSettings());
    expect(state.values).toEqual({ channel: 'orders', port: '6001', useTLS: true, 'map.id': 'order.id' });
    expect(state.rows.headers?.map(({ name, value, stored }) => ({ name, value, stored }))).toEqual([{ name: 'Authorization', value: '', stored: true }]);
    expect(JSON.stringify(state)).not.toContain('Bearer stored');
  });

  it('goes back as the same section, a stored header sent empty (keep it), nested paths as objects', () => {
    const errors: FieldErrors = {};
    expect(declaredSectionPatch(FORM, declaredStateFromSettings(FORM, storedSettings()), errors)).toEqual({ channel: 'orders', port: 6001, useTLS: true, headers: { Authorization: '' }, map: { id: 'order.id' } });
    expect(errors).toEqual({});
  });

  it('is left out of the patch while neither stored nor edited, and offers the suggested header', () => {
    const fresh = declaredStateFromSettings(FORM, redactSettings(AgentSettingsSchema.parse({})));
    expect(fresh.rows.headers?.map((row) => row.name)).toEqual(['Authorization']);
    expect(declaredSectionPatch(FORM, fresh, {})).toBeUndefined();
  });

  it('names the fields it can refuse itself: a port that is not a number, a value without a header name; an untouched header is no header', () => {
    const state = declaredStateFromSettings(FORM, redactSettings(AgentSettingsSchema.parse({})));
    state.edited = true;
    state.values.port = 'sixty';
    state.rows.headers = [{ ...newSecretRow('Authorization'), value: '' }, { ...newSecretRow(''), value: 'orphan' }, { ...newSecretRow('X-Team'), value: 'team-1' }];
    const errors: FieldErrors = {};
    const patch = declaredSectionPatch(FORM, state, errors);
    expect(errors).toEqual({ 'app.port': 'must be a number', 'app.headers.#1.name': 'name the header' });
    expect(patch?.headers).toEqual({ 'X-Team': 'team-1' });
  });
});
