import { z } from 'zod';

export const COURIER_LIMITS = { maxVendorLength: 64, maxUrlLength: 2000, maxEtaMinutes: 24 * 60 } as const;

/**
 * `PUT /api/orders/:id/courier`: who delivers and where the diner follows it. https only: the link
 * is opened on the diner's phone, and a plain-http or javascript: link must never reach it.
 */
export const CourierInputSchema = z.strictObject({
  vendor: z.string().trim().min(1).max(COURIER_LIMITS.maxVendorLength),
  trackingUrl: z
    .string()
    .max(COURIER_LIMITS.maxUrlLength)
    .pipe(z.url({ protocol: /^https$/, hostname: z.regexes.domain, error: 'trackingUrl must be an https URL with a host name' })),
  etaMinutes: z.number().int().min(0).max(COURIER_LIMITS.maxEtaMinutes).optional(),
});
export type CourierInput = z.infer<typeof CourierInputSchema>;

/** The courier of an order: one per order, replaced by every update. */
export const CourierSchema = z.object({
  orderId: z.string(),
  vendor: z.string(),
  trackingUrl: z.string(),
  etaMinutes: z.number().int().optional(),
  updatedAt: z.string(),
  version: z.number().int().min(1),
});
export type Courier = z.infer<typeof CourierSchema>;
