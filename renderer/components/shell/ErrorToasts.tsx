import { useTranslation } from 'react-i18next';
import type { ErrorReport } from '../../hooks/useErrorReports.js';
import { useErrorText } from '../../i18n/error-text.js';

export function ErrorToasts({ reports, onDismiss }: { reports: ErrorReport[]; onDismiss: (id: number) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (reports.length === 0) return null;
  return (
    <div className="error-toasts" role="alert">
      {reports.map(({ id, error }) => {
        const { summary, detail } = errorText(error);
        return (
        <div key={id} className="error-toast" data-testid="error-toast" data-code={error.code}>
          <span className="error-code">{error.code}</span>
          <span className="error-message">
            {summary}
            {detail ? <span className="error-detail">{detail}</span> : null}
          </span>
          <button type="button" className="button button-quiet" onClick={() => onDismiss(id)} aria-label={t('errors.dismiss')}>
            ✕
          </button>
        </div>
        );
      })}
    </div>
  );
}
