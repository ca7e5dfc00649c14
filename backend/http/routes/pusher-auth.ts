import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import { REALTIME_ROUTES } from '../../../common/api/routes/realtime.js';
import { CodedError, ERRORS } from '../../../common/errors.js';
import type { ChannelAccess } from '../../realtime/channel-access.js';
import type { RequestGate } from '../auth.js';
import { addRoute } from '../route.js';

export type SignChannel = (socketId: string, channel: string) => { auth: string };

export async function registerPusherAuthRoute(app: FastifyInstance, gate: RequestGate, access: ChannelAccess, sign: SignChannel): Promise<void> {
  // Form bodies are parsed for this route only: every other route takes JSON and answers 415 otherwise.
  await app.register(async (scope) => {
    await scope.register(formbody);
    addRoute(scope, gate, REALTIME_ROUTES.pusherAuth, async ({ body, principal }) => {
      if (principal.kind === 'public' || !(await access.mayJoin(principal, body.channel_name))) {
        throw new CodedError(ERRORS.CHANNEL_FORBIDDEN, `this token may not subscribe to ${body.channel_name}`, {
          channel: body.channel_name,
        });
      }
      return sign(body.socket_id, body.channel_name);
    });
  });
}
