import type { DinerCourier } from '../../common/diner.js';

/** Who brings the order and where to follow it. The link is https only (the backend refuses anything else). */
export function CourierPanel({ courier }: { courier: DinerCourier }) {
  return (
    <section className="panel" aria-labelledby="courier-title">
      <h2 id="courier-title">Delivery</h2>
      <p>
        {courier.vendor}
        {courier.etaMinutes !== undefined ? (
          <span className="eta" data-testid="courier-eta">
            {' '}
            · arriving in about {courier.etaMinutes} min
          </span>
        ) : null}
      </p>
      <a className="button button-wide" data-testid="courier-link" href={courier.trackingUrl} target="_blank" rel="noopener noreferrer">
        Track your delivery
      </a>
    </section>
  );
}
