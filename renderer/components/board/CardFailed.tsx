import { useTranslation } from 'react-i18next';
/** Long enough to tell one failure from another; a production React error is a long URL. */
const DETAIL_CHARS = 90;

/**
 * Stands in for a card that threw while rendering, so the kitchen still knows the ticket exists
 * (and can read it from the printed copy) while the rest of the rail carries on. Small on purpose:
 * it is not an order to cook from.
 */
export function CardFailed({ number, orderId, error }: { number: string; orderId: string; error: Error }) {
  const { t } = useTranslation();
  const detail = error.message.length > DETAIL_CHARS ? `${error.message.slice(0, DETAIL_CHARS)}…` : error.message;
  return (
    <article className="card card-failed" data-testid={`card-failed-${number}`} data-order-id={orderId} role="alert" aria-label={t('cardFailed.label', { number })}>
      <p className="card-failed-title">⚠ {t('cardFailed.title', { number })}</p>
      <p className="card-failed-hint">{t('cardFailed.hint')}</p>
      <p className="card-failed-detail" title={error.message}>
        {detail}
      </p>
    </article>
  );
}
