/** POST /apps/{id}/events and /batch_events: validate everything, then publish. */
import type { AppRuntime } from '../app-runtime.js';
import { channelKind } from '../channel-names.js';
import { channelAttributes, type ChannelAttributes } from './channel-attributes.js';
import { checkBatch, validateBatch, validateTrigger, type TriggerEvent, type TriggerRequest } from './event-validation.js';

function publish(runtime: AppRuntime, request: TriggerRequest): void {
  for (const channel of request.channels) runtime.publish(channel, request.name, request.data, request.exceptSocketId);
}

function attributesAfterPublish(runtime: AppRuntime, channel: string, request: TriggerRequest): ChannelAttributes {
  return channelAttributes(runtime.channels.get(channel), channelKind(channel) === 'presence', request.info);
}

/** Answers exactly `{}` unless `info` asked for channel attributes. */
export function triggerEvent(runtime: AppRuntime, body: unknown): object {
  const request = validateTrigger(body);
  publish(runtime, request);
  if (request.info.size === 0) return {};
  const channels: Record<string, ChannelAttributes> = {};
  for (const channel of request.channels) channels[channel] = attributesAfterPublish(runtime, channel, request);
  return { channels };
}

export function triggerBatch(runtime: AppRuntime, body: unknown): object {
  const requests = validateBatch(body);
  for (const request of requests) publish(runtime, request);
  if (requests.every((request) => request.info.size === 0)) return {};
  return {
    batch: requests.map((request) => attributesAfterPublish(runtime, request.channels[0] ?? '', request)),
  };
}

/**
 * A batch from the process hosting the relay: typed, so the JSON shape check is skipped; every
 * other check and limit of triggerBatch applies, all before anything is sent.
 */
export function triggerTypedBatch(runtime: AppRuntime, batch: readonly TriggerEvent[]): void {
  for (const request of checkBatch(batch)) publish(runtime, request);
}
