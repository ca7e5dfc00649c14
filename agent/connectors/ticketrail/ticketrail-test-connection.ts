import type { TestConnectionResult } from '../../../common/kitchen-api.js';
import { BackendHttpError, type BackendClient } from './backend-client.js';
import { describeError } from '../../describe-error.js';
import type { SettingsService } from '../../settings/settings-service.js';

/**
 * Test connection for TicketRail's backend: asks it for its realtime settings with the saved URL
 * and token, and stores what it found. The connection fields are replaced as a whole: merged over
 * the old ones, a move from a host/port relay to a hosted cluster kept the old host and port, and
 * pusher-js got both. What the person chose (realtime on or off, the polling interval) stays.
 */
export async function testTicketRailConnection(backend: BackendClient, settings: SettingsService): Promise<TestConnectionResult> {
  try {
    const config = await backend.agentConfig();
    const realtime = {
      key: config.key,
      ...(config.host ? { host: config.host } : {}),
      ...(config.port ? { port: config.port } : {}),
      ...(config.cluster ? { cluster: config.cluster } : {}),
      useTLS: config.useTLS,
    };
    const { enabled, pollIntervalMs } = settings.get().realtime;
    settings.save({ realtime: { enabled, pollIntervalMs, ...realtime } });
    const where = config.cluster ? `cluster ${config.cluster}` : `${config.host ?? '?'}:${config.port ?? '?'}`;
    return { ok: true, message: `connected: realtime key ${config.key} at ${where}${config.embedded ? ' (embedded relay)' : ''}`, realtime: { ...realtime, embedded: config.embedded } };
  } catch (error) {
    const message = error instanceof BackendHttpError ? `backend refused: ${error.body.message} (${error.body.code})` : describeError(error);
    return { ok: false, message };
  }
}
