/** Long enough to tell one failure from another; a production React error is a long URL. */
const DETAIL_CHARS = 90;

/**
 * Stands in for a card that threw while rendering, so the kitchen still knows the ticket exists
 * (and can read it from the printed copy) while the rest of the rail carries on. Small on purpose:
 * it is not an order to cook from.
 */
export function CardFailed({ number, orderId, error }: { number: string; orderId: string; error: Error }) {
  const detail = error.message.length > DETAIL_CHARS ? `${error.message.slice(0, DETAIL_CHARS)}…` : error.message;
  return (
    <article className="card card-failed" data-testid={`card-failed-${number}`} data-order-id={orderId} role="alert" aria-label={`Order ${number} could not be shown`}>
      <p className="card-failed-title">⚠ This ticket could not be shown — #{number}</p>
      <p className="card-failed-hint">Use the printed ticket.</p>
      <p className="card-failed-detail" title={error.message}>
        {detail}
      </p>
    </article>
  );
}
