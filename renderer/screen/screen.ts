import type { ScreenState, ScreenTicket } from '../../common/customer-screen.js';
import { isLanguage, DEFAULT_LANGUAGE, type Language } from '../../common/i18n/languages.js';
import { applyDocumentLanguage } from '../i18n/document-language.js';
import { createScreenI18n, languageFromUrl } from './screen-i18n.js';
import './screen.css';

/*
 * The customer screen (GET /screen, docs/screen.md): Preparing and Ready, big numbers, no controls.
 * Live from the agent's Server-Sent Events feed; EventSource reconnects by itself, and the last
 * state stays on the wall meanwhile. A chime sounds when a number arrives in Ready.
 */

const CHIME = 'notice.wav';
const fixedLanguage = languageFromUrl(location.search);
let shownLanguage: Language | undefined;
let readyBefore: Set<string> | undefined;
const chime = new Audio(CHIME);

function renderLanguage(language: Language): void {
  if (language === shownLanguage) return;
  shownLanguage = language;
  const i18n = createScreenI18n(language);
  applyDocumentLanguage(document, language);
  document.title = i18n.t('screen:title');
  setText('screen-heading-preparing', i18n.t('screen:preparing'));
  setText('screen-heading-ready', i18n.t('screen:ready'));
}

function setText(testId: string, text: string): void {
  const element = document.querySelector(`[data-testid="${testId}"]`);
  if (element) element.textContent = text;
}

function renderColumn(testId: string, tickets: ScreenTicket[]): void {
  const list = document.querySelector(`[data-testid="${testId}"]`);
  if (!list) return;
  list.replaceChildren(
    ...tickets.map((ticket) => {
      const item = document.createElement('li');
      item.className = 'screen-ticket';
      item.dataset.number = ticket.number;
      const number = document.createElement('span');
      number.className = 'screen-number';
      number.textContent = ticket.number;
      item.append(number);
      if (ticket.name) {
        const name = document.createElement('span');
        name.className = 'screen-name';
        name.textContent = ticket.name;
        item.append(name);
      }
      return item;
    }),
  );
}

function render(state: ScreenState): void {
  renderLanguage(fixedLanguage ?? (isLanguage(state.language) ? state.language : DEFAULT_LANGUAGE));
  renderColumn('screen-preparing', state.preparing);
  renderColumn('screen-ready', state.ready);
  const ready = new Set(state.ready.map((ticket) => ticket.number));
  // Not on the first state (a screen switched on mid-service stays quiet), then once per new number.
  if (readyBefore && [...ready].some((number) => !readyBefore?.has(number))) {
    chime.currentTime = 0;
    chime.play().catch(() => undefined);
  }
  readyBefore = ready;
}

function connect(): void {
  const token = new URLSearchParams(location.search).get('token');
  const feed = new EventSource(`api/screen/feed${token ? `?token=${encodeURIComponent(token)}` : ''}`);
  const main = document.querySelector('main');
  feed.onopen = () => main?.setAttribute('data-live', 'true');
  feed.onerror = () => main?.setAttribute('data-live', 'false');
  feed.onmessage = (message: MessageEvent<string>) => {
    try {
      render(JSON.parse(message.data) as ScreenState);
    } catch {
      // A line that is not a state (never sent by the agent): keep what is shown.
    }
  };
}

renderLanguage(fixedLanguage ?? DEFAULT_LANGUAGE);
connect();
