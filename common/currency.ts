import { z } from 'zod';
import { CURRENCY_MINOR_DIGITS } from './currency-digits.js';

export { CURRENCY_MINOR_DIGITS };

export const isCurrencyCode = (code: string): boolean => Object.hasOwn(CURRENCY_MINOR_DIGITS, code);

/** An ISO 4217 code of a circulating currency, upper case (`EUR`, `JPY`). */
export const CurrencyCodeSchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code such as EUR')
  .refine(isCurrencyCode, 'currency is not an ISO 4217 code of a circulating currency');

/**
 * An amount in minor units as people read it, with the currency's code rather than its symbol
 * (a receipt printer's code page may have no `€` or `₹`): `EUR 12.50`, `JPY 1500`, `KWD 1.250`.
 */
export function formatMinorUnits(amount: number, currency: string): string {
  const digits = CURRENCY_MINOR_DIGITS[currency] ?? 2;
  const sign = amount < 0 ? '-' : '';
  const absolute = Math.abs(amount);
  if (digits === 0) return `${currency} ${sign}${absolute}`;
  const scale = 10 ** digits;
  const whole = Math.floor(absolute / scale);
  const fraction = String(absolute % scale).padStart(digits, '0');
  return `${currency} ${sign}${whole}.${fraction}`;
}
