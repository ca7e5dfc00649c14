// First: opens the board's feed before anything else here is evaluated (see boot.ts).
import { client, feed, firstScreen } from './boot.js';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { BoardRoot } from './components/BoardRoot.js';
import { NoAgent } from './components/shell/NoAgent.js';
import { SoundPlayer } from './sound/sound-player.js';
import './styles/base.css';
import './styles/board.css';
import './styles/settings.css';
import './styles/print-log.css';
import './styles/counter.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
if (!client || !feed) createRoot(root).render(<NoAgent />);
else if (!firstScreen) createRoot(root).render(<BoardRoot client={client} sounds={new SoundPlayer()} feed={feed} />);
else {
  // The agent's markup is already on screen: React takes it over instead of building it again.
  // Should the two differ, React renders the board afresh — slower, never wrong — and says why here.
  hydrateRoot(root, <BoardRoot client={client} sounds={new SoundPlayer()} feed={feed} start={firstScreen} />, {
    onRecoverableError: (error) => console.warn('[ticketrail] the first screen was rendered again in the page:', error),
  });
}
