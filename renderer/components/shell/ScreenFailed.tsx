import { useTranslation } from 'react-i18next';
import type { Route } from '../../hooks/useRoute.js';
import { ROUTE_KEYS } from './Tabs.js';

/** The names the screens had in `data-screen` before they were translated: tests and logs read them. */
const SCREEN_NAMES: Record<Route, string> = { board: 'board', expo: 'expo', settings: 'settings', 'print-log': 'print log', counter: 'counter', reports: 'reports', history: 'history' };

/** What a screen shows instead of itself when it threw while rendering: the rest of the app lives. */
export function ScreenFailed({ route, error, onRetry }: { route: Route; error: Error; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="screen-failed" data-testid="screen-failed" data-screen={SCREEN_NAMES[route]} role="alert">
      <h2 className="screen-failed-title">{t(`screenFailed.${ROUTE_KEYS[route]}`)}</h2>
      <p className="screen-failed-detail">{error.message}</p>
      <button type="button" className="button button-primary" data-testid="screen-retry" onClick={onRetry}>
        {t('screenFailed.retry')}
      </button>
    </div>
  );
}
