import { KITCHEN_API_METHODS, type KitchenApiMethod } from '../../common/kitchen-api-methods.js';
import type { KitchenApi, KitchenApiOutput } from '../../common/kitchen-contract.js';
import { withUnlock } from './settings-unlock.js';

/** How one transport carries one call: the operation's name and its input (undefined when none). */
export type KitchenCall = <M extends KitchenApiMethod>(method: M, input: unknown) => Promise<KitchenApiOutput<M>>;

/**
 * Every operation of KITCHEN_API over one transport, built from the zod-free name list (this is in
 * the board's startup chunk): an adapter supplies how a call travels, not a table of methods. Calls
 * behind the settings PIN carry the board's unlock, when it holds one (settings-unlock.ts).
 */
export function kitchenCalls(call: KitchenCall): Omit<KitchenApi, 'subscribe'> {
  // The one widening: each entry is `call` bound to its own method name, which is what the mapped
  // KitchenApi type says, but the compiler cannot follow it through Object.fromEntries.
  return Object.fromEntries(KITCHEN_API_METHODS.map((method) => [method, (input?: unknown) => call(method, withUnlock(method, input))])) as unknown as Omit<KitchenApi, 'subscribe'>;
}
