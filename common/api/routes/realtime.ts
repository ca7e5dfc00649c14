import { z } from 'zod';
import { AgentRealtimeConfigSchema } from '../../agent-config.js';
import { DinerSessionSchema } from '../../diner-schemas.js';
import { PosFeedConfigSchema } from '../../pos-feed.js';
import { defineRoute } from '../route.js';

/** What pusher-js posts (form-urlencoded by default; JSON accepted too). */
export const ChannelAuthBodySchema = z.object({
  socket_id: z.string().regex(/^\d{1,20}\.\d{1,20}$/, 'socket_id must look like 1234.5678'),
  channel_name: z.string().regex(/^[A-Za-z0-9_\-=@,.;]{1,200}$/, 'channel_name has characters Pusher does not allow'),
});

/** A signed subscription, as pusher-js reads it. */
export const ChannelAuthAnswerSchema = z.object({ auth: z.string(), channel_data: z.string().optional() });

/** How each kind of client reaches the Pusher-protocol service, and the signing of its private channels. */
export const REALTIME_ROUTES = {
  agentConfig: defineRoute({ method: 'GET', path: '/api/agent/config', access: { staff: ['agent'] }, answer: AgentRealtimeConfigSchema }),
  posConfig: defineRoute({ method: 'GET', path: '/api/pos/config', access: { staff: ['pos'] }, answer: PosFeedConfigSchema }),
  dinerSession: defineRoute({ method: 'GET', path: '/api/diner/session', access: { staff: [], customer: true }, answer: DinerSessionSchema }),
  pusherAuth: defineRoute({
    method: 'POST',
    path: '/api/pusher/auth',
    access: { staff: ['agent', 'pos'], customer: true },
    body: ChannelAuthBodySchema,
    bodyEncoding: 'form-or-json',
    answer: ChannelAuthAnswerSchema,
  }),
} as const;
