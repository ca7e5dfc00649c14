import { toErrorResponse } from '../../../common/error-response.js';
import type { TestConnectionResult } from '../../../common/kitchen-api.js';
import { BackendHttpError, type BackendClient } from './backend-client.js';
import type { AgentLogger } from '../../ports.js';
import type { SettingsService } from '../../settings/settings-service.js';

/**
 * Test connection for TicketRail's backend: asks it for its realtime settings with the saved URL
 * and token, and stores what it found. The connection fields are replaced as a whole: merged over
 * the old ones, a move from a host/port relay to a hosted cluster kept the old host and port, and
 * pusher-js got both. What the person chose (realtime on or off, the polling interval) stays.
 */
export async function testTicketRailConnection(backend: BackendClient, settings: SettingsService, logger: AgentLogger): Promise<TestConnectionResult> {
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
    if (error instanceof BackendHttpError && error.status < 500) {
      return { ok: false, message: `backend refused: ${error.body.message} (${error.body.code})`, error: error.body };
    }
    // The one mapper's plain words (unreachable, a failing backend, an answer that is not the
    // contract's); what a person cannot act on — a zod dump, a stack — goes to the log only.
    const { body, unexpected } = toErrorResponse(error);
    if (unexpected) logger.error('Test connection: the backend answered unexpectedly', { error: unexpected.reason });
    return { ok: false, message: body.message, error: body };
  }
}
