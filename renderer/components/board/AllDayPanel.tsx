import { useTranslation } from 'react-i18next';
import type { AllDayCount } from '../../state/all-day.js';

/** How many of each item the visible tickets need in total. */
export function AllDayPanel({ counts }: { counts: readonly AllDayCount[] }) {
  const { t } = useTranslation();
  return (
    <aside className="all-day" data-testid="all-day-panel" aria-label={t('allDay.title')}>
      <h2 className="all-day-title">{t('allDay.title')}</h2>
      {counts.length === 0 ? (
        <p className="all-day-empty">{t('allDay.empty')}</p>
      ) : (
        <ul className="all-day-list">
          {counts.map(({ name, qty }) => (
            <li key={name} className="all-day-row" data-testid="all-day-row" data-name={name} data-qty={qty}>
              <span className="all-day-qty">{qty}</span>
              <span className="all-day-name">{name}</span>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
