import { useCallback, useEffect, useState } from 'react';
import type { KitchenApi } from '../../common/kitchen-api.js';
import type { BoardSettings } from '../../common/settings-lock.js';

/**
 * What the board needs of the agent's settings (boardSettings: open even with a settings PIN set):
 * the ones the page came with (the agent's first screen), or else loaded once; the settings screen
 * hands back what saveSettings returned.
 */
export function useSettings(api: KitchenApi, onError: (error: unknown) => void, start?: BoardSettings): [BoardSettings | undefined, (settings: BoardSettings) => void] {
  const [settings, setSettings] = useState<BoardSettings | undefined>(start);
  const known = start !== undefined;
  useEffect(() => {
    if (!known) api.boardSettings().then(setSettings, onError);
  }, [api, onError, known]);
  const replace = useCallback((next: BoardSettings) => setSettings(next), []);
  return [settings, replace];
}
