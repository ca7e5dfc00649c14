import { createContext } from 'react';
import type { RailOrder } from '../../../common/kitchen-api.js';

/** What a card's front-of-house row may open (issue 24). */
export type FrontOfHouseRequest = 'payment' | 'courier';

/**
 * Opens a card's "Request payment" or "Courier" dialog. A context, not a prop: the board screen
 * owns the dialogs, and the cards between it and the button need not carry one more callback.
 * Undefined (no provider): the card offers neither (the expo screen, a test of a lone card).
 */
export const FrontOfHouseRequestContext = createContext<((order: RailOrder, request: FrontOfHouseRequest) => void) | undefined>(undefined);

/** Minor units per major unit of a currency (2 for EUR, 0 for JPY), as Intl knows it. */
export function currencyExponent(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** "32.50" or "32,50" in `currency` as minor units (3250), or undefined when it is not an amount. */
export function parseAmount(text: string, currency: string): number | undefined {
  const match = /^\s*(\d{1,9})(?:[.,](\d+))?\s*$/.exec(text);
  if (!match) return undefined;
  const exponent = currencyExponent(currency);
  const fraction = match[2] ?? '';
  if (fraction.length > exponent) return undefined;
  return Number(match[1]) * 10 ** exponent + Number(fraction.padEnd(exponent, '0') || '0');
}

/** Minor units as the text an amount field starts with ("32.00"). */
export function amountText(minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  return exponent === 0 ? String(minor) : (minor / 10 ** exponent).toFixed(exponent);
}
