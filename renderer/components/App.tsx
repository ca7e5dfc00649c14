import { useMemo, type CSSProperties } from 'react';
import type { BoardClient } from '../api/board-client.js';
import { useAgentLink } from '../hooks/useAgentLink.js';
import { useBoard } from '../hooks/useBoard.js';
import { useErrorReports } from '../hooks/useErrorReports.js';
import { useNow } from '../hooks/useNow.js';
import { useOrderActions } from '../hooks/useOrderActions.js';
import { useRoute } from '../hooks/useRoute.js';
import { useSettings } from '../hooks/useSettings.js';
import { useSoundAlerts } from '../hooks/useSoundAlerts.js';
import type { SoundPlayer } from '../sound/sound-player.js';
import { DEFAULT_AGING } from '../state/aging.js';
import { BoardScreen } from './board/BoardScreen.js';
import { PrintLogScreen } from './print-log/PrintLogScreen.js';
import { SettingsScreen } from './settings/SettingsScreen.js';
import { AgentLinkBanner } from './shell/AgentLinkBanner.js';
import { ConnectionBanner } from './shell/ConnectionBanner.js';
import { ErrorToasts } from './shell/ErrorToasts.js';
import { SoundUnlockPrompt } from './shell/SoundUnlockPrompt.js';
import { Tabs } from './shell/Tabs.js';

const NO_STATIONS: readonly string[] = [];
const DEFAULT_SOUND = { enabled: true, volume: 0.8 };

export function App({ client, sounds }: { client: BoardClient; sounds: SoundPlayer }) {
  const { reports, report, dismiss } = useErrorReports();
  const [board, dispatch] = useBoard(client, report);
  const [settings, setSettings] = useSettings(client, report);
  const link = useAgentLink(client);
  const route = useRoute();
  const now = useNow();
  const actions = useOrderActions(client, dispatch, report);
  const sound = useSoundAlerts(client, sounds, settings?.sound ?? DEFAULT_SOUND);

  const thresholds = useMemo(
    () => (settings ? { amberAfterMin: settings.display.amberAfterMin, redAfterMin: settings.display.redAfterMin } : DEFAULT_AGING),
    [settings],
  );
  // A CSS custom property set through React's style prop (CSSOM), which the strict CSP allows.
  const scale = { '--font-scale': String(settings?.display.fontScale ?? 1) } as CSSProperties;

  return (
    <div className="app" style={scale} data-route={route}>
      <header className="topbar">
        <span className="brand">TicketRail</span>
        <Tabs route={route} />
        <ConnectionBanner connection={board.connection} stale={link.status !== 'connected'} />
      </header>
      <AgentLinkBanner link={link} now={now} />
      {sound.blocked ? <SoundUnlockPrompt onUnlock={sound.unlock} /> : null}
      <ErrorToasts reports={reports} onDismiss={dismiss} />
      <main className="screen">
        {route === 'board' ? (
          <BoardScreen board={board} dispatch={dispatch} actions={actions} now={now} thresholds={thresholds} defaultStations={settings?.display.stations ?? NO_STATIONS} />
        ) : null}
        {route === 'settings' ? <SettingsScreen api={client} settings={settings} onSaved={setSettings} onError={report} /> : null}
        {route === 'print-log' ? <PrintLogScreen api={client} jobs={board.printJobs} orderNumbers={board.orderNumbers} dispatch={dispatch} onError={report} /> : null}
      </main>
    </div>
  );
}
