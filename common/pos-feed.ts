import { z } from 'zod';

/**
 * `GET /api/pos/config`: what a POS terminal needs to listen to the POS feed — the Pusher key and
 * host (of Pusher Channels, a self-run service or the backend's embedded relay), the one channel
 * it may join, where pusher-js gets its subscription signed, and where it catches up.
 */
export const PosFeedConfigSchema = z.object({
  key: z.string(),
  cluster: z.string().optional(),
  host: z.string().optional(),
  port: z.number().int().optional(),
  useTLS: z.boolean(),
  /** `private-pos`, or `private-loc-ID-pos` for a location of a chain. */
  channel: z.string().regex(/^private-(loc-[a-z0-9][a-z0-9-]{0,31}-)?pos$/),
  /** `POST` here with `socket_id` and `channel_name` and the pos token (pusher-js does it). */
  authEndpoint: z.string(),
  /** `GET` here with `&after=<seq>` and the pos token: the events the terminal missed. */
  eventsEndpoint: z.string(),
});
export type PosFeedConfig = z.infer<typeof PosFeedConfigSchema>;
