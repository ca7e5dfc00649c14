import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DinerOrderView } from '../../common/diner.js';
import { ERROR_CODES } from '../../common/errors.js';
import { DinerApiError, type DinerApi } from '../api.js';

type Step = 'idle' | 'confirming' | 'sending';

/**
 * "Cancel order" while the kitchen has not started the order (issue 24): a confirm step first,
 * then the backend cancels it (only while `submitted`). When the kitchen got there first the
 * diner is told so, and the page reads the order again.
 */
export function CancelOrder({ view, api, onChanged }: { view: DinerOrderView; api: DinerApi; onChanged: (next?: DinerOrderView) => void }) {
  const { t } = useTranslation('diner');
  const [step, setStep] = useState<Step>('idle');
  const [problem, setProblem] = useState<'tooLate' | 'failed'>();

  const cancel = () => {
    setStep('sending');
    api
      .cancel(view.id)
      .then((next) => onChanged(next))
      .catch((error: unknown) => {
        setStep('idle');
        const tooLate = error instanceof DinerApiError && error.code === ERROR_CODES.ORDER_TRANSITION_INVALID;
        setProblem(tooLate ? 'tooLate' : 'failed');
        if (tooLate) onChanged();
      });
  };

  if (view.status !== 'submitted') {
    return problem === 'tooLate' ? (
      <p className="notice" role="status" data-testid="cancel-too-late">
        {t('cancel.tooLate')}
      </p>
    ) : null;
  }
  return (
    <section className="panel" aria-labelledby="cancel-title" data-testid="cancel-panel">
      <h2 id="cancel-title">{t('cancel.title')}</h2>
      {step === 'idle' ? (
        <>
          <p>{t('cancel.hint')}</p>
          <button type="button" className="button button-wide" data-testid="cancel-order" onClick={() => setStep('confirming')}>
            {t('cancel.button')}
          </button>
        </>
      ) : (
        <>
          <p role="alert">{t('cancel.confirm')}</p>
          <div className="actions">
            <button type="button" className="button button-danger" data-testid="cancel-confirm" disabled={step === 'sending'} onClick={cancel}>
              {t('cancel.yes')}
            </button>
            <button type="button" className="button" data-testid="cancel-keep" disabled={step === 'sending'} onClick={() => setStep('idle')}>
              {t('cancel.keep')}
            </button>
          </div>
        </>
      )}
      {problem === 'failed' ? (
        <p className="upload-error" role="alert" data-testid="cancel-error">
          {t('cancel.failed')}
        </p>
      ) : null}
    </section>
  );
}
