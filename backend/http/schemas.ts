import { z } from 'zod';

/** Path parameter `:id` of orders and print jobs. */
export const IdParamsSchema = z.object({ id: z.string().min(1).max(64) });

/** Query numbers arrive as strings. */
export const queryInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
