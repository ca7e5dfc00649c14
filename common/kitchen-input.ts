import { ERROR_CODES, type ErrorBody } from './errors.js';

/*
 * Input checks every edge shares, free of zod: the preload (sandboxed, one bundled file) uses
 * them too.
 */

/** One validation problem, as a client may show it: where and what, never the value. */
export interface IssueSummary {
  path: string;
  message: string;
}

/** The refusal of an input that failed its operation's schema; the same over IPC and HTTP. */
export function inputRefused(method: string, issues: readonly IssueSummary[]): ErrorBody {
  return { code: ERROR_CODES.VALIDATION_FAILED, message: `${method}: invalid input`, details: { issues } };
}

/** Every operation takes one plain object, or nothing. */
export const NOT_ONE_OBJECT: IssueSummary = { path: '', message: 'expected one object argument (or none)' };

/**
 * Plain data only: IPC delivers structured clones, in which a Map, a Date, an array or a primitive
 * would arrive as something no schema was written for.
 */
export function isPlainInput(value: unknown): boolean {
  if (value === undefined) return true;
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
