/**
 * Turns HTTP API event bodies into checked TriggerRequests: shape first (400), then names (400),
 * channel count (400), socket id (400) and the 10 KB data limit (413).
 */
import { z } from 'zod';
import { isValidChannelName, isValidEventName, isValidSocketId } from '../channel-names.js';
import { RelayHttpError } from '../errors.js';
import { MAX_BATCH_EVENTS, MAX_CHANNELS_PER_EVENT, MAX_EVENT_DATA_BYTES } from '../limits.js';
import { parseInfoAttributes, type InfoAttribute } from './info-attributes.js';

const eventShape = z.object({
  name: z.string(),
  data: z.string(),
  channel: z.string().optional(),
  channels: z.array(z.string()).optional(),
  socket_id: z.string().optional(),
  info: z.string().optional(),
});

const batchShape = z.object({ batch: z.array(z.unknown()) });

export interface TriggerRequest {
  name: string;
  data: string;
  channels: string[];
  exceptSocketId?: string;
  info: ReadonlySet<InfoAttribute>;
}

export const EVENT_INFO_ATTRIBUTES = ['user_count', 'subscription_count'] as const satisfies readonly InfoAttribute[];

export function parseJsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new RelayHttpError('RELAY_ERR_INVALID_JSON');
  }
}

/** An event body whose shape is already known: what JSON passes through `eventShape` gives. */
export type TriggerEvent = z.infer<typeof eventShape>;

export function validateTrigger(value: unknown): TriggerRequest {
  const parsed = eventShape.safeParse(value);
  if (!parsed.success) throw new RelayHttpError('RELAY_ERR_INVALID_BODY', 'expected {name, data: string, channel | channels}');
  return checkTrigger(parsed.data);
}

/**
 * The checks past the shape: names (400), channel count (400), socket id (400), data size (413).
 * The in-process path (typed events, no JSON) starts here; HTTP bodies come through validateTrigger.
 */
export function checkTrigger(event: TriggerEvent): TriggerRequest {
  if (!isValidEventName(event.name)) throw new RelayHttpError('RELAY_ERR_INVALID_EVENT_NAME');
  const channels = event.channels ?? (event.channel === undefined ? [] : [event.channel]);
  if (channels.length === 0) throw new RelayHttpError('RELAY_ERR_NO_CHANNELS');
  if (channels.length > MAX_CHANNELS_PER_EVENT) throw new RelayHttpError('RELAY_ERR_TOO_MANY_CHANNELS');
  const invalid = channels.find((channel) => !isValidChannelName(channel));
  if (invalid !== undefined) throw new RelayHttpError('RELAY_ERR_INVALID_CHANNEL_NAME', JSON.stringify(invalid));
  if (event.socket_id !== undefined && !isValidSocketId(event.socket_id)) {
    throw new RelayHttpError('RELAY_ERR_INVALID_SOCKET_ID');
  }
  const dataBytes = Buffer.byteLength(event.data, 'utf8');
  if (dataBytes > MAX_EVENT_DATA_BYTES) {
    throw new RelayHttpError('RELAY_ERR_EVENT_DATA_TOO_LARGE', `${dataBytes} bytes`);
  }

  const request: TriggerRequest = {
    name: event.name,
    data: event.data,
    channels,
    info: parseInfoAttributes(event.info, EVENT_INFO_ATTRIBUTES),
  };
  if (event.socket_id !== undefined) request.exceptSocketId = event.socket_id;
  return request;
}

/** A batch is all-or-nothing: one bad event rejects the whole request before anything is sent. */
export function validateBatch(value: unknown): TriggerRequest[] {
  const parsed = batchShape.safeParse(value);
  if (!parsed.success) throw new RelayHttpError('RELAY_ERR_INVALID_BODY', 'expected {batch: [...]}');
  if (parsed.data.batch.length > MAX_BATCH_EVENTS) throw new RelayHttpError('RELAY_ERR_BATCH_TOO_LARGE');
  return checkBatchEvents(parsed.data.batch, validateTrigger);
}

/** A typed batch (the in-process path): the same checks and limits as validateBatch, minus the shape. */
export function checkBatch(batch: readonly TriggerEvent[]): TriggerRequest[] {
  if (batch.length > MAX_BATCH_EVENTS) throw new RelayHttpError('RELAY_ERR_BATCH_TOO_LARGE');
  return checkBatchEvents(batch, checkTrigger);
}

function checkBatchEvents<E>(batch: readonly E[], check: (event: E) => TriggerRequest): TriggerRequest[] {
  return batch.map((event) => {
    const request = check(event);
    // Batch events name exactly one channel each.
    if (request.channels.length !== 1) throw new RelayHttpError('RELAY_ERR_INVALID_BODY', 'each batch event needs one channel');
    return request;
  });
}
