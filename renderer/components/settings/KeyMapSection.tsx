import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_KEY_MAP, KEY_ACTIONS, normalizeKey, type KeyAction, type KeyMap } from '../../../common/key-map.js';
import type { FieldErrors } from '../../settings/field-errors.js';

/** Keys that move around the form: pressed in a key field they do their usual job, never get bound. */
const FORM_KEYS = new Set(['Tab', 'Shift', 'Control', 'Alt', 'Meta', 'CapsLock']);

/**
 * One action's key: focus the field and press the key (or the bump bar's button) to bind it —
 * what a bump bar sends is often not something one could type. Backspace on an empty-looking
 * field is a key like any other, so the field is cleared with its own button instead.
 */
function KeyField({ action, value, error, onChange }: { action: KeyAction; value: string; error: string | undefined; onChange: (key: string) => void }) {
  const { t } = useTranslation('settings');
  const path = `display.keys.${action}`;
  const id = `settings-${path.replace(/\./g, '-')}`;
  const capture = (event: KeyboardEvent<HTMLInputElement>) => {
    if (FORM_KEYS.has(event.key) || event.ctrlKey || event.altKey || event.metaKey) return;
    event.preventDefault();
    onChange(normalizeKey(event.key));
  };
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label className="field-label" htmlFor={id}>
        {t(`keyMap.actions.${action}`)}
      </label>
      <input
        id={id}
        className={error ? 'input input-invalid' : 'input'}
        data-testid={`settings-field-${path}`}
        value={value}
        placeholder={t('keyMap.press')}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby={error ? `${id}-error` : undefined}
        onKeyDown={capture}
        onChange={(event) => onChange(event.target.value)}
      />
      {error ? (
        <p id={`${id}-error`} className="field-error" data-testid={`settings-error-${path}`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Settings → Keyboard and bump bar: which key does what on the Board and on Expo (common/key-map.ts). */
export function KeyMapSection({ keys, errors, onChange }: { keys: KeyMap; errors: FieldErrors; onChange: (keys: KeyMap) => void }) {
  const { t } = useTranslation('settings');
  return (
    <section className="settings-section" aria-labelledby="settings-keys">
      <h2 id="settings-keys" className="section-title">
        {t('keyMap.title')}
      </h2>
      <p className="field-hint">{t('keyMap.intro')}</p>
      <div className="field-row field-row-keys">
        {KEY_ACTIONS.map((action) => (
          <KeyField key={action} action={action} value={keys[action]} error={errors[`display.keys.${action}`]} onChange={(key) => onChange({ ...keys, [action]: key })} />
        ))}
      </div>
      <button type="button" className="button" data-testid="settings-keys-defaults" onClick={() => onChange({ ...DEFAULT_KEY_MAP })}>
        {t('keyMap.defaults')}
      </button>
    </section>
  );
}
