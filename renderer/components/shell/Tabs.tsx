import type { Route } from '../../hooks/useRoute.js';

const LABELS: Record<Route, string> = { board: 'Board', settings: 'Settings', 'print-log': 'Print log', counter: 'Counter' };

export function Tabs({ route }: { route: Route }) {
  return (
    <nav className="tabs" aria-label="Screens">
      {(Object.keys(LABELS) as Route[]).map((name) => (
        <a
          key={name}
          href={`#/${name}`}
          className={name === route ? 'tab tab-active' : 'tab'}
          aria-current={name === route ? 'page' : undefined}
          data-testid={`tab-${name}`}
        >
          {LABELS[name]}
        </a>
      ))}
    </nav>
  );
}
