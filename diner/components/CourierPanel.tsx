import { useTranslation } from 'react-i18next';
import type { DinerCourier } from '../../common/diner.js';

function telDigits(phone: string): string {
  return `${phone.trim().startsWith('+') ? '+' : ''}${phone.replace(/\D/g, '')}`;
}

/** Who brings the order, the courier's name and phone (a tel: link) when given, and where to follow it. The link is https only (the backend refuses anything else). */
export function CourierPanel({ courier }: { courier: DinerCourier }) {
  const { t } = useTranslation('diner');
  return (
    <section className="panel" aria-labelledby="courier-title">
      <h2 id="courier-title">{t('courier.title')}</h2>
      <p>
        {courier.vendor}
        {courier.etaMinutes !== undefined ? (
          <span className="eta" data-testid="courier-eta">
            {' · '}
            {t('courier.eta', { count: courier.etaMinutes })}
          </span>
        ) : null}
      </p>
      {courier.name !== undefined || courier.phone !== undefined ? (
        <p className="courier-contact" data-testid="courier-contact">
          {courier.name !== undefined ? <span data-testid="courier-name">{courier.name}</span> : null}
          {courier.name !== undefined && courier.phone !== undefined ? ' · ' : null}
          {courier.phone !== undefined ? (
            // The digits and a leading + only: what a phone's dialer takes from a tel: link.
            <a data-testid="courier-phone" href={`tel:${telDigits(courier.phone)}`}>
              {courier.phone}
            </a>
          ) : null}
        </p>
      ) : null}
      <a className="button button-wide" data-testid="courier-link" href={courier.trackingUrl} target="_blank" rel="noopener noreferrer">
        {t('courier.track')}
      </a>
    </section>
  );
}
