import { useTranslation } from 'react-i18next';
import { formatClock } from '../../../common/i18n/format.js';
import type { BoardNotice } from '../../../common/kitchen-api.js';
import { useNow } from '../../hooks/useNow.js';
import { useLanguage } from '../../i18n/useLanguage.js';
import { visibleNotices } from '../../state/notices.js';
import { noticeText } from './notice-text.js';

/**
 * The counter: gift card sales and loyalty changes as notices, newest on top. They stay for the
 * day (state/notices.ts; the agent keeps today's, so a board opened later shows them too); the
 * voucher prints at the counter's printer meanwhile.
 */
export function CounterScreen({ notices }: { notices: readonly BoardNotice[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const now = useNow();
  const shown = visibleNotices(notices, now);
  return (
    <section className="counter" aria-labelledby="counter-title">
      <h1 id="counter-title" className="counter-title">
        {t('counter.title')}
      </h1>
      {shown.length === 0 ? (
        <p className="counter-empty" data-testid="counter-empty">
          {t('counter.empty')}
        </p>
      ) : (
        <ul className="counter-notices" data-testid="counter-notices" aria-live="polite">
          {shown.map((notice) => (
            <li key={notice.id} className={`counter-notice counter-notice-${notice.kind.split('.')[0] ?? 'other'}`} data-testid={`notice-${notice.id}`} data-kind={notice.kind}>
              <span className="counter-notice-text">{noticeText(t, language, notice)}</span>
              <time className="counter-notice-time" dateTime={notice.at}>
                {formatClock(language, new Date(notice.at))}
              </time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
