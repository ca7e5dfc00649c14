import type { OrderStatus } from '../../common/order-status.js';

const STEPS: { status: OrderStatus; label: string }[] = [
  { status: 'submitted', label: 'Received' },
  { status: 'accepted', label: 'Preparing' },
  { status: 'ready', label: 'Ready' },
  { status: 'completed', label: 'Completed' },
];
const ORDER: Record<OrderStatus, number> = { submitted: 0, accepted: 1, ready: 2, completed: 3, cancelled: -1 };

/** Where the order is: each step done, the current one marked; a cancelled order says so instead. */
export function StatusTimeline({ status }: { status: OrderStatus }) {
  if (status === 'cancelled') {
    return (
      <p className="status-cancelled" data-testid="diner-status" data-status={status}>
        This order was cancelled.
      </p>
    );
  }
  const current = ORDER[status];
  return (
    <ol className="timeline" data-testid="diner-status" data-status={status} aria-label="Order status">
      {STEPS.map((step, index) => (
        <li key={step.status} className={index < current ? 'step step-done' : index === current ? 'step step-current' : 'step'} aria-current={index === current ? 'step' : undefined}>
          {step.label}
        </li>
      ))}
    </ol>
  );
}
