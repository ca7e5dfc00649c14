import type { i18n } from 'i18next';
import { renderToString } from 'react-dom/server';
import type { BoardPageRenderer } from '../../common/first-screen.js';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../../common/i18n/languages.js';
import { ALL_RESOURCES } from '../../common/i18n/resources.js';
import type { BoardClient } from '../api/board-client.js';
import type { BoardFeed } from '../api/board-feed.js';
import { BoardRoot } from '../components/BoardRoot.js';
import { createBoardI18n } from '../i18n/board-i18n.js';
import { SoundPlayer } from '../sound/sound-player.js';
import { fillPage } from './page-data.js';

/*
 * The agent's render of the board's first screen. A counter PC cold-starting the page spent
 * ~300 ms (2 cores) fetching, parsing and running the bundle, asking the snapshot and rendering
 * before a card showed; served with the page, the rail is on screen once the HTML and CSS are in,
 * and the bundle then adopts it. Only what a first render reads is needed here: effects, where
 * the board talks to the agent, never run in a server render.
 */

const notHere = (name: PropertyKey) => () => {
  throw new Error(`${String(name)} is not available while the agent renders the first screen`);
};
/** A client for a render that never calls it: any call is a bug, and fails the render loudly. */
const NO_CLIENT = new Proxy({} as BoardClient, { get: (_target, name) => (name === 'transport' ? 'http' : notHere(name)) });
const NO_FEED: BoardFeed = { attach: () => () => undefined };
/** Only its sound URLs are made; no audio element exists before a sound is played. */
const SOUNDS = new SoundPlayer('http://agent.invalid/');

/** One instance per language, every file in memory: made on the first page in that language. */
const instances = new Map<Language, i18n>();
function wordsIn(language: Language): i18n {
  let instance = instances.get(language);
  if (!instance) {
    instance = createBoardI18n(language, { bundled: ALL_RESOURCES }).i18n;
    instances.set(language, instance);
  }
  return instance;
}

/** The board's page with its first screen drawn from `data` (see common/first-screen.ts), in the settings' language. */
export const renderBoardPage: BoardPageRenderer = (template, data) => {
  const drawn = data.settings.display.language;
  const language = isLanguage(drawn) ? drawn : DEFAULT_LANGUAGE;
  const i18n = wordsIn(language);
  const markup = renderToString(<BoardRoot i18n={i18n} client={NO_CLIENT} sounds={SOUNDS} feed={NO_FEED} start={data} />);
  return fillPage(template, markup, data, { language, title: i18n.t('app.title') });
};
