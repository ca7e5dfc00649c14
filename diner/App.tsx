import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DinerOrderView, DinerSession } from '../common/diner.js';
import { DinerApi, DinerApiError } from './api.js';
import { CancelOrder } from './components/CancelOrder.js';
import { ConnectionBadge } from './components/ConnectionBadge.js';
import { CourierPanel } from './components/CourierPanel.js';
import { PaymentPanel } from './components/PaymentPanel.js';
import { StatusTimeline } from './components/StatusTimeline.js';
import { LanguagePicker } from './components/LanguagePicker.js';
import { DinerFeed, type FeedMode } from './live-feed.js';

const isFinal = (view: DinerOrderView) => view.status === 'completed' || view.status === 'cancelled';

/** The diner's page of one order: its number, status, items, payments and courier, kept live. */
export function App({ token }: { token: string }) {
  // Built once for the page, not on every render (a useRef initial value is evaluated each time).
  const { t } = useTranslation('diner');
  const [api] = useState(() => new DinerApi(token));
  const [session, setSession] = useState<DinerSession>();
  const [view, setView] = useState<DinerOrderView>();
  const [mode, setMode] = useState<FeedMode>('polling');
  const [failure, setFailure] = useState<'linkInvalid' | 'unreachable'>();
  const feed = useRef<DinerFeed | undefined>(undefined);
  const reading = useRef<Promise<void> | undefined>(undefined);
  const again = useRef(false);

  // One read at a time; news arriving meanwhile asks for one more read after it.
  const refresh = useCallback(
    (orderId: string) => {
      if (reading.current) {
        again.current = true;
        return;
      }
      reading.current = api
        .order(orderId)
        .then((next) => {
          setView(next);
          if (isFinal(next)) feed.current?.close();
        })
        .catch(() => undefined)
        .finally(() => {
          reading.current = undefined;
          if (again.current) {
            again.current = false;
            refresh(orderId);
          }
        });
    },
    [api],
  );

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const started = await api.session();
      const first = await api.order(started.orderId);
      if (cancelled) return;
      setSession(started);
      setView(first);
      if (isFinal(first)) {
        setMode('closed');
        return;
      }
      feed.current = new DinerFeed(api, started, first.lastSeq, { onNews: () => refresh(started.orderId), onMode: setMode });
      feed.current.start();
    })().catch((error: unknown) => {
      if (!cancelled) setFailure(error instanceof DinerApiError && error.status === 401 ? 'linkInvalid' : 'unreachable');
    });
    return () => {
      cancelled = true;
      feed.current?.stop();
    };
  }, [api, refresh]);

  if (failure) return <p className="failure" role="alert">{t(failure)}</p>;
  if (!view || !session) return <p className="loading">{t('loading')}</p>;
  return (
    <>
      <header className="top">
        <div>
          <p className="eyebrow">{t('order')}</p>
          <h1 className="number" data-testid="diner-number">
            {view.number}
          </h1>
        </div>
        <ConnectionBadge mode={mode} />
      </header>
      <StatusTimeline status={view.status} cancelledBy={view.cancelledBy} />
      <CancelOrder
        view={view}
        api={api}
        onChanged={(next) => {
          if (!next) return refresh(view.id);
          setView(next);
          if (isFinal(next)) {
            feed.current?.close();
            setMode('closed');
          }
        }}
      />
      {view.payments.map((payment) => (
        <PaymentPanel key={payment.id} payment={payment} api={api} onUploaded={() => refresh(view.id)} />
      ))}
      {view.courier ? <CourierPanel courier={view.courier} /> : null}
      <section className="panel" aria-labelledby="items-title">
        <h2 id="items-title">{t('items')}</h2>
        <ul className="items" data-testid="diner-items">
          {view.items.map((item, index) => (
            <li key={index}>
              <span className="qty">{item.qty}×</span> {item.name}
              {item.modifiers.length > 0 ? <span className="modifiers"> ({item.modifiers.join(', ')})</span> : null}
            </li>
          ))}
        </ul>
      </section>
      <LanguagePicker />
    </>
  );
}
