import { ERROR_CODES, type ErrorBody } from '../../../common/errors.js';
import type { TestConnectionResult } from '../../../common/kitchen-api.js';
import { PusherChannels } from '../../util/pusher-channels.js';
import { authHeaderField, pusherAppOptions } from './pusher-app-realtime.js';
import { PUSHER_APP_SECTION, type PusherAppSettings } from './pusher-app-settings.js';

/** How long Test connection waits for Pusher to connect and the channel to be granted (network time). */
export const PUSHER_APP_TEST_TIMEOUT_MS = 10_000;

/** A refusal on one field of the section: the settings screen shows it there (details.issues). */
function onField(field: readonly string[], message: string): TestConnectionResult {
  const error: ErrorBody = { code: ERROR_CODES.VALIDATION_FAILED, message, details: { issues: [{ path: [PUSHER_APP_SECTION, ...field], message }] } };
  return { ok: false, message, error };
}

/**
 * Test connection for the `pusher-app` connector: connects to the app's Pusher with the saved
 * settings and subscribes to its channel, as the running connector would (through the auth
 * endpoint for a private or presence channel), then disconnects. A refusal of the auth endpoint
 * (401 / 403) is shown on the auth header; one it cannot give (no answer, 404) on the endpoint.
 */
export function testPusherAppConnection(settings: PusherAppSettings | undefined, timeoutMs = PUSHER_APP_TEST_TIMEOUT_MS): Promise<TestConnectionResult> {
  if (!settings) return Promise.resolve(onField([], 'no Pusher app is configured yet: fill in the Pusher app section and save'));
  return new Promise((resolve) => {
    let refusedStatus: number | undefined;
    let lastState = 'connecting';
    const where = settings.host ? `${settings.host}${settings.port ? `:${settings.port}` : ''}` : `cluster ${settings.cluster ?? 'mt1'}`;
    const finish = (result: TestConnectionResult) => {
      clearTimeout(timer);
      channels.stop();
      resolve(result);
    };
    const channels = new PusherChannels(
      {
        state: (current) => current,
        connected: 'subscribed',
        refused: (_channel, status) => {
          refusedStatus = status;
          return 'refused';
        },
      },
      {
        onSubscribed: () => finish({ ok: true, message: `connected to Pusher at ${where}: listening on ${settings.channel} for ${settings.event}` }),
        onStateChange: (_connected, detail) => {
          if (detail !== 'refused') {
            lastState = detail;
            return;
          }
          if (refusedStatus === 401 || refusedStatus === 403) {
            finish(onField(['authHeaders', authHeaderField(settings)], `the auth endpoint refused the subscription to ${settings.channel} (${refusedStatus}): check this header`));
          } else {
            finish(onField(['authEndpoint'], `the subscription to ${settings.channel} was refused (${refusedStatus ?? 'no answer from the auth endpoint'})`));
          }
        },
      },
    );
    const timer = setTimeout(
      () => finish(onField(lastState === 'connected' ? ['channel'] : settings.host ? ['host'] : ['key'], `no answer from Pusher at ${where} within ${timeoutMs / 1000} s (last state: ${lastState})`)),
      timeoutMs,
    );
    channels.start(settings.key, pusherAppOptions(settings), [{ channel: settings.channel, events: [], on: () => undefined }]);
  });
}
