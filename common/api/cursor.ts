import { z } from 'zod';

/*
 * List cursors are opaque to clients: base64url of the last row's insertion position, so a page
 * boundary stays stable while new rows are appended. Pure TypeScript (the contract runs in pages
 * too): cursors are ASCII, so base64url is done by hand rather than with Node's Buffer.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url without padding of an ASCII string (as Buffer's 'base64url' writes it). */
export function toBase64Url(ascii: string): string {
  let out = '';
  for (let i = 0; i < ascii.length; i += 3) {
    const a = ascii.charCodeAt(i) & 0xff;
    const b = i + 1 < ascii.length ? ascii.charCodeAt(i + 1) & 0xff : 0;
    const c = i + 2 < ascii.length ? ascii.charCodeAt(i + 2) & 0xff : 0;
    const bits = (a << 16) | (b << 8) | c;
    out += ALPHABET[(bits >> 18) & 63]! + ALPHABET[(bits >> 12) & 63]!;
    if (i + 1 < ascii.length) out += ALPHABET[(bits >> 6) & 63]!;
    if (i + 2 < ascii.length) out += ALPHABET[bits & 63]!;
  }
  return out;
}

/** The text of base64url (padding and characters outside the alphabet skipped, as Buffer does). */
export function fromBase64Url(value: string): string {
  let bits = 0;
  let count = 0;
  let out = '';
  for (const char of value.replace(/\+/g, '-').replace(/\//g, '_')) {
    const index = ALPHABET.indexOf(char);
    if (index < 0) continue;
    bits = (bits << 6) | index;
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += String.fromCharCode((bits >> count) & 0xff);
    }
  }
  return out;
}

export function encodeCursor(position: number): string {
  return toBase64Url(`p${position}`);
}

export const CursorSchema = z
  .string()
  .max(32)
  .transform((value, context) => {
    const decoded = /^p(\d{1,15})$/.exec(fromBase64Url(value));
    if (!decoded) {
      context.addIssue({ code: 'custom', message: 'cursor is not one this API returned' });
      return z.NEVER;
    }
    return Number(decoded[1]);
  });

/** `nextCursor` of a page: set only when the page is full, so an empty last page is never needed. */
export function nextCursor(positions: readonly number[], limit: number): string | null {
  const last = positions[positions.length - 1];
  return positions.length === limit && last !== undefined ? encodeCursor(last) : null;
}

/**
 * The cursor of a completed-orders page (newest completion first): the last row's completion time
 * and position, as the keyset the next page starts after.
 */
export function encodeCompletedCursor(last: { completedAt: string; position: number }): string {
  return toBase64Url(`c${last.completedAt}|${last.position}`);
}

export const CompletedCursorSchema = z
  .string()
  .max(96)
  .transform((value, context) => {
    const decoded = /^c(\d{4}-\d{2}-\d{2}T[0-9:.]+Z)\|(\d{1,15})$/.exec(fromBase64Url(value));
    if (!decoded) {
      context.addIssue({ code: 'custom', message: 'cursor is not one this API returned for status=completed' });
      return z.NEVER;
    }
    return { completedAt: decoded[1] as string, position: Number(decoded[2]) };
  });
