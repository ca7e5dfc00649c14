import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatClock, formatMoney } from '../../../common/i18n/format.js';
import type { Language } from '../../../common/i18n/languages.js';
import type { KitchenApi } from '../../../common/kitchen-api.js';
import type { OrderHistoryAnswer, OrderHistoryRow } from '../../../common/operations/ticketrail-operations.js';
import { KitchenApiError } from '../../api/kitchen-api-error.js';
import { useErrorText } from '../../i18n/error-text.js';
import { useLanguage } from '../../i18n/useLanguage.js';
import { localDayRange, localDayValue } from './local-day.js';

type Loaded = { status: 'loading' } | { status: 'loaded'; answer: OrderHistoryAnswer } | { status: 'failed'; error: { code: string; message: string } };
type Reprinted = { status: 'idle' } | { status: 'busy' } | { status: 'done'; count: number } | { status: 'failed'; message: string };

const errorBody = (error: unknown) => (error instanceof KitchenApiError ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: String(error) });

interface HistoryScreenProps {
  api: Pick<KitchenApi, 'orderHistory' | 'reprint'>;
  /** Now, as the board's clock says (tests drive it). */
  now?: () => number;
}

/**
 * History (issue 24): one local day's orders, searched by number, name, phone or table, through the
 * agent (the backend's search, or the agent's cache of the last 7 days, which it says). A row opens
 * to its items and a Reprint that prints each of its tickets once more, marked as a reprint.
 */
export function HistoryScreen({ api, now = Date.now }: HistoryScreenProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const errorText = useErrorText();
  const [query, setQuery] = useState('');
  const [day, setDay] = useState(() => localDayValue(new Date(now())));
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [openId, setOpenId] = useState<string | undefined>();

  useEffect(() => {
    const range = localDayRange(day);
    if (!range) return;
    let current = true;
    const q = query.trim();
    api.orderHistory({ ...range, ...(q ? { q } : {}) }).then(
      (answer) => current && setLoaded({ status: 'loaded', answer }),
      (error: unknown) => current && setLoaded({ status: 'failed', error: errorBody(error) }),
    );
    return () => {
      current = false;
    };
  }, [api, query, day]);

  const rows = loaded.status === 'loaded' ? loaded.answer.orders : [];
  const open = rows.find((row) => row.id === openId);
  return (
    <div className="history" data-testid="history">
      <div className="history-filters">
        <input
          type="search"
          className="history-search"
          value={query}
          placeholder={t('history.searchPlaceholder')}
          aria-label={t('history.search')}
          maxLength={100}
          data-testid="history-search"
          onChange={(event) => setQuery(event.target.value)}
        />
        <input type="date" className="history-day" value={day} aria-label={t('history.day')} data-testid="history-day" onChange={(event) => event.target.value && setDay(event.target.value)} />
      </div>
      {loaded.status === 'loaded' && loaded.answer.source === 'cache' ? (
        <p className="history-notice" role="status" data-testid="history-from-cache">
          {t('history.fromCache')}
        </p>
      ) : null}
      {loaded.status === 'failed' ? (
        <p className="history-failed" role="alert" data-testid="history-failed" data-code={loaded.error.code}>
          {t('history.failed', { message: errorText(loaded.error).summary })}
        </p>
      ) : null}
      <div className="history-body">
        <table className="history-rows" data-testid="history-rows">
          <thead>
            <tr>
              <th>{t('history.number')}</th>
              <th>{t('history.status')}</th>
              <th>{t('history.received')}</th>
              <th>{t('history.ready')}</th>
              <th>{t('history.served')}</th>
              <th>{t('history.total')}</th>
              <th>{t('history.payment')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <HistoryRowView key={row.id} row={row} language={language} open={row.id === openId} onOpen={() => setOpenId(row.id === openId ? undefined : row.id)} />
            ))}
          </tbody>
        </table>
        {loaded.status === 'loaded' && rows.length === 0 ? <p className="history-empty" data-testid="history-empty">{t('history.empty')}</p> : null}
        {open ? <HistoryDetail key={open.id} row={open} api={api} /> : null}
      </div>
    </div>
  );
}

