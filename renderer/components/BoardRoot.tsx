import { App, type AppProps } from './App.js';
import { BoardCrashed } from './shell/BoardCrashed.js';
import { ErrorBoundary } from './shell/ErrorBoundary.js';

/**
 * The board's whole tree, as the page renders it and as the agent renders its first screen: the
 * two must be the same for React to adopt the agent's markup (main.tsx, first-screen/board-page.tsx).
 */
export function BoardRoot(props: AppProps) {
  return (
    // Screens and cards have boundaries of their own; this one catches what App itself throws.
    <ErrorBoundary fallback={(error) => <BoardCrashed error={error} />}>
      <App {...props} />
    </ErrorBoundary>
  );
}
