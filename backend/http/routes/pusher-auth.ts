import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CodedError, ERRORS } from '../../../common/errors.js';
import type { ChannelAccess } from '../../realtime/channel-access.js';
import type { RequestGate } from '../auth.js';
import { addRoute } from '../route.js';

/** What pusher-js posts (form-urlencoded by default; JSON accepted too). */
const ChannelAuthBodySchema = z.object({
  socket_id: z.string().regex(/^\d{1,20}\.\d{1,20}$/, 'socket_id must look like 1234.5678'),
  channel_name: z.string().regex(/^[A-Za-z0-9_\-=@,.;]{1,200}$/, 'channel_name has characters Pusher does not allow'),
});

export type SignChannel = (socketId: string, channel: string) => { auth: string };

export async function registerPusherAuthRoute(app: FastifyInstance, gate: RequestGate, access: ChannelAccess, sign: SignChannel): Promise<void> {
  // Form bodies are parsed for this route only: every other route takes JSON and answers 415 otherwise.
  await app.register(async (scope) => {
    await scope.register(formbody);
    addRoute(scope, gate, {
      method: 'POST',
      url: '/api/pusher/auth',
      access: { staff: ['agent', 'pos'], customer: true },
      body: ChannelAuthBodySchema,
      handler: async ({ body, principal }) => {
        if (principal.kind === 'public' || !(await access.mayJoin(principal, body.channel_name))) {
          throw new CodedError(ERRORS.CHANNEL_FORBIDDEN, `this token may not subscribe to ${body.channel_name}`, {
            channel: body.channel_name,
          });
        }
        return sign(body.socket_id, body.channel_name);
      },
    });
  });
}
