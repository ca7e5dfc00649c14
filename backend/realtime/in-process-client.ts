/**
 * Publishing to the relay this backend embeds, without leaving the process: no HTTP request, no
 * signature, no JSON body to parse again. The relay runs the same checks and the same delivery as
 * its `POST /apps/{id}/batch_events` endpoint (RelayHandlers.triggerBatch), so subscribers cannot
 * tell the two paths apart; the `pusher` SDK path stays for every other Pusher-protocol service.
 */
import type Pusher from 'pusher';
import type { RelayBatchEvent, RunningRelay } from '../relay/index.js';
import type { PusherClient } from './publisher.js';

/** What the HTTP endpoint answers a batch without `info`: the publisher reads and drops it. */
const EMPTY_ANSWER = { text: () => Promise.resolve('{}') };

/** The SDK sends `data` as given when it is a string and as JSON otherwise; so does this. */
function wireEvent(event: Pusher.BatchEvent): RelayBatchEvent {
  const wire: RelayBatchEvent = {
    channel: event.channel,
    name: event.name,
    data: typeof event.data === 'string' ? event.data : JSON.stringify(event.data),
  };
  if (event.socket_id !== undefined) wire.socket_id = event.socket_id;
  return wire;
}

export function inProcessClient(relay: Pick<RunningRelay, 'triggerBatch'>, appId: string): PusherClient {
  return {
    // async: a refused batch (a RelayHttpError) becomes a rejection, as a 4xx is for the SDK.
    triggerBatch: async (batch) => {
      relay.triggerBatch(appId, batch.map(wireEvent));
      return EMPTY_ANSWER;
    },
  };
}
