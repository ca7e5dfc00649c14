import { describe, expect, it } from 'vitest';
import { normalisePhone } from './phone.js';

describe('normalisePhone: E.164 or a reason', () => {
  it('reads international numbers with + or 00 and any separators', () => {
    for (const typed of ['+48 600 123 456', '+48-600-123-456', '0048 600 123 456', '+48 (600) 123.456', ' +48600123456 ']) {
      expect(normalisePhone(typed)).toEqual({ ok: true, e164: '+48600123456' });
    }
  });

  it('places a national number in the default country, dropping its trunk 0', () => {
    expect(normalisePhone('600 123 456', '48')).toEqual({ ok: true, e164: '+48600123456' });
    expect(normalisePhone('030 1234567', '49')).toEqual({ ok: true, e164: '+49301234567' });
    expect(normalisePhone('020 7946 0018', '+44')).toEqual({ ok: true, e164: '+442079460018' });
    // Italy keeps the 0 after its country code.
    expect(normalisePhone('06 1234 5678', '39')).toEqual({ ok: true, e164: '+390612345678' });
    // An international number ignores the default country.
    expect(normalisePhone('+1 415 555 0100', '48')).toEqual({ ok: true, e164: '+14155550100' });
  });

  it('refuses what it cannot place rather than guessing', () => {
    expect(normalisePhone('600 123 456')).toMatchObject({ ok: false, problem: 'no-country' });
    expect(normalisePhone('call me')).toMatchObject({ ok: false, problem: 'characters' });
    expect(normalisePhone('+48 600 123 456 ext 2')).toMatchObject({ ok: false, problem: 'characters' });
    expect(normalisePhone('++48600123456')).toMatchObject({ ok: false, problem: 'characters' });
    expect(normalisePhone('+1234')).toMatchObject({ ok: false, problem: 'length' });
    expect(normalisePhone('+1234567890123456')).toMatchObject({ ok: false, problem: 'length' });
    expect(normalisePhone('+0600123456')).toMatchObject({ ok: false, problem: 'length' });
  });
});
