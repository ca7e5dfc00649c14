import { z } from 'zod';

/**
 * Locations of a chain (issue 23). Every order, print job, event, payment, gift card, loyalty
 * account and report of the backend belongs to one; an install that never made one keeps
 * everything in `default`, whose channels keep the names a single restaurant always had.
 */
export const DEFAULT_LOCATION = 'default';

/** A location id: lower-case letters, digits and dashes, starting with a letter or digit, at most 32. */
export const LOCATION_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/;

export const LocationIdSchema = z.string().regex(LOCATION_ID_PATTERN, 'a location id is 1-32 of a-z, 0-9 and "-", not starting with "-"');

export const LOCATION_NAME_MAX = 100;

export const LocationSchema = z.object({
  id: LocationIdSchema,
  name: z.string().min(1).max(LOCATION_NAME_MAX),
  createdAt: z.string(),
});
export type Location = z.infer<typeof LocationSchema>;
