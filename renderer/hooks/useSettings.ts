import { useCallback, useEffect, useState } from 'react';
import type { KitchenApi } from '../../common/kitchen-api.js';
import type { RedactedSettings } from '../../common/settings.js';

/**
 * The agent's settings: the ones the page came with (the agent's first screen), or else loaded
 * once; the settings screen hands back what saveSettings returned.
 */
export function useSettings(api: KitchenApi, onError: (error: unknown) => void, start?: RedactedSettings): [RedactedSettings | undefined, (settings: RedactedSettings) => void] {
  const [settings, setSettings] = useState<RedactedSettings | undefined>(start);
  const known = start !== undefined;
  useEffect(() => {
    if (!known) api.getSettings().then(setSettings, onError);
  }, [api, onError, known]);
  const replace = useCallback((next: RedactedSettings) => setSettings(next), []);
  return [settings, replace];
}
