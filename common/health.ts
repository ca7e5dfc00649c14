import { z } from 'zod';

export const REALTIME_MODES = ['embedded', 'external'] as const;

/** `GET /api/health` (no auth): enough for a monitor or an agent's "test connection". */
export const BackendHealthSchema = z.object({
  ok: z.boolean(),
  db: z.enum(['ok', 'error']),
  realtime: z.object({
    mode: z.enum(REALTIME_MODES),
    /** Events handed to the Pusher-protocol service since start. */
    published: z.number().int(),
    /** Events whose publish failed since start (agents recover them through `GET /api/events`). */
    failed: z.number().int(),
    /** Events committed but not yet handed over (a backlog after a burst or while the service is down). */
    queued: z.number().int().optional(),
  }),
  counts: z.object({
    orders: z.number().int(),
    activeOrders: z.number().int(),
    pendingJobs: z.number().int(),
  }),
});
export type BackendHealth = z.infer<typeof BackendHealthSchema>;
