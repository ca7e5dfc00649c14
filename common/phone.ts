/**
 * Phone numbers to E.164 (`+48600123456`), the one form a loyalty account is kept under, so
 * `+48 600 123 456`, `0048600123456` and, with a default country of 48, `600-123-456` are the same
 * customer. No numbering-plan database: the rules below are the ones every plan shares, and what
 * they cannot place is refused rather than guessed.
 */

/** E.164: a country code and subscriber number of at most 15 digits; 7 is the shortest in use. */
export const E164_DIGITS = { min: 7, max: 15 } as const;

/** Countries whose national numbers keep their leading 0 after the country code (Italy, San Marino, Vatican). */
const LEADING_ZERO_KEPT: ReadonlySet<string> = new Set(['39', '378', '379']);

/** What may separate digit groups as people write numbers. */
const SEPARATORS = /[\s().\-/]/g;

/** A country calling code as DEFAULT_PHONE_COUNTRY_CODE gives it: 1–3 digits, `+` optional. */
export const COUNTRY_CODE_PATTERN = /^\+?[1-9][0-9]{0,2}$/;

export type PhoneProblem = 'characters' | 'no-country' | 'length';
export type NormalisedPhone = { ok: true; e164: string } | { ok: false; problem: PhoneProblem; message: string };

/**
 * `+…` and `00…` are international; anything else is a national number of `defaultCountryCode`
 * (its single trunk `0` dropped, except where the plan keeps it). Without a default country a
 * national number cannot be placed and is refused.
 */
export function normalisePhone(input: string, defaultCountryCode?: string): NormalisedPhone {
  const compact = input.trim().replace(SEPARATORS, '');
  if (!/^(\+|00)?[0-9]+$/.test(compact)) {
    return { ok: false, problem: 'characters', message: 'a phone number holds digits, spaces, ( ) . - / and a leading + or 00' };
  }
  let digits: string;
  if (compact.startsWith('+')) digits = compact.slice(1);
  else if (compact.startsWith('00')) digits = compact.slice(2);
  else {
    if (defaultCountryCode === undefined) {
      return { ok: false, problem: 'no-country', message: 'a national number needs a country: send it as +<country code><number>' };
    }
    const country = defaultCountryCode.replace(/^\+/, '');
    const national = compact.startsWith('0') && !LEADING_ZERO_KEPT.has(country) ? compact.slice(1) : compact;
    digits = `${country}${national}`;
  }
  if (digits.startsWith('0') || digits.length < E164_DIGITS.min || digits.length > E164_DIGITS.max) {
    return { ok: false, problem: 'length', message: `an E.164 number has ${E164_DIGITS.min}-${E164_DIGITS.max} digits after + and starts with a country code` };
  }
  return { ok: true, e164: `+${digits}` };
}
