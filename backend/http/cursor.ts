import { z } from 'zod';

/**
 * List cursors are opaque to clients: base64url of the last row's insertion position, so a page
 * boundary stays stable while new rows are appended.
 */
export function encodeCursor(position: number): string {
  return Buffer.from(`p${position}`).toString('base64url');
}

export const CursorSchema = z
  .string()
  .max(32)
  .transform((value, context) => {
    const decoded = /^p(\d{1,15})$/.exec(Buffer.from(value, 'base64url').toString());
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
  return Buffer.from(`c${last.completedAt}|${last.position}`).toString('base64url');
}

export const CompletedCursorSchema = z
  .string()
  .max(96)
  .transform((value, context) => {
    const decoded = /^c(\d{4}-\d{2}-\d{2}T[0-9:.]+Z)\|(\d{1,15})$/.exec(Buffer.from(value, 'base64url').toString());
    if (!decoded) {
      context.addIssue({ code: 'custom', message: 'cursor is not one this API returned for status=completed' });
      return z.NEVER;
    }
    return { completedAt: decoded[1] as string, position: Number(decoded[2]) };
  });
