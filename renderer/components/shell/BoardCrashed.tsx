import { useTranslation } from 'react-i18next';

/**
 * The last resort, for a throw above every screen (App itself): instead of a blank page, say what
 * happened and offer a reload, which reconnects and starts from a fresh snapshot.
 */
export function BoardCrashed({ error }: { error: Error }) {
  const { t } = useTranslation();
  return (
    <div className="screen-failed" data-testid="board-crashed" role="alert">
      <h1 className="screen-failed-title">{t('crashed.title')}</h1>
      <p className="screen-failed-detail">{error.message}</p>
      <button type="button" className="button button-primary" onClick={() => location.reload()}>
        {t('crashed.reload')}
      </button>
    </div>
  );
}
