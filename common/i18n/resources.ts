import type { ResourceKey } from 'i18next';
import type { Language } from './languages.js';
import type { Namespace } from './namespaces.js';
import arBoard from '../locales/ar/board.json' with { type: 'json' };
import arDiner from '../locales/ar/diner.json' with { type: 'json' };
import arPrintLog from '../locales/ar/printLog.json' with { type: 'json' };
import arSettings from '../locales/ar/settings.json' with { type: 'json' };
import arTicket from '../locales/ar/ticket.json' with { type: 'json' };
import deBoard from '../locales/de/board.json' with { type: 'json' };
import deDiner from '../locales/de/diner.json' with { type: 'json' };
import dePrintLog from '../locales/de/printLog.json' with { type: 'json' };
import deSettings from '../locales/de/settings.json' with { type: 'json' };
import deTicket from '../locales/de/ticket.json' with { type: 'json' };
import enBoard from '../locales/en/board.json' with { type: 'json' };
import enDiner from '../locales/en/diner.json' with { type: 'json' };
import enPrintLog from '../locales/en/printLog.json' with { type: 'json' };
import enSettings from '../locales/en/settings.json' with { type: 'json' };
import enTicket from '../locales/en/ticket.json' with { type: 'json' };
import esBoard from '../locales/es/board.json' with { type: 'json' };
import esDiner from '../locales/es/diner.json' with { type: 'json' };
import esPrintLog from '../locales/es/printLog.json' with { type: 'json' };
import esSettings from '../locales/es/settings.json' with { type: 'json' };
import esTicket from '../locales/es/ticket.json' with { type: 'json' };
import frBoard from '../locales/fr/board.json' with { type: 'json' };
import frDiner from '../locales/fr/diner.json' with { type: 'json' };
import frPrintLog from '../locales/fr/printLog.json' with { type: 'json' };
import frSettings from '../locales/fr/settings.json' with { type: 'json' };
import frTicket from '../locales/fr/ticket.json' with { type: 'json' };
import plBoard from '../locales/pl/board.json' with { type: 'json' };
import plDiner from '../locales/pl/diner.json' with { type: 'json' };
import plPrintLog from '../locales/pl/printLog.json' with { type: 'json' };
import plSettings from '../locales/pl/settings.json' with { type: 'json' };
import plTicket from '../locales/pl/ticket.json' with { type: 'json' };
import ptBoard from '../locales/pt/board.json' with { type: 'json' };
import ptDiner from '../locales/pt/diner.json' with { type: 'json' };
import ptPrintLog from '../locales/pt/printLog.json' with { type: 'json' };
import ptSettings from '../locales/pt/settings.json' with { type: 'json' };
import ptTicket from '../locales/pt/ticket.json' with { type: 'json' };
import trBoard from '../locales/tr/board.json' with { type: 'json' };
import trDiner from '../locales/tr/diner.json' with { type: 'json' };
import trPrintLog from '../locales/tr/printLog.json' with { type: 'json' };
import trSettings from '../locales/tr/settings.json' with { type: 'json' };
import trTicket from '../locales/tr/ticket.json' with { type: 'json' };
import zhBoard from '../locales/zh/board.json' with { type: 'json' };
import zhDiner from '../locales/zh/diner.json' with { type: 'json' };
import zhPrintLog from '../locales/zh/printLog.json' with { type: 'json' };
import zhSettings from '../locales/zh/settings.json' with { type: 'json' };
import zhTicket from '../locales/zh/ticket.json' with { type: 'json' };

/**
 * Every translation file, in memory: for Node (the agent's tickets and its render of the board's
 * first screen) and the tests. Never import this from code a browser loads at start: it holds every
 * language (lint refuses it in renderer/ and diner/ but for the agent's first-screen render).
 * A new file is imported here; test/locales.test.ts fails while one is missing.
 */
export const ALL_RESOURCES: Readonly<Record<Language, Record<Namespace, ResourceKey>>> = {
  en: { board: enBoard, printLog: enPrintLog, settings: enSettings, diner: enDiner, ticket: enTicket },
  es: { board: esBoard, printLog: esPrintLog, settings: esSettings, diner: esDiner, ticket: esTicket },
  pt: { board: ptBoard, printLog: ptPrintLog, settings: ptSettings, diner: ptDiner, ticket: ptTicket },
  fr: { board: frBoard, printLog: frPrintLog, settings: frSettings, diner: frDiner, ticket: frTicket },
  de: { board: deBoard, printLog: dePrintLog, settings: deSettings, diner: deDiner, ticket: deTicket },
  pl: { board: plBoard, printLog: plPrintLog, settings: plSettings, diner: plDiner, ticket: plTicket },
  tr: { board: trBoard, printLog: trPrintLog, settings: trSettings, diner: trDiner, ticket: trTicket },
  ar: { board: arBoard, printLog: arPrintLog, settings: arSettings, diner: arDiner, ticket: arTicket },
  zh: { board: zhBoard, printLog: zhPrintLog, settings: zhSettings, diner: zhDiner, ticket: zhTicket },
};
