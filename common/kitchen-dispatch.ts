import type { z } from 'zod';
import { toErrorResponse } from './error-response.js';
import type { ApiResult } from './kitchen-api.js';
import { KITCHEN_API, type KitchenHandlers, type KitchenOperation } from './kitchen-contract.js';
import { inputRefused, type IssueSummary } from './kitchen-input.js';
import { SETTINGS_UNLOCK_FIELD } from './settings-lock.js';

/** Where an edge writes what a client is not told: the real text of an unexpected error. */
export interface ErrorLog {
  error(message: string, fields?: Record<string, unknown>): void;
}

const MAX_REPORTED_ISSUES = 10;

function summarise(error: z.ZodError): IssueSummary[] {
  return error.issues.slice(0, MAX_REPORTED_ISSUES).map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

export function isKitchenOperation(name: string): name is KitchenOperation {
  return Object.hasOwn(KITCHEN_API, name);
}

/**
 * The agent's check of a call's right to run, before its input is even read: the settings PIN
 * (agent/settings/settings-lock.ts) refuses an operation behind it without a valid unlock. Here,
 * where every transport's calls enter, so IPC and HTTP cannot differ.
 */
export interface CallAuthorizer {
  authorizeCall?(method: KitchenOperation, unlock: string | undefined): void;
}

/** The unlock token a call carries (a reserved key of its input), and the input without it. */
export function takeUnlock(input: unknown): { unlock: string | undefined; input: unknown } {
  if (typeof input !== 'object' || input === null || Array.isArray(input) || !Object.hasOwn(input, SETTINGS_UNLOCK_FIELD)) return { unlock: undefined, input };
  const { [SETTINGS_UNLOCK_FIELD]: unlock, ...rest } = input as Record<string, unknown>;
  return { unlock: typeof unlock === 'string' ? unlock : undefined, input: rest };
}

/** The outcome of one call: data for the client, and the HTTP status it maps to. */
export interface KitchenCallOutcome {
  status: number;
  result: ApiResult<unknown>;
}

/**
 * One call at a transport edge: the agent may refuse it first (CallAuthorizer), then the input is validated with its operation's schema (once, here),
 * the handler gets the parsed value, and every outcome is data. Errors go through the one mapper;
 * an unexpected one is logged with its real text and answered as INTERNAL.
 */
export async function dispatchKitchenCall(handlers: KitchenHandlers & CallAuthorizer, method: KitchenOperation, given: unknown, log: ErrorLog): Promise<KitchenCallOutcome> {
  const { unlock, input } = takeUnlock(given);
  try {
    handlers.authorizeCall?.(method, unlock);
  } catch (error) {
    const { status, body } = toErrorResponse(error);
    return { status, result: { ok: false, error: body } };
  }
  const parsed = KITCHEN_API[method].input.safeParse(input);
  if (!parsed.success) return { status: 400, result: { ok: false, error: inputRefused(method, summarise(parsed.error)) } };
  try {
    // Widened to the map's common shape: the schema of this very method produced the value.
    const handler = handlers[method] as (this: KitchenHandlers, input: unknown) => Promise<unknown>;
    return { status: 200, result: { ok: true, value: await handler.call(handlers, parsed.data) } };
  } catch (error) {
    const { status, body, unexpected } = toErrorResponse(error);
    if (unexpected) log.error(`${method} failed unexpectedly`, { method, error: unexpected.reason });
    return { status, result: { ok: false, error: body } };
  }
}
