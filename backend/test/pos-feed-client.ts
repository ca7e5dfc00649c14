import { createRequire } from 'node:module';
import { EventsPageSchema, type TicketEvent } from '../../common/events.js';
import { PosFeedConfigSchema } from '../../common/pos-feed.js';

const require = createRequire(import.meta.url);
const PusherJs = require('pusher-js') as typeof import('pusher-js').default;

const PAGE = 200;

export interface PosFeedListener {
  pusher: InstanceType<typeof PusherJs>;
  /** Every event handed to onEvent, in the order it was. */
  applied: TicketEvent[];
  catchUp(): Promise<void>;
  stop(): void;
}

/**
 * The client docs/pos-feed.md gives POS vendors, in TypeScript and line for line: settings from
 * /api/pos/config, pusher-js on private-pos as the doorbell, /api/events?channel=pos as the mailbox,
 * a catch-up on every (re)subscription and every event, each event applied once in seq order. The
 * docs' 30 s safety timer is left to the test, which drives catch-ups itself.
 */
export async function listenToPosFeed(backendUrl: string, posToken: string, onError: (error: unknown) => void): Promise<PosFeedListener> {
  const auth = { Authorization: `Bearer ${posToken}` };
  const config = PosFeedConfigSchema.parse(await (await fetch(`${backendUrl}/api/pos/config`, { headers: auth })).json());
  const applied: TicketEvent[] = [];
  let cursor = 0;
  let running: Promise<void> | null = null;
  let again = false;

  function catchUp(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        for (;;) {
          const response = await fetch(`${config.eventsEndpoint}&after=${cursor}&limit=${PAGE}`, { headers: auth });
          if (!response.ok) throw new Error(`catch-up failed: HTTP ${response.status}`);
          const page = EventsPageSchema.parse(await response.json());
          for (const event of page.events) {
            if (event.seq <= cursor) continue;
            applied.push(event);
            cursor = event.seq;
          }
          if (page.events.length < PAGE) {
            cursor = Math.max(cursor, page.lastSeq);
            break;
          }
        }
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  const pusher = new PusherJs(config.key, {
    cluster: config.cluster ?? 'local',
    ...(config.host ? { wsHost: config.host, httpHost: config.host } : {}),
    ...(config.port ? { wsPort: config.port, wssPort: config.port } : {}),
    forceTLS: config.useTLS,
    enabledTransports: config.useTLS ? ['wss'] : ['ws'],
    disableStats: true,
    channelAuthorization: { endpoint: config.authEndpoint, transport: 'ajax', headers: auth },
  });
  const channel = pusher.subscribe(config.channel);
  channel.bind('pusher:subscription_succeeded', () => catchUp().catch(onError));
  channel.bind_global((name: string) => {
    if (!name.startsWith('pusher:')) catchUp().catch(onError);
  });
  return { pusher, applied, catchUp, stop: () => pusher.disconnect() };
}
