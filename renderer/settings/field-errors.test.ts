import { describe, expect, it } from 'vitest';
import { fieldErrorsFromDetails, fieldErrorsFromIssues, fieldPath, FORM_LEVEL } from './field-errors.js';

describe('fieldPath', () => {
  it('joins a zod path with dots and folds list entries of station fields into the field', () => {
    expect(fieldPath(['printers', 0, 'interface'])).toBe('printers.0.interface');
    expect(fieldPath(['printers', 1, 'stations', 2])).toBe('printers.1.stations');
    expect(fieldPath(['display', 'stations', 0])).toBe('display.stations');
    expect(fieldPath('realtime.port')).toBe('realtime.port');
  });
});

describe('fieldErrorsFromIssues', () => {
  it('keeps the first message per field and puts path-less issues on the form', () => {
    expect(
      fieldErrorsFromIssues([
        { path: ['backendUrl'], message: 'Invalid URL' },
        { path: ['backendUrl'], message: 'second' },
        { path: [], message: 'whole thing wrong' },
      ]),
    ).toEqual({ backendUrl: 'Invalid URL', [FORM_LEVEL]: 'whole thing wrong' });
  });
});

describe('fieldErrorsFromDetails (server-side VALIDATION_FAILED)', () => {
  it('reads zod issues given as an array or as { issues }', () => {
    const issues = [{ code: 'too_big', path: ['realtime', 'port'], message: 'Too big: expected number to be <=65535' }];
    expect(fieldErrorsFromDetails(issues)).toEqual({ 'realtime.port': 'Too big: expected number to be <=65535' });
    expect(fieldErrorsFromDetails({ issues })).toEqual({ 'realtime.port': 'Too big: expected number to be <=65535' });
  });

  it('yields nothing for details it does not understand', () => {
    expect(fieldErrorsFromDetails('nope')).toEqual({});
    expect(fieldErrorsFromDetails({ issues: [42] })).toEqual({});
    expect(fieldErrorsFromDetails(undefined)).toEqual({});
  });
});
