import type { TicketItem } from './ticket-card.js';
import { TicketPatternError } from './ticket-pattern-error.js';

/**
 * Reading single lines of a POS ticket: the ticket number and item lines.
 *
 * The default ticket number pattern takes the first line that starts with `#4711`, `Order 4711`
 * (also `Order #4711`, `Order no. 4711`, `Order: 4711`) or `Table 12`; the number is the first
 * capture group that matched, or the whole match when the pattern has none.
 */
export const DEFAULT_TICKET_NUMBER_PATTERN = String.raw`^\s*(?:#\s*(\S+)|order\b\s*(?:no\.?|number|nr\.?)?\s*[:#]?\s*(\S+)|table\b\s*[:#]?\s*(\S+))`;

/** Compiles a configured pattern (case-insensitive, Unicode); a bad one is a coded error for settings. */
export function compileTicketNumberPattern(source: string): RegExp {
  try {
    return new RegExp(source, 'iu');
  } catch (error) {
    throw new TicketPatternError(`not a valid regular expression: ${(error as Error).message}`);
  }
}

export const DEFAULT_TICKET_NUMBER_REGEXP = compileTicketNumberPattern(DEFAULT_TICKET_NUMBER_PATTERN);

export function matchTicketNumber(text: string, pattern: RegExp): string | undefined {
  const match = pattern.exec(text);
  if (!match) return undefined;
  const captured = match.slice(1).find((group) => group !== undefined && group.length > 0);
  const value = (captured ?? match[0]).trim();
  return value.length > 0 ? value : undefined;
}

/** Quantities above this are not item counts (a year, a phone number, a price in cents). */
const MAX_QTY = 999;
/** `2 x Fries`, `2x Fries`, `2 X Fries`, `2 × Fries`: any name after the multiplication sign. */
const WITH_TIMES = /^\s*(\d{1,3})\s*[x×]\s*(\S.*?)\s*$/iu;
/** `2 Fries`: the name must start with a letter, so `12:30` or `10 % off` stay text. */
const BARE = /^\s*(\d{1,3})\s+(\p{L}.*?)\s*$/u;

export function parseItemLine(text: string): TicketItem | undefined {
  const match = WITH_TIMES.exec(text) ?? BARE.exec(text);
  if (!match) return undefined;
  const qty = Number(match[1]);
  const name = match[2]!;
  // `2 x` with nothing after the sign is not an item called "x".
  if (qty < 1 || qty > MAX_QTY || /^[x×]$/iu.test(name)) return undefined;
  return { qty, name };
}
