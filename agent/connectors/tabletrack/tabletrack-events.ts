import { z } from 'zod';
import { PrintPayloadSchema, TableTrackIdSchema } from './tabletrack-contract.js';

/**
 * The two events a TableTrack install broadcasts that the agent listens to (app/Events/
 * PrintJobCreated.php, app/Events/OrderUpdated.php). Neither carries a sequence number, and
 * Pusher never replays: they are doorbells and hints, the pull is the truth.
 */

/** `print-job.created` on `print-jobs`: PrintJobCreated::broadcastWith. Only the id is relied on. */
export const PrintJobCreatedSchema = z.looseObject({
  print_job_id: TableTrackIdSchema,
  restaurant_id: TableTrackIdSchema.nullish(),
  branch_id: TableTrackIdSchema.nullish(),
  printer_id: TableTrackIdSchema.nullish(),
  status: z.string().nullish(),
  /** The whole ticket rides along; the agent still prints what the pull hands out (the claim). */
  payload: PrintPayloadSchema.nullish(),
  created_at: z.string().nullish(),
  timestamp: z.string().nullish(),
  type: z.string().nullish(),
  printer_info: z
    .looseObject({
      printer_name: z.string().nullish(),
      printer_type: z.string().nullish(),
      print_format: z.string().nullish(),
    })
    .nullish(),
});
export type PrintJobCreated = z.output<typeof PrintJobCreatedSchema>;

/** `order.updated` on `orders`: OrderUpdated::broadcastWith. */
export const OrderUpdatedSchema = z.looseObject({
  order_id: TableTrackIdSchema,
  /** TableTrack's own order status (`kot`, `billed`, `paid`, `canceled`, …): shown as it is. */
  status: z.string().nullish(),
  action: z.string().nullish(),
  order_type: z.string().nullish(),
  order_type_id: TableTrackIdSchema.nullish(),
  waiter_id: TableTrackIdSchema.nullish(),
  table_id: TableTrackIdSchema.nullish(),
  customer_id: TableTrackIdSchema.nullish(),
  updated_at: z.string().nullish(),
  timestamp: z.string().nullish(),
});
export type OrderUpdated = z.output<typeof OrderUpdatedSchema>;

/**
 * A realtime message's data as one of the schemas, or undefined. pusher-js hands over parsed JSON,
 * or the raw string when it is not JSON; neither may throw inside its socket handler.
 */
export function readRealtimeData<S extends z.ZodType>(schema: S, data: unknown): z.output<S> | undefined {
  let json = data;
  if (typeof data === 'string') {
    try {
      json = JSON.parse(data) as unknown;
    } catch {
      return undefined;
    }
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
