import { z } from 'zod';

/** Path parameter `:id` of orders, print jobs and payments. */
export const IdParamsSchema = z.object({ id: z.string().min(1).max(64) });

/** `?ids=a,b,c`: a lookup of up to `max` known ids in one request; unknown ids are left out of the answer. */
export const queryIds = (max: number) =>
  z
    .string()
    .transform((value) => [...new Set(value.split(',').filter(Boolean))])
    .pipe(z.array(IdParamsSchema.shape.id.regex(/^[A-Za-z0-9_-]+$/, 'ids are letters, digits, "_" and "-"')).min(1).max(max));

/** Query numbers arrive as strings. */
export const queryInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** A POST that takes no input: no body, or an empty JSON object (a client that always sends one). */
export const NoBodySchema = z.union([z.undefined(), z.null(), z.strictObject({})]);
