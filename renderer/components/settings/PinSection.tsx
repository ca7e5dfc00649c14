import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KitchenApi } from '../../../common/kitchen-api.js';
import { PIN_PATTERN } from '../../../common/settings-lock.js';
import { KitchenApiError } from '../../api/kitchen-api-error.js';
import { settingsUnlock } from '../../api/settings-unlock.js';
import { ApiErrorLine } from './ApiErrorLine.js';
import { TextField } from './fields.js';

type Outcome = { kind: 'idle' } | { kind: 'done'; message: string } | { kind: 'invalid'; message: string } | { kind: 'refused'; code: string; message: string };

/**
 * The settings PIN (issue 20): set one, change it or remove it. The agent keeps only a salted
 * hash and says only whether one is set; changing or removing it takes the current PIN.
 */
export function PinSection({ api, pinSet, onChanged }: { api: KitchenApi; pinSet: boolean; onChanged: (pinSet: boolean) => void }) {
  const { t } = useTranslation('settings');
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);

  const change = async (pin: string | null) => {
    if (pin !== null && !PIN_PATTERN.test(pin)) return setOutcome({ kind: 'invalid', message: t('pin.format') });
    if (pin !== null && pin !== repeat) return setOutcome({ kind: 'invalid', message: t('pin.mismatch') });
    setBusy(true);
    try {
      const changed = await api.setSettingsPin({ pin, ...(pinSet ? { currentPin: current } : {}) });
      if (changed.unlock) settingsUnlock.set(changed.unlock.token);
      setCurrent('');
      setNext('');
      setRepeat('');
      setOutcome({ kind: 'done', message: pin === null ? t('pin.removed') : t('pin.saved') });
      onChanged(changed.pinSet);
    } catch (error) {
      const code = error instanceof KitchenApiError ? error.code : 'INTERNAL';
      setOutcome({ kind: 'refused', code, message: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="settings-section" aria-labelledby="settings-pin" data-testid="settings-pin">
      <h2 id="settings-pin" className="section-title">
        {t('pin.title')}
      </h2>
      <p className="field-hint">{pinSet ? t('pin.isSet') : t('pin.notSet')}</p>
      {pinSet ? <TextField path="pin.current" label={t('pin.current')} type="password" inputMode="numeric" value={current} error={undefined} onChange={setCurrent} /> : null}
      <TextField path="pin.next" label={pinSet ? t('pin.newPin') : t('pin.pin')} hint={t('pin.hint')} type="password" inputMode="numeric" value={next} error={undefined} onChange={setNext} />
      <TextField path="pin.repeat" label={t('pin.repeat')} type="password" inputMode="numeric" value={repeat} error={undefined} onChange={setRepeat} />
      <div className="field">
        <button type="button" className="button" data-testid="pin-save" disabled={busy || next.length === 0} onClick={() => void change(next)}>
          {pinSet ? t('pin.change') : t('pin.set')}
        </button>
        {pinSet ? (
          <button type="button" className="button" data-testid="pin-remove" disabled={busy || current.length === 0} onClick={() => void change(null)}>
            {t('pin.remove')}
          </button>
        ) : null}
      </div>
      {outcome.kind === 'done' ? (
        <p className="save-status save-ok" role="status" data-testid="pin-outcome">
          {outcome.message}
        </p>
      ) : null}
      {outcome.kind === 'invalid' ? (
        <p className="field-error" role="alert" data-testid="pin-invalid">
          {outcome.message}
        </p>
      ) : null}
      {outcome.kind === 'refused' ? <ApiErrorLine error={outcome} testId="pin-refused" /> : null}
    </section>
  );
}
