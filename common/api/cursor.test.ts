import { describe, expect, it } from 'vitest';
import { CompletedCursorSchema, CursorSchema, encodeCompletedCursor, encodeCursor, fromBase64Url, toBase64Url } from './cursor.js';
import { pathOf } from './route.js';

/*
 * Cursors moved from the backend (Node's Buffer) to the contract (pure TypeScript): a cursor a
 * client holds from before must still read, and new ones must be the same text.
 */
describe('list cursors', () => {
  const nodeBase64Url = (text: string) => Buffer.from(text).toString('base64url');

  it("are written exactly as Node's base64url wrote them", () => {
    for (const position of [0, 1, 7, 42, 12_345, 999_999_999_999_999]) expect(encodeCursor(position)).toBe(nodeBase64Url(`p${position}`));
    const last = { completedAt: '2026-12-07T22:46:20.123Z', position: 981 };
    expect(encodeCompletedCursor(last)).toBe(nodeBase64Url(`c${last.completedAt}|${last.position}`));
    for (const text of ['', 'a', 'ab', 'abc', 'abcd', '~~~?>>>']) expect(toBase64Url(text)).toBe(nodeBase64Url(text));
  });

  it("read cursors Node wrote, padded or not, and refuse what the API never returned", () => {
    expect(CursorSchema.parse(nodeBase64Url('p981'))).toBe(981);
    expect(CursorSchema.parse(`${nodeBase64Url('p98')}==`)).toBe(98);
    expect(fromBase64Url(Buffer.from('p1>?').toString('base64'))).toBe('p1>?');
    expect(CompletedCursorSchema.parse(nodeBase64Url('c2026-12-07T22:46:20.123Z|5'))).toEqual({ completedAt: '2026-12-07T22:46:20.123Z', position: 5 });
    for (const bad of ['', 'not a cursor', nodeBase64Url('x12'), nodeBase64Url('p12x')]) expect(CursorSchema.safeParse(bad).success, bad).toBe(false);
    expect(CompletedCursorSchema.safeParse(encodeCursor(5)).success).toBe(false);
  });
});

describe('the path of a call', () => {
  it('fills each parameter URL-encoded and appends the query without undefined values', () => {
    expect(pathOf({ path: '/api/orders/:id/stations/:station/ready' }, { id: 'ord 1/2', station: 'bar' })).toBe('/api/orders/ord%201%2F2/stations/bar/ready');
    expect(pathOf({ path: '/api/events' }, undefined, { after: 3, limit: 200, order: undefined })).toBe('/api/events?after=3&limit=200');
    expect(pathOf({ path: '/api/orders' }, undefined, { ids: 'a,b' })).toBe('/api/orders?ids=a%2Cb');
  });

  it('refuses a call without a parameter its path names', () => {
    expect(() => pathOf({ path: '/api/print-jobs/:id' }, {})).toThrow('parameter id missing');
  });
});
