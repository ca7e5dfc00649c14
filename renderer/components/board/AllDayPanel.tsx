import type { AllDayCount } from '../../state/all-day.js';

/** How many of each item the visible tickets need in total. */
export function AllDayPanel({ counts }: { counts: readonly AllDayCount[] }) {
  return (
    <aside className="all-day" data-testid="all-day-panel" aria-label="All day">
      <h2 className="all-day-title">All day</h2>
      {counts.length === 0 ? (
        <p className="all-day-empty">Nothing to make</p>
      ) : (
        <ul className="all-day-list">
          {counts.map(({ name, qty }) => (
            <li key={name} className="all-day-row" data-testid="all-day-row" data-name={name} data-qty={qty}>
              <span className="all-day-qty">{qty}</span>
              <span className="all-day-name">{name}</span>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
