import { CURRENCY_MINOR_DIGITS } from '../currency-digits.js';
import { INTL_LOCALES, type Language } from './languages.js';

/**
 * Times, dates and money as a language writes them, through Intl (the same on the board, the
 * diner's page and the tickets). Formatters are made once per language and options: the first
 * Intl object of a page loads locale data, which is slow enough to see on a first render.
 */

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter;
}

function dateTimeFormat(language: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(`dt|${language}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(INTL_LOCALES[language], options));
}

const isValid = (date: Date) => !Number.isNaN(date.getTime());

export interface ClockOptions {
  /** hh:mm:ss rather than hh:mm. */
  seconds?: boolean;
  /** The zone to show the time in; the machine's when undefined. */
  timeZone?: string;
}

/**
 * The time of day on a 24-hour clock (kitchens run on it), in the language's own notation;
 * `—` for a date that cannot be read.
 */
export function formatClock(language: Language, date: Date, options: ClockOptions = {}): string {
  if (!isValid(date)) return '—';
  return dateTimeFormat(language, {
    hour: '2-digit',
    minute: '2-digit',
    ...(options.seconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  }).format(date);
}

/** A calendar date, day, month and four-digit year in the language's order (31/12/2026, 31.12.2026, 2026/12/31). */
export function formatDate(language: Language, date: Date, timeZone?: string): string {
  if (!isValid(date)) return '—';
  return dateTimeFormat(language, { year: 'numeric', month: '2-digit', day: '2-digit', ...(timeZone ? { timeZone } : {}) }).format(date);
}

export interface MoneyOptions {
  /**
   * `symbol` (12,50 €) where a screen shows it; `code` (12,50 EUR) on paper, where the printer's
   * code page may have no `€` or `₹`.
   */
  display?: 'symbol' | 'code';
}

/**
 * An amount in minor units (1250 = 12.50) in its currency, as the language writes money. The
 * digits of the minor unit come from the project's own ISO 4217 table (common/currency-digits.ts),
 * not the runtime's, so every process agrees; an unknown code is taken to have two.
 */
export function formatMoney(language: Language, amountMinor: number, currency: string, options: MoneyOptions = {}): string {
  const digits = CURRENCY_MINOR_DIGITS[currency] ?? 2;
  const display = options.display ?? 'symbol';
  let formatter: Intl.NumberFormat;
  try {
    formatter = cached(`money|${language}|${currency}|${display}|${digits}`, () =>
      new Intl.NumberFormat(INTL_LOCALES[language], { style: 'currency', currency, currencyDisplay: display, minimumFractionDigits: digits, maximumFractionDigits: digits }),
    );
  } catch {
    // Not a currency code Intl accepts (it came off a wire): the number and the code as given.
    return `${(amountMinor / 10 ** digits).toFixed(digits)} ${currency}`;
  }
  return formatter.format(amountMinor / 10 ** digits);
}

/** Bidirectional marks Intl puts into Arabic dates and amounts: invisible on screen, `?` on a code page. */
const BIDI_MARKS = /[\u200e\u200f\u061c]/g;
/** No-break spaces Intl uses between digits and a currency (U+202F in French): a plain space on paper. */
const NO_BREAK_SPACES = /[\u00a0\u202f]/g;

/**
 * Formatted text made fit for a thermal printer's code page: the invisible marks and special spaces
 * Intl writes, which no printer code page holds, become nothing or a space.
 */
export function forPaper(text: string): string {
  return text.replace(BIDI_MARKS, '').replace(NO_BREAK_SPACES, ' ');
}
