import type { BoardUpdate } from '../../common/kitchen-api.js';

const UPDATE_TYPES: ReadonlySet<string> = new Set<BoardUpdate['type']>([
  'snapshot',
  'order',
  'order.removed',
  'connection',
  'print-job',
  'notice',
  'printing',
  'alert',
]);

/**
 * A WebSocket message as a BoardUpdate, or undefined when it is not one. The agent is trusted for
 * the payload's detail; this guards against garbage and types added by a newer agent.
 */
export function parseBoardUpdate(data: unknown): BoardUpdate | undefined {
  if (typeof data !== 'string') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const type = (parsed as { type?: unknown }).type;
  return typeof type === 'string' && UPDATE_TYPES.has(type) ? (parsed as BoardUpdate) : undefined;
}
