import { useCallback, useEffect, useState } from 'react';
import type { KitchenApi } from '../../common/kitchen-api.js';
import type { RedactedSettings } from '../../common/settings.js';

/** The agent's settings, loaded once; the settings screen hands back what saveSettings returned. */
export function useSettings(api: KitchenApi, onError: (error: unknown) => void): [RedactedSettings | undefined, (settings: RedactedSettings) => void] {
  const [settings, setSettings] = useState<RedactedSettings>();
  useEffect(() => {
    api.getSettings().then(setSettings, onError);
  }, [api, onError]);
  const replace = useCallback((next: RedactedSettings) => setSettings(next), []);
  return [settings, replace];
}
