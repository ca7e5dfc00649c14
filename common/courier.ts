import { z } from 'zod';

export const COURIER_LIMITS = { maxVendorLength: 64, maxNameLength: 64, maxPhoneLength: 32, maxUrlLength: 2000, maxEtaMinutes: 24 * 60 } as const;

/** A phone number as people type it: digits with an optional leading +, spaces, dots, dashes, brackets. */
export const CourierPhoneSchema = z
  .string()
  .trim()
  .max(COURIER_LIMITS.maxPhoneLength)
  .regex(/^\+?[0-9][0-9 ().-]*[0-9]$/, 'phone must be a phone number: digits, an optional leading +, spaces, dots, dashes, brackets')
  .refine((phone) => phone.replace(/\D/g, '').length >= 3, 'phone must have at least 3 digits');

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
  /** The courier's own name and phone (issue 24), both optional; `vendor` stays who delivers (a company, or the name as before). */
  name: z.string().trim().min(1).max(COURIER_LIMITS.maxNameLength).optional(),
  phone: CourierPhoneSchema.optional(),
});
export type CourierInput = z.infer<typeof CourierInputSchema>;

/** The courier of an order: one per order, replaced by every update. */
export const CourierSchema = z.object({
  orderId: z.string(),
  vendor: z.string(),
  trackingUrl: z.string(),
  etaMinutes: z.number().int().optional(),
  name: z.string().optional(),
  phone: z.string().optional(),
  updatedAt: z.string(),
  version: z.number().int().min(1),
});
export type Courier = z.infer<typeof CourierSchema>;
