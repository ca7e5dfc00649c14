import type { BoardNotice } from '../../../common/kitchen-api.js';
import { useNow } from '../../hooks/useNow.js';
import { visibleNotices } from '../../state/notices.js';

function timeOf(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/**
 * The counter: gift card sales and loyalty changes as short-lived notices, newest on top. Each
 * leaves the screen after a minute and a half (state/notices.ts); the voucher prints at the
 * counter's printer meanwhile.
 */
export function CounterScreen({ notices }: { notices: readonly BoardNotice[] }) {
  const now = useNow();
  const shown = visibleNotices(notices, now);
  return (
    <section className="counter" aria-labelledby="counter-title">
      <h1 id="counter-title" className="counter-title">
        Counter
      </h1>
      {shown.length === 0 ? (
        <p className="counter-empty" data-testid="counter-empty">
          Gift card sales and loyalty points show here as they happen.
        </p>
      ) : (
        <ul className="counter-notices" data-testid="counter-notices" aria-live="polite">
          {shown.map((notice) => (
            <li key={notice.id} className={`counter-notice counter-notice-${notice.kind.split('.')[0] ?? 'other'}`} data-testid={`notice-${notice.id}`} data-kind={notice.kind}>
              <span className="counter-notice-text">{notice.text}</span>
              <time className="counter-notice-time" dateTime={notice.at}>
                {timeOf(notice.at)}
              </time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
