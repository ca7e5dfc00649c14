import { lazy, Suspense, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { DEFAULT_KEY_MAP } from '../../common/key-map.js';
import { useTranslation } from 'react-i18next';
import type { FirstScreenData } from '../../common/first-screen.js';
import type { BoardClient } from '../api/board-client.js';
import type { BoardFeed } from '../api/board-feed.js';
import { useAgentLink } from '../hooks/useAgentLink.js';
import { useBoard } from '../hooks/useBoard.js';
import { useErrorReports } from '../hooks/useErrorReports.js';
import { RenderedAtContext } from '../hooks/useNow.js';
import { useOrderActions } from '../hooks/useOrderActions.js';
import { useRoute } from '../hooks/useRoute.js';
import { useSettings } from '../hooks/useSettings.js';
import { AllergyWordsContext } from '../hooks/useAllergyWords.js';
import { DEFAULT_ALLERGY_WORDS } from '../../common/allergy-words.js';
import { boardSettingsOf } from '../../common/settings-lock.js';
import { useSoundAlerts } from '../hooks/useSoundAlerts.js';
import { CustomerCancelNotices } from './board/CustomerCancelNotices.js';
import { useLanguageSetting } from '../i18n/useLanguageSetting.js';
import type { SoundPlayer } from '../sound/sound-player.js';
import { DEFAULT_AGING } from '../state/aging.js';
import { BoardScreen, loadCancelDialog } from './board/BoardScreen.js';
import { CounterScreen } from './counter/CounterScreen.js';
import { ExpoScreen } from './board/ExpoScreen.js';
import { AgentLinkBanner } from './shell/AgentLinkBanner.js';
import { ConnectionBanner } from './shell/ConnectionBanner.js';
import { ErrorBoundary } from './shell/ErrorBoundary.js';
import { ErrorToasts } from './shell/ErrorToasts.js';
import { ScreenFailed } from './shell/ScreenFailed.js';
import { SoundUnlockPrompt } from './shell/SoundUnlockPrompt.js';
import { PrinterTroubleBanner, UnprintedBadge } from './shell/PrinterTroubleBanner.js';
import { PrintProblemsContext } from './board/print-problem-context.js';
import { usePrintProblems } from '../hooks/usePrintProblems.js';
import { Tabs } from './shell/Tabs.js';

/*
 * Settings and the print log (and the cancel dialog, see BoardScreen) validate with the shared zod
 * schemas of common/: they load as their own chunks, so the rail's first render neither downloads
 * nor evaluates zod. They are fetched once the board has its first snapshot.
 */
const loadSettingsScreen = () => import('./settings/SettingsScreen.js');
const loadPrintLogScreen = () => import('./print-log/PrintLogScreen.js');
const loadReportsScreen = () => import('./reports/ReportsScreen.js');
const loadHistoryScreen = () => import('./history/HistoryScreen.js');
const SettingsScreen = lazy(() => loadSettingsScreen().then((module) => ({ default: module.SettingsScreen })));
const PrintLogScreen = lazy(() => loadPrintLogScreen().then((module) => ({ default: module.PrintLogScreen })));
// uPlot and the report's words load with it, the first time the tab opens.
const ReportsScreen = lazy(() => loadReportsScreen().then((module) => ({ default: module.ReportsScreen })));
const HistoryScreen = lazy(() => loadHistoryScreen().then((module) => ({ default: module.HistoryScreen })));

const NO_STATIONS: readonly string[] = [];
/** The product's name: the same in every language. */
const PRODUCT_NAME = 'TicketRail';
const DEFAULT_SOUND = { enabled: true, volume: 0.8 };

export interface AppProps {
  client: BoardClient;
  sounds: SoundPlayer;
  /** The board's updates, opened before the first render (main.tsx). */
  feed: BoardFeed;
  /** The data of the first screen the agent rendered into the page, when it did: the board starts from it. */
  start?: FirstScreenData;
}

export function App({ client, sounds, feed, start }: AppProps) {
  const { reports, report, dismiss } = useErrorReports();
  const [board, dispatch] = useBoard(feed, report, start?.snapshot);
  const [settings, setSettings] = useSettings(client, report, start?.settings);
  const link = useAgentLink(client);
  const route = useRoute();
  const actions = useOrderActions(client, dispatch, report);
  const sound = useSoundAlerts(client, sounds, settings?.sound ?? DEFAULT_SOUND);
  const printProblems = usePrintProblems(client, board.printing, report);
  // The board speaks the language the agent's settings name (display.language), and follows a change at once.
  useLanguageSetting(settings?.display.language);
  // Once the rail is up (not before: the agent is busy sending it), the sounds and the lazy screens load.
  const { i18n } = useTranslation();
  useEffect(() => {
    if (!board.loaded) return;
    sounds.preload();
    // Their words too (renderer/i18n/load-locale.ts), so a tab opens at once, in the board's language.
    void Promise.all([loadSettingsScreen(), loadPrintLogScreen(), loadCancelDialog(), i18n.loadNamespaces(['settings', 'printLog'])]).catch(() => undefined);
  }, [board.loaded, sounds, i18n]);

  const thresholds = useMemo(
    () => (settings ? { amberAfterMin: settings.display.amberAfterMin, redAfterMin: settings.display.redAfterMin } : DEFAULT_AGING),
    [settings],
  );
  // An attribute the stylesheet reads for the agent's first screen, and the same value through the
  // CSSOM once the page runs (base.css): a style attribute in served markup is refused by the CSP.
  const fontScale = String(settings?.display.fontScale ?? 1);
  const appRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => appRef.current?.style.setProperty('--font-scale', fontScale), [fontScale]);

  return (
    <RenderedAtContext.Provider value={start?.renderedAt}>
      <AllergyWordsContext.Provider value={settings?.display.allergyWords ?? DEFAULT_ALLERGY_WORDS}>
      <div className="app" ref={appRef} data-font-scale={fontScale} data-route={route}>
        <header className="topbar">
          <span className="brand">{PRODUCT_NAME}</span>
          <Tabs route={route} />
          <UnprintedBadge count={board.printing.unprinted.length} />
          {/* A small header button, never a bar that pushes the rail down. */}
          {sound.blocked ? <SoundUnlockPrompt onUnlock={sound.unlock} /> : null}
          <ConnectionBanner connection={board.connection} stale={link.status !== 'connected'} />
        </header>
        <PrinterTroubleBanner printers={board.printing.printers} onMove={printProblems.moveWaiting} />
        <AgentLinkBanner link={link} />
        <ErrorToasts reports={reports} onDismiss={dismiss} />
        <CustomerCancelNotices api={client} />
        <PrintProblemsContext.Provider value={printProblems}>
          <main className="screen">
            {/* One boundary per screen, keyed by route: a screen that throws shows what went wrong in
                its place, the tabs still lead elsewhere, and coming back gives it another try. */}
            <ErrorBoundary key={route} fallback={(error, retry) => <ScreenFailed route={route} error={error} onRetry={retry} />}>
              {route === 'board' ? (
                <BoardScreen
                  orders={board.orders}
                  freshOrderIds={board.freshOrderIds}
                  stations={board.stations}
                  loaded={board.loaded}
                  dispatch={dispatch}
                  actions={actions}
                  thresholds={thresholds}
                  defaultStations={settings?.display.stations ?? NO_STATIONS}
                  keys={settings?.display.keys ?? DEFAULT_KEY_MAP}
                />
              ) : null}
              {route === 'expo' ? <ExpoScreen orders={board.orders} actions={actions} keys={settings?.display.keys ?? DEFAULT_KEY_MAP} /> : null}
              {route === 'counter' ? <CounterScreen notices={board.notices} /> : null}
              <Suspense fallback={null}>
                {route === 'settings' ? <SettingsScreen api={client} onSaved={(saved) => setSettings(boardSettingsOf(saved))} onError={report} /> : null}
                {route === 'reports' ? <ReportsScreen api={client} /> : null}
                {route === 'history' ? <HistoryScreen api={client} /> : null}
                {route === 'print-log' ? <PrintLogScreen api={client} jobs={board.printJobs} orderNumbers={board.orderNumbers} dispatch={dispatch} onError={report} /> : null}
              </Suspense>
            </ErrorBoundary>
          </main>
        </PrintProblemsContext.Provider>
      </div>
      </AllergyWordsContext.Provider>
    </RenderedAtContext.Provider>
  );
}
