import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { KitchenApi } from '../../../common/kitchen-api.js';
import { KitchenApiError } from '../../api/kitchen-api-error.js';
import { settingsUnlock } from '../../api/settings-unlock.js';

type Gate = { kind: 'checking' } | { kind: 'open' } | { kind: 'locked' };
type Refusal = { kind: 'wrong'; attemptsLeft: number } | { kind: 'lockedOut'; secondsLeft: number } | { kind: 'other'; message: string };

const numberIn = (details: unknown, key: string): number | undefined => {
  const value = typeof details === 'object' && details !== null ? (details as Record<string, unknown>)[key] : undefined;
  return typeof value === 'number' ? value : undefined;
};

function refusalOf(error: unknown): Refusal {
  if (error instanceof KitchenApiError && error.code === 'SETTINGS_PIN_WRONG') return { kind: 'wrong', attemptsLeft: numberIn(error.details, 'attemptsLeft') ?? 0 };
  if (error instanceof KitchenApiError && error.code === 'SETTINGS_PIN_LOCKED_OUT') return { kind: 'lockedOut', secondsLeft: numberIn(error.details, 'secondsLeft') ?? 60 };
  return { kind: 'other', message: error instanceof Error ? error.message : String(error) };
}

/**
 * What stands before Settings and Reports when a settings PIN is set (issue 20): the screen opens
 * only after the agent took the PIN (unlockSettings). The agent enforces the lock; this only asks.
 * Leaving the screen forgets the unlock, so the next opening asks again.
 */
export function PinGate({ api, children }: { api: KitchenApi; children: ReactNode }) {
  const { t } = useTranslation();
  const [gate, setGate] = useState<Gate>({ kind: 'checking' });
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>();

  useEffect(() => {
    let current = true;
    api.settingsLockStatus().then(
      (status) => {
        if (!current) return;
        setGate({ kind: status.pinSet ? 'locked' : 'open' });
        if (status.lockedOutSeconds) setRefusal({ kind: 'lockedOut', secondsLeft: status.lockedOutSeconds });
      },
      // An agent that cannot say: ask for the PIN; the agent refuses what it must anyway.
      () => current && setGate({ kind: 'locked' }),
    );
    return () => {
      current = false;
      settingsUnlock.forget();
    };
  }, [api]);

  if (gate.kind === 'checking') return <p className="screen-loading">{t('pinGate.checking')}</p>;
  if (gate.kind === 'open') return <>{children}</>;

  const submit = async () => {
    setBusy(true);
    try {
      const unlock = await api.unlockSettings({ pin });
      settingsUnlock.set(unlock.token);
      setRefusal(undefined);
      setGate({ kind: 'open' });
    } catch (error) {
      setRefusal(refusalOf(error));
      setPin('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="pin-gate"
      data-testid="pin-gate"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2>{t('pinGate.title')}</h2>
      <p className="field-hint">{t('pinGate.hint')}</p>
      <div className="field">
        <label className="field-label" htmlFor="pin-gate-input">
          {t('pinGate.label')}
        </label>
        <input
          id="pin-gate-input"
          className="input"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          autoFocus
          maxLength={12}
          data-testid="pin-input"
          value={pin}
          onChange={(event) => setPin(event.target.value.replace(/\D/g, ''))}
        />
      </div>
      {refusal ? (
        <p className="field-error" role="alert" data-testid="pin-refusal">
          {refusal.kind === 'wrong'
            ? t('pinGate.wrong', { left: refusal.attemptsLeft })
            : refusal.kind === 'lockedOut'
              ? t('pinGate.lockedOut', { seconds: refusal.secondsLeft })
              : refusal.message}
        </p>
      ) : null}
      <button type="submit" className="button button-primary" disabled={busy || pin.length === 0} data-testid="pin-unlock">
        {t('pinGate.unlock')}
      </button>
    </form>
  );
}
