import type { TFunction } from 'i18next';
import { createI18n } from '../../common/i18n/create-i18n.js';
import { forPaper, formatClock, formatDate, formatMoney } from '../../common/i18n/format.js';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../../common/i18n/languages.js';
import { ALL_RESOURCES } from '../../common/i18n/resources.js';

/**
 * The fixed words of printed tickets (`ticket` namespace: headings, REPRINT, order types, voucher
 * words) and their times, dates and money, in the agent's `display.language`. Everything is made
 * fit for a code page (forPaper): Intl's no-break spaces and bidirectional marks would print `?`.
 *
 * Words a printer's code page cannot hold (Arabic and Chinese on a PC858 printer, Polish ł, Turkish
 * ş) still print as `?` until the raster text of issue 21 lands; they never stop a ticket.
 */
export interface TicketWords {
  language: Language;
  t: TFunction<'ticket'>;
  time(date: Date, timeZone: string | undefined): string;
  date(date: Date, timeZone: string | undefined): string;
  /** Money with the currency's code, not its symbol (a code page may have no `€`). */
  money(amountMinor: number, currency: string): string;
}

const { i18n } = createI18n({
  language: DEFAULT_LANGUAGE,
  namespaces: ['ticket'],
  bundled: Object.fromEntries(LANGUAGES.map((language) => [language, { ticket: ALL_RESOURCES[language].ticket }])),
});

const words = new Map<Language, TicketWords>();

export function ticketWords(language: Language = DEFAULT_LANGUAGE): TicketWords {
  let found = words.get(language);
  if (!found) {
    const fixed = i18n.getFixedT(language, 'ticket');
    found = {
      language,
      t: ((...args: Parameters<typeof fixed>) => forPaper(fixed(...args))) as TFunction<'ticket'>,
      time: (date, timeZone) => forPaper(formatClock(language, date, { timeZone })),
      date: (date, timeZone) => forPaper(formatDate(language, date, timeZone)),
      money: (amountMinor, currency) => forPaper(formatMoney(language, amountMinor, currency, { display: 'code' })),
    };
    words.set(language, found);
  }
  return found;
}
