import { useEffect, useState } from 'react';

export const ROUTES = ['board', 'settings', 'print-log'] as const;
export type Route = (typeof ROUTES)[number];

function routeFromHash(hash: string): Route {
  const name = hash.replace(/^#\/?/, '');
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'board';
}

/** The open tab, kept in the URL hash (#/settings) so a reload or a test can open it directly. */
export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => routeFromHash(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(routeFromHash(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
