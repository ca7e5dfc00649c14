import { useSyncExternalStore } from 'react';

export const ROUTES = ['board', 'expo', 'settings', 'print-log', 'counter', 'reports', 'history'] as const;
export type Route = (typeof ROUTES)[number];

function routeFromHash(hash: string): Route {
  const name = hash.replace(/^#\/?/, '');
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'board';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const currentRoute = () => routeFromHash(location.hash);
/** The agent renders the board (it never sees the hash); a page opened on another tab switches to it once adopted. */
const serverRoute = (): Route => 'board';

/** The open tab, kept in the URL hash (#/settings) so a reload or a test can open it directly. */
export function useRoute(): Route {
  return useSyncExternalStore(subscribe, currentRoute, serverRoute);
}
