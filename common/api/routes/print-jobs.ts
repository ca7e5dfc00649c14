import { z } from 'zod';
import { StationSchema } from '../../order.js';
import {
  PRINT_JOB_LIST_LIMITS,
  PRINT_JOB_STATUSES,
  PrintJobClaimInputSchema,
  PrintJobInputSchema,
  PrintJobReprintInputSchema,
  PrintJobSchema,
  PrintJobsPageSchema,
  PrintJobStatusInputSchema,
} from '../../print-job.js';
import { CursorSchema } from '../cursor.js';
import { IdParamsSchema, queryIds, queryInt } from '../params.js';
import { defineRoute } from '../route.js';

export const PrintJobListQuerySchema = z.object({
  status: z.enum(PRINT_JOB_STATUSES).optional(),
  station: StationSchema.optional(),
  orderId: z.string().min(1).max(64).optional(),
  limit: queryInt(1, PRINT_JOB_LIST_LIMITS.maxLimit).default(PRINT_JOB_LIST_LIMITS.defaultLimit),
  cursor: CursorSchema.optional(),
  ids: queryIds(PRINT_JOB_LIST_LIMITS.maxIds).optional(),
});

// A reprint needs no body; an absent body (no Content-Type) means "same as the original".
const ReprintBodySchema = PrintJobReprintInputSchema.optional().transform((body) => body ?? {});

/** Print jobs: queued by POS terminals and agents, claimed and reported by agents under a lease. */
export const PRINT_JOB_ROUTES = {
  create: defineRoute({ method: 'POST', path: '/api/print-jobs', access: { staff: ['pos', 'agent'] }, body: PrintJobInputSchema, answer: PrintJobSchema, created: true }),
  list: defineRoute({ method: 'GET', path: '/api/print-jobs', access: { staff: ['agent'] }, query: PrintJobListQuerySchema, answer: PrintJobsPageSchema }),
  get: defineRoute({ method: 'GET', path: '/api/print-jobs/:id', access: { staff: ['agent'] }, params: IdParamsSchema, answer: PrintJobSchema }),
  claim: defineRoute({ method: 'POST', path: '/api/print-jobs/:id/claim', access: { staff: ['agent'] }, params: IdParamsSchema, body: PrintJobClaimInputSchema, answer: PrintJobSchema }),
  report: defineRoute({ method: 'POST', path: '/api/print-jobs/:id/status', access: { staff: ['agent'] }, params: IdParamsSchema, body: PrintJobStatusInputSchema, answer: PrintJobSchema }),
  reprint: defineRoute({ method: 'POST', path: '/api/print-jobs/:id/reprint', access: { staff: ['agent'] }, params: IdParamsSchema, body: ReprintBodySchema, answer: PrintJobSchema, created: true }),
} as const;
