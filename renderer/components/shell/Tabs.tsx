import { useTranslation } from 'react-i18next';
import { ROUTES, type Route } from '../../hooks/useRoute.js';

/** Each route's key in the translation files (`tabs.<key>`, `screenFailed.<key>`). */
export const ROUTE_KEYS = { board: 'board', expo: 'expo', settings: 'settings', 'print-log': 'printLog', counter: 'counter', reports: 'reports', history: 'history' } as const satisfies Record<Route, string>;

export function Tabs({ route }: { route: Route }) {
  const { t } = useTranslation();
  return (
    <nav className="tabs" aria-label={t('tabs.label')}>
      {ROUTES.map((name) => (
        <a
          key={name}
          href={`#/${name}`}
          className={name === route ? 'tab tab-active' : 'tab'}
          aria-current={name === route ? 'page' : undefined}
          data-testid={`tab-${name}`}
        >
          {t(`tabs.${ROUTE_KEYS[name]}`)}
        </a>
      ))}
    </nav>
  );
}
