import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App.js';
import { applyDinerLanguage, createDinerI18n, dinerLanguage } from './language.js';
import './diner.css';

// The page's one credential is in its own address: /o/<customer token>.
const token = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() ?? '');
const language = dinerLanguage(location.search, navigator.languages);
const { i18n, ready } = createDinerI18n(language);
const start = () => {
  applyDinerLanguage(language, i18n.t('title', { ns: 'diner' }));
  const root = document.getElementById('root');
  if (root)
    createRoot(root).render(
      <I18nextProvider i18n={i18n} defaultNS="diner">
        <App token={token} />
      </I18nextProvider>,
    );
};
// English is in the page; another language waits for its small file (a failed load starts in English).
void ready.then(start, start);
