// First: opens the board's feed before anything else here is evaluated (see boot.ts).
import { client, feed, firstScreen, words } from './boot.js';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { BoardRoot } from './components/BoardRoot.js';
import { NoAgent } from './components/shell/NoAgent.js';
import { SoundPlayer } from './sound/sound-player.js';
import './styles/base.css';
import './styles/board.css';
import './styles/settings.css';
import './styles/print-log.css';
import './styles/counter.css';
import './styles/reports.css';
import './styles/history.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const start = () => {
  const { i18n } = words;
  document.title = i18n.t('app.title');
  if (!client || !feed) {
    createRoot(root).render(
      <I18nextProvider i18n={i18n}>
        <NoAgent />
      </I18nextProvider>,
    );
  } else if (!firstScreen) {
    createRoot(root).render(<BoardRoot i18n={i18n} client={client} sounds={new SoundPlayer()} feed={feed} />);
  } else {
    // The agent's markup is already on screen: React takes it over instead of building it again.
    // Should the two differ, React renders the board afresh — slower, never wrong — and says why here.
    hydrateRoot(root, <BoardRoot i18n={i18n} client={client} sounds={new SoundPlayer()} feed={feed} start={firstScreen} />, {
      onRecoverableError: (error) => console.warn('[ticketrail] the first screen was rendered again in the page:', error),
    });
  }
};
// English is in this bundle and ready at once; another language waits for its file (a failed load
// still starts, in English). The markup the agent drew is on screen meanwhile.
void words.ready.then(start, start);