/** When the order's last station became ready (the order's own time, as the card's chips show it). */
function readyAt(row: OrderHistoryRow): string | undefined {
  const stations = row.stations ?? [];
  if (stations.length === 0 || stations.some((station) => !station.readyAt)) return undefined;
  return stations.map((station) => station.readyAt ?? '').sort().at(-1);
}

function HistoryRowView({ row, language, open, onOpen }: { row: OrderHistoryRow; language: Language; open: boolean; onOpen: () => void }) {
  const { t } = useTranslation();
  const clock = (iso: string | undefined) => (iso ? formatClock(language, new Date(iso)) : '—');
  const who = [row.customer?.name, row.table].filter(Boolean).join(' · ');
  return (
    <tr className={open ? 'history-row history-row-open' : 'history-row'} data-testid={`history-row-${row.id}`} data-order-number={row.number}>
      <td>
        <button type="button" className="history-open" aria-expanded={open} onClick={onOpen} data-testid="history-open">
          #{row.number}
        </button>
        {who ? <span className="history-who">{who}</span> : null}
      </td>
      <td data-testid="history-status">{t(`history.statuses.${row.status}`)}</td>
      <td>{clock(row.createdAt)}</td>
      <td>{clock(readyAt(row))}</td>
      <td>{clock(row.completedAt)}</td>
      <td>{row.total ? formatMoney(language, row.total.amount, row.total.currency) : '—'}</td>
      <td data-testid="history-payment">{row.paymentStatus ? t(`payment.status.${row.paymentStatus}`) : t('history.noPayment')}</td>
    </tr>
  );
}

/** The order as it was: its lines, and a Reprint of each of its tickets (each printed once, marked REPRINT). */
function HistoryDetail({ row, api }: { row: OrderHistoryRow; api: HistoryScreenProps['api'] }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [reprinted, setReprinted] = useState<Reprinted>({ status: 'idle' });
  const reprint = async () => {
    setReprinted({ status: 'busy' });
    try {
      // One after the other: each ticket once, and a refusal stops the rest rather than half-repeating.
      for (const jobId of row.printJobIds) await api.reprint({ jobId });
      setReprinted({ status: 'done', count: row.printJobIds.length });
    } catch (error) {
      setReprinted({ status: 'failed', message: errorText(errorBody(error)).summary });
    }
  };
  return (
    <section className="history-detail" data-testid="history-detail" aria-label={t('history.detail', { number: row.number })}>
      <h3>{t('history.detail', { number: row.number })}</h3>
      <ul className="history-items">
        {row.items.map((item, index) => (
          <li key={index}>
            <strong>{item.qty}×</strong> {item.name}
            {item.modifiers?.length ? <span className="history-mods"> ({item.modifiers.join(', ')})</span> : null}
            {item.notes ? <em className="history-note"> {item.notes}</em> : null}
          </li>
        ))}
      </ul>
      {row.notes ? <p className="history-note">{row.notes}</p> : null}
      <button type="button" className="history-reprint" disabled={reprinted.status === 'busy' || reprinted.status === 'done' || row.printJobIds.length === 0} onClick={() => void reprint()} data-testid="history-reprint">
        {t('history.reprint')}
      </button>
      {row.printJobIds.length === 0 ? <p className="history-note">{t('history.noTickets')}</p> : null}
      {reprinted.status === 'done' ? <p role="status" data-testid="history-reprinted">{t('history.reprinted', { count: reprinted.count })}</p> : null}
      {reprinted.status === 'failed' ? <p role="alert" data-testid="history-reprint-failed">{t('history.reprintFailed', { message: reprinted.message })}</p> : null}
    </section>
  );
}
