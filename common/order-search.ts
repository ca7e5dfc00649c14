/*
 * How an order is found by a search box (issue 24): the backend's `GET /api/orders?q=` and the
 * agent's offline search of its cache use these same rules, so both answer alike.
 *
 * - Text (order number, customer name, table): lower case, accents removed ("María" → "maria"),
 *   and the query must appear anywhere in one of them ("maria", "a-014", "14", "terrace").
 * - Phone: digits only are compared, whatever the formatting. Leading zeros are dropped from both
 *   sides (a national trunk "0", an international "00"), then one must end with the other: the
 *   typed "02079460958" finds "+44 20 7946 0958" (2079460958 ends 442079460958), and the typed
 *   "+44 20 7946 0958" finds a stored "020 7946 0958". Only a query of at least
 *   ORDER_SEARCH_LIMITS.minPhoneDigits digits is compared as a phone, so "14" is not every phone
 *   ending in 14.
 */

export const ORDER_SEARCH_LIMITS = { maxQueryLength: 100, minPhoneDigits: 6 } as const;

/** Lower case without accents: what text is compared as. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/** The searchable text of an order: its number, customer name and table, folded, one per line. */
export function orderSearchText(order: { number: string; table?: string | undefined; customer?: { name?: string | undefined } | undefined }): string {
  return [order.number, order.customer?.name ?? '', order.table ?? ''].map(foldText).join('\n');
}

/** A phone's digits without leading zeros ('' when it has none): what phones are compared as. */
export function phoneDigits(phone: string | undefined): string {
  return (phone ?? '').replace(/\D/g, '').replace(/^0+/, '');
}

/** What a search box's text is looked for as: folded text, and digits when it reads as a phone number. */
export interface OrderSearchKey {
  text: string;
  /** Set only when the query is a phone number (digits, spaces, + ( ) - . /) of enough digits. */
  phone?: string;
}

export function orderSearchKey(query: string): OrderSearchKey {
  // "#A-014" is how the board shows an order number.
  const text = foldText(query).replace(/^#/, '');
  const digits = phoneDigits(query);
  const readsAsPhone = /^[+0-9 ()./-]+$/.test(query.trim()) && digits.length >= ORDER_SEARCH_LIMITS.minPhoneDigits;
  return readsAsPhone ? { text, phone: digits } : { text };
}

/** Whether an order matches a search key (the agent's cache; the backend does the same in SQL). */
export function orderMatches(order: Parameters<typeof orderSearchText>[0] & { customer?: { phone?: string | undefined } | undefined }, key: OrderSearchKey): boolean {
  if (key.text !== '' && orderSearchText(order).split('\n').some((field) => field.includes(key.text))) return true;
  if (key.phone === undefined) return false;
  const stored = phoneDigits(order.customer?.phone);
  return stored !== '' && (stored.endsWith(key.phone) || key.phone.endsWith(stored));
}
