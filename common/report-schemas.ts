import { z } from 'zod';
import type { LateOrdersPage, ServiceReport } from './reports.js';

/*
 * The backend's report answers, checked where the agent receives them (as every backend answer
 * is). Apart from common/reports.ts, which the board's tab imports and which must stay free of zod.
 */

const count = z.number().int().min(0);
const seconds = z.number().int().min(0).nullable();
const money = z.object({ currency: z.string(), amount: z.number().int() });

const FiguresSchema = z.object({
  orders: count,
  completed: count,
  cancelled: count,
  revenue: z.array(money),
  prepSeconds: z.object({ p50: seconds, p90: seconds, max: seconds }),
  late: count,
  byStation: z.array(z.object({ station: z.string(), items: count, prepSeconds: z.object({ p50: seconds, p90: seconds }) })),
  byHour: z.array(z.object({ hour: z.number().int().min(0).max(23), orders: count, prepSeconds: z.object({ p50: seconds }) })),
  giftCards: z.array(z.object({ currency: z.string(), count, amount: z.number().int() })),
  loyalty: z.object({ given: count, redeemed: count }),
});

export const ServiceReportSchema: z.ZodType<ServiceReport> = z.object({
  from: z.string(),
  to: z.string(),
  tz: z.string(),
  location: z.string(),
  lateMinutes: z.number().int().min(1),
  generatedAt: z.string(),
  totals: FiguresSchema,
  days: z.array(FiguresSchema.extend({ date: z.string() })),
});

export const LateOrdersPageSchema: z.ZodType<LateOrdersPage> = z.object({
  from: z.string(),
  to: z.string(),
  tz: z.string(),
  lateMinutes: z.number().int().min(1),
  orders: z.array(z.object({ orderId: z.string(), number: z.string(), submittedAt: z.string(), readyAt: z.string(), prepSeconds: count })),
});
