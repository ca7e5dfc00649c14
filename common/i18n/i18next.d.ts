import 'i18next';
import type board from '../locales/en/board.json';
import type diner from '../locales/en/diner.json';
import type printLog from '../locales/en/printLog.json';
import type settings from '../locales/en/settings.json';
import type ticket from '../locales/en/ticket.json';

/*
 * Keys are checked by the compiler: `t('card.tabel')` does not build. English is the reference
 * every other language is held to (test/locales.test.ts).
 */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'board';
    resources: { board: typeof board; printLog: typeof printLog; settings: typeof settings; diner: typeof diner; ticket: typeof ticket };
  }
}
