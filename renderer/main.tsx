// First: opens the board's feed before anything else here is evaluated (see boot.ts).
import { client, feed } from './boot.js';
import { createRoot } from 'react-dom/client';
import { App } from './components/App.js';
import { BoardCrashed } from './components/shell/BoardCrashed.js';
import { ErrorBoundary } from './components/shell/ErrorBoundary.js';
import { NoAgent } from './components/shell/NoAgent.js';
import { SoundPlayer } from './sound/sound-player.js';
import './styles/base.css';
import './styles/board.css';
import './styles/settings.css';
import './styles/print-log.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  // Screens and cards have boundaries of their own; this one catches what App itself throws.
  <ErrorBoundary fallback={(error) => <BoardCrashed error={error} />}>{client && feed ? <App client={client} sounds={new SoundPlayer()} feed={feed} /> : <NoAgent />}</ErrorBoundary>,
);
