import { z } from 'zod';
import { VoucherSchema } from './gift-card.js';
import { StationSchema } from './order.js';

/** `voucher`: a gift card's voucher, made by the backend with the card (never posted to /api/print-jobs). */
export const PRINT_JOB_KINDS = ['ticket', 'raw', 'image', 'voucher'] as const;
export type PrintJobKind = (typeof PRINT_JOB_KINDS)[number];

export const PRINT_JOB_STATUSES = ['pending', 'printing', 'done', 'failed'] as const;
export type PrintJobStatus = (typeof PRINT_JOB_STATUSES)[number];

export const FINAL_PRINT_JOB_STATUSES: readonly PrintJobStatus[] = ['done', 'failed'];

export const PRINT_JOB_LIMITS = {
  maxCopies: 5,
  /** base64 payload of a raw or image job; keeps one job well under the HTTP body limit. */
  maxPayloadBase64: 48 * 1024,
  defaultLeaseMs: 60_000,
  minLeaseMs: 1_000,
  maxLeaseMs: 10 * 60_000,
  maxErrorLength: 500,
  maxAgentIdLength: 64,
} as const;

/** Why a print failed, so the kitchen sees a reason it can act on. */
export const PRINT_FAILURE_REASONS = {
  refused: 'printer refused the connection',
  timeout: 'printer did not answer in time',
  paperOut: 'printer is out of paper',
  coverOpen: 'printer cover is open',
  /** DLE EOT 1 says offline for another reason than paper or cover (an error waiting for recovery). */
  offline: 'printer is offline',
  partlySent: 'connection broke while sending: the ticket may have partly printed',
  renderFailed: 'the ticket could not be rendered',
} as const;

export const AgentIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]+$/, 'agentId may hold letters, digits, ".", "_" and "-"')
  .min(1)
  .max(PRINT_JOB_LIMITS.maxAgentIdLength);

const base64 = z
  .string()
  .max(PRINT_JOB_LIMITS.maxPayloadBase64)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'payload must be base64');

export const PrintJobInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('ticket'),
    orderId: z.string().min(1).max(64),
    station: StationSchema,
    printerId: z.string().max(64).optional(),
    copies: z.number().int().min(1).max(PRINT_JOB_LIMITS.maxCopies).default(1),
  }),
  z.strictObject({
    kind: z.enum(['raw', 'image']),
    station: StationSchema,
    printerId: z.string().max(64).optional(),
    copies: z.number().int().min(1).max(PRINT_JOB_LIMITS.maxCopies).default(1),
    payload: base64.min(4),
    orderId: z.string().min(1).max(64).optional(),
  }),
]);
export type PrintJobInput = z.input<typeof PrintJobInputSchema>;

export const PrintJobSchema = z.object({
  id: z.string(),
  kind: z.enum(PRINT_JOB_KINDS),
  orderId: z.string().optional(),
  station: z.string(),
  printerId: z.string().optional(),
  copies: z.number().int(),
  payload: z.string().optional(),
  /** What a `voucher` job prints; the agent lays it out (agent/printing/voucher-renderer.ts). */
  voucher: VoucherSchema.optional(),
  status: z.enum(PRINT_JOB_STATUSES),
  attempts: z.number().int(),
  claimedBy: z.string().optional(),
  leaseUntil: z.string().optional(),
  error: z.string().optional(),
  printedAt: z.string().optional(),
  /** Set on a job made by `POST /api/print-jobs/:id/reprint`: the id of the job it repeats. */
  reprintOf: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type PrintJob = z.infer<typeof PrintJobSchema>;

export const PrintJobClaimInputSchema = z.strictObject({
  agentId: AgentIdSchema,
  leaseMs: z.number().int().min(PRINT_JOB_LIMITS.minLeaseMs).max(PRINT_JOB_LIMITS.maxLeaseMs).optional(),
});

export const PrintJobStatusInputSchema = z.strictObject({
  agentId: AgentIdSchema,
  status: z.enum(['printing', 'done', 'failed']),
  error: z.string().max(PRINT_JOB_LIMITS.maxErrorLength).optional(),
  printedAt: z.iso.datetime().optional(),
});
export type PrintJobStatusInput = z.infer<typeof PrintJobStatusInputSchema>;

/**
 * A job may go back to pending only through lease expiry or an explicit reprint/retry.
 * `pending → done | failed` is the late final report of the agent whose lease lapsed, accepted only
 * while nobody else has claimed the job since (docs/api.md, print jobs).
 */
export const PRINT_JOB_TRANSITIONS: Readonly<Record<PrintJobStatus, readonly PrintJobStatus[]>> = {
  pending: ['printing', 'done', 'failed'],
  printing: ['done', 'failed', 'pending'],
  done: [],
  failed: [],
};

/** `POST /api/print-jobs/:id/reprint` body (optional): override the copies or the printer. */
export const PrintJobReprintInputSchema = z.strictObject({
  copies: z.number().int().min(1).max(PRINT_JOB_LIMITS.maxCopies).optional(),
  printerId: z.string().max(64).optional(),
});
export type PrintJobReprintInput = z.infer<typeof PrintJobReprintInputSchema>;

export const PRINT_JOB_LIST_LIMITS = { defaultLimit: 100, maxLimit: 500, maxIds: 100 } as const;

/** `GET /api/print-jobs` answer, oldest first; `nextCursor` is null on the last page. */
export const PrintJobsPageSchema = z.object({
  jobs: z.array(PrintJobSchema),
  nextCursor: z.string().nullable(),
});
export type PrintJobsPage = z.infer<typeof PrintJobsPageSchema>;
export type PrintFailureReason = keyof typeof PRINT_FAILURE_REASONS;
