import type { i18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { App, type AppProps } from './App.js';
import { BoardCrashed } from './shell/BoardCrashed.js';
import { ErrorBoundary } from './shell/ErrorBoundary.js';

export interface BoardRootProps extends AppProps {
  /** The board's words in its language (i18n/board-i18n.ts), ready before the first render. */
  i18n: i18n;
}

/**
 * The board's whole tree, as the page renders it and as the agent renders its first screen: the
 * two must be the same for React to adopt the agent's markup (main.tsx, first-screen/board-page.tsx).
 */
export function BoardRoot({ i18n, ...props }: BoardRootProps) {
  return (
    <I18nextProvider i18n={i18n}>
      {/* Screens and cards have boundaries of their own; this one catches what App itself throws. */}
      <ErrorBoundary fallback={(error) => <BoardCrashed error={error} />}>
        <App {...props} />
      </ErrorBoundary>
    </I18nextProvider>
  );
}
