import { useTranslation } from 'react-i18next';
import type { DinerCourier } from '../../common/diner.js';

/** Who brings the order and where to follow it. The link is https only (the backend refuses anything else). */
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
      <a className="button button-wide" data-testid="courier-link" href={courier.trackingUrl} target="_blank" rel="noopener noreferrer">
        {t('courier.track')}
      </a>
    </section>
  );
}
