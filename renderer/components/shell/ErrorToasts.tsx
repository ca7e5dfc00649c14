import type { ErrorReport } from '../../hooks/useErrorReports.js';

export function ErrorToasts({ reports, onDismiss }: { reports: ErrorReport[]; onDismiss: (id: number) => void }) {
  if (reports.length === 0) return null;
  return (
    <div className="error-toasts" role="alert">
      {reports.map(({ id, error }) => (
        <div key={id} className="error-toast" data-testid="error-toast" data-code={error.code}>
          <span className="error-code">{error.code}</span>
          <span className="error-message">{error.message}</span>
          <button type="button" className="button button-quiet" onClick={() => onDismiss(id)} aria-label="Dismiss error">
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
