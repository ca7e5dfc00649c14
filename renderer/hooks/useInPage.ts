import { useSyncExternalStore } from 'react';

const noChanges = () => () => undefined;
const inPage = () => true;
const onAgent = () => false;

/**
 * False while the agent renders the first screen and while the page adopts it, true from then on
 * (and from the start of a page that renders itself). For what only the page can know and the agent
 * would get wrong — the kitchen's time zone: a clock text drawn in the agent's zone would differ
 * from the page's, and React would render the whole board again instead of adopting it.
 */
export function useInPage(): boolean {
  return useSyncExternalStore(noChanges, inPage, onAgent);
}
