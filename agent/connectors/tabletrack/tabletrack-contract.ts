import { z } from 'zod';

/**
 * TableTrack's desktop-printing contract as its Laravel code defines it (routes/api.php,
 * PrintJobController, DesktopUniqueKeyMiddleware; see docs/connectors.md for the sources). Written
 * from reading that code: the schemas accept what it sends and ignore fields they do not use, so a
 * newer TableTrack that adds fields keeps working.
 */

/** Every call carries the branch's `unique_hash` in this header; 401 `{message}` without a match. */
export const TABLETRACK_KEY_HEADER = 'X-TABLETRACK-KEY';

/** Optional hint on pull answers (not sent by TableTrack itself; some derived installs do). */
export const POLL_HINT_HEADER = 'X-Print-Poll-Ms';

export const TABLETRACK_ROUTES = {
  testConnection: '/api/test-connection',
  pullMultiple: '/api/print-jobs/pull-multiple',
  pull: '/api/print-jobs/pull',
  printerDetails: '/api/printer-details',
  report: (id: number) => `/api/print-jobs/${id}`,
} as const;

/** What `test-connection` names when it names nothing (and what the Laravel events use). */
export const TABLETRACK_REALTIME_DEFAULTS = {
  cluster: 'mt1',
  printJobsChannel: 'print-jobs',
  printJobCreatedEvent: 'print-job.created',
  ordersChannel: 'orders',
  orderUpdatedEvent: 'order.updated',
} as const;

/**
 * Laravel ids are integers; a MySQL driver without native types sends them as digit strings.
 * Both become a number.
 */
export const TableTrackIdSchema = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number),
]);

/** PHP booleans arrive as true/false, from some columns as 0/1. */
const PhpBooleanSchema = z.union([z.boolean(), z.literal(0).transform(() => false), z.literal(1).transform(() => true)]);

/** `GET /api/test-connection` → 200 (the controller's 204 branch cannot happen behind the middleware). */
export const TestConnectionAnswerSchema = z.looseObject({
  message: z.string(),
  status: z.string(),
  pusher_enabled: PhpBooleanSchema,
  pusher_config: z
    .looseObject({
      app_id: z.union([z.string(), z.number()]).transform(String).nullish(),
      key: z.string().min(1),
      cluster: z.string().nullish().transform((c) => c || TABLETRACK_REALTIME_DEFAULTS.cluster),
      channel: z.string().nullish().transform((c) => c || TABLETRACK_REALTIME_DEFAULTS.printJobsChannel),
      event: z.string().nullish().transform((e) => e || TABLETRACK_REALTIME_DEFAULTS.printJobCreatedEvent),
    })
    .optional(),
});
export type TestConnectionAnswer = z.output<typeof TestConnectionAnswerSchema>;

/** The `payload` column (cast `json`): the ESC/POS buffer as a JSON string and whether to cut. */
export const PrintPayloadSchema = z.looseObject({
  text: z.string(),
  cutPaper: PhpBooleanSchema.optional().transform((cut) => cut ?? false),
});
export type PrintPayload = z.output<typeof PrintPayloadSchema>;

/** The `printer` relation a pull loads: `id,name,printing_choice,print_format,share_name,type`. */
const JobPrinterSchema = z.looseObject({
  id: TableTrackIdSchema,
  name: z.string().nullish(),
  type: z.string().nullish(),
  print_format: z.string().nullish(),
  share_name: z.string().nullish(),
  printing_choice: z.string().nullish(),
});

/** One row of `print_jobs` with its printer, as `pull` / `pull-multiple` answer it. */
export const PulledJobSchema = z.looseObject({
  id: TableTrackIdSchema,
  printer_id: TableTrackIdSchema.nullish(),
  restaurant_id: TableTrackIdSchema.nullish(),
  branch_id: TableTrackIdSchema.nullish(),
  status: z.string(),
  payload: PrintPayloadSchema,
  /** `order-{orderId}.png` for order receipts, `kot-{kotId}.png` for kitchen tickets. */
  image_filename: z.string().nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
  printer: JobPrinterSchema.nullish(),
});
export type PulledJob = z.output<typeof PulledJobSchema>;


/** `GET /api/printer-details`: every `printers` row of the branch. */
export const TableTrackPrinterSchema = z.looseObject({
  id: TableTrackIdSchema,
  name: z.string(),
  /** `network` | `windows` | `linux` | `default` in TableTrack's enum. */
  type: z.string().nullish(),
  /** `thermal56mm` | `thermal80mm` | `thermal112mm`. */
  print_format: z.string().nullish(),
  ip_address: z.string().nullish(),
  port: z.union([z.number().int(), z.string()]).nullish(),
  share_name: z.string().nullish(),
});
export type TableTrackPrinter = z.output<typeof TableTrackPrinterSchema>;
export const PrinterDetailsAnswerSchema = z.array(TableTrackPrinterSchema);

/**
 * `PATCH /api/print-jobs/{id}` body. TableTrack validates `status` in done,failed; `printed_at`
 * nullable date; `error`, `printer` nullable strings. It stores status, printer (as
 * `response_printer`) and printed_at; `error` is validated but not stored.
 */
export const ReportBodySchema = z.strictObject({
  status: z.enum(['done', 'failed']),
  printed_at: z.iso.datetime(),
  error: z.string().optional(),
  printer: z.string(),
});
export type ReportBody = z.output<typeof ReportBodySchema>;
