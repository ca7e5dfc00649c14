/**
 * An in-memory stand-in for a TableTrack install's desktop-printing API, written from its contract
 * (docs/connectors.md lists the Laravel files it follows): a real Fastify server on 127.0.0.1, the
 * `X-TABLETRACK-KEY` check, test-connection, pull-multiple / pull (the pull is the claim), the
 * PATCH report, printer-details, and `print-job.created` / `order.updated` triggered with the real
 * `pusher` SDK on the public `print-jobs` / `orders` channels of a Pusher-protocol server.
 *
 * Where TableTrack's behaviour matters to the agent it is reproduced as TableTrack has it, warts
 * included: route matching comes before the key check (an unknown route is 404 even without a
 * key), 204 answers carry no body, a PATCH is accepted whatever the job's status, and `error` is
 * validated but not stored on the job.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import PusherServer from 'pusher';

export const STAND_IN_KEY = 'branch-unique-hash-0123456789abcdef';

export interface StandInPrinter {
  id: number;
  name: string;
  type: 'network' | 'windows' | 'linux' | 'default';
  print_format: 'thermal56mm' | 'thermal80mm' | 'thermal112mm';
  ip_address?: string | null;
  port?: number | null;
  share_name?: string | null;
}

/** The Pusher credentials TableTrack's admin saved: where the SDK publishes and what test-connection hands out. */
export interface StandInPusher {
  appId: string;
  key: string;
  secret: string;
  /** A Pusher-compatible server (the relay in tests); TableTrack itself knows only a cluster. */
  host: string;
  port: number;
  cluster?: string;
}

export interface StandInOptions {
  key?: string;
  pusher?: StandInPusher;
  /** `pusher_enabled`; defaults to whether `pusher` is given. */
  pusherEnabled?: boolean;
  printers?: StandInPrinter[];
  /** false: `pull-multiple` answers 404, as on installs that only have `pull`. */
  pullMultiple?: boolean;
  /** Sent as `X-Print-Poll-Ms` on pull answers when set. */
  pollHintMs?: number;
  restaurantId?: number;
  branchId?: number;
  now?: () => Date;
}

export interface StoredJob {
  id: number;
  printer_id: number | null;
  restaurant_id: number;
  branch_id: number;
  status: 'pending' | 'printing' | 'done' | 'failed';
  response_printer: string | null;
  payload: { text: string; cutPaper: boolean };
  html_content: string | null;
  image_path: string | null;
  image_filename: string | null;
  printed_at: string | null;
  created_at: string;
  updated_at: string;
}

/** One PATCH as it arrived (including `error`, which TableTrack validates but does not store). */
export interface JobReport {
  status: string;
  printed_at: string | null;
  error: string | null;
  printer: string | null;
}

export interface CreateJobInput {
  printerId: number | null;
  text: string;
  cutPaper?: boolean;
  /** `order-{id}.png` or `kot-{id}.png`, as TableTrack names the image it renders beside the job. */
  imageFilename?: string;
  /** Trigger `print-job.created` (default: when Pusher is enabled, as Laravel's broadcaster does). */
  broadcast?: boolean;
  /**
   * Fields the pull answer shows instead of the stored ones (`{ payload: null }`, `{ id: 'abc' }`):
   * a TableTrack that answers badly. The job is still stored and marked `printing` by the pull.
   */
  answerAs?: Record<string, unknown>;
}

export interface OrderUpdateInput {
  orderId: number;
  status: string;
  action?: string;
  orderType?: string;
  tableId?: number | null;
}

/** Laravel serialises Carbon dates with microseconds: 2025-07-01T12:00:00.000000Z. */
const laravelTime = (date: Date) => date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

const PULL_MULTIPLE = '/api/print-jobs/pull-multiple';

export class TableTrackStandIn {
  readonly key: string;
  private readonly jobs = new Map<number, StoredJob>();
  private readonly answerOverrides = new Map<number, Record<string, unknown>>();
  /** Pull answers wait for this before they are sent (holdPulls). */
  private pullGate: Promise<void> | undefined;
  private pullDelayMs = 0;
  private keyedAnswers = false;
  private readonly reportLog = new Map<number, JobReport[]>();
  private readonly requestLog: { method: string; path: string }[] = [];
  private readonly printers: StandInPrinter[];
  private readonly sdk: PusherServer | undefined;
  private readonly now: () => Date;
  private nextId = 1;
  private pusherEnabled: boolean;
  private pullMultiple: boolean;
  private pollHintMs: number | undefined;

  private baseUrl = '';

  private constructor(
    private readonly app: FastifyInstance,
    private readonly options: StandInOptions,
  ) {
    this.key = options.key ?? STAND_IN_KEY;
    this.printers = options.printers ?? [{ id: 1, name: 'Kitchen', type: 'network', print_format: 'thermal80mm', ip_address: '192.168.1.50', port: 9100 }];
    this.pusherEnabled = options.pusherEnabled ?? options.pusher !== undefined;
    this.pullMultiple = options.pullMultiple ?? true;
    this.pollHintMs = options.pollHintMs;
    this.now = options.now ?? (() => new Date());
    const p = options.pusher;
    this.sdk = p ? new PusherServer({ appId: p.appId, key: p.key, secret: p.secret, host: p.host, port: String(p.port), useTLS: false }) : undefined;
  }

  static async start(options: StandInOptions = {}): Promise<TableTrackStandIn> {
    const standIn = new TableTrackStandIn(Fastify({ logger: false }), options);
    standIn.routes();
    const address = standIn.app.listen({ host: '127.0.0.1', port: 0 });
    standIn.baseUrl = await address;
    return standIn;
  }

  /** The TableTrack site's base URL, e.g. http://127.0.0.1:PORT (the API lives under /api). */
  get url(): string {
    return this.baseUrl;
  }

  async close(): Promise<void> {
    await this.app.close();
  }

  // ---- switches ----

  setPusherEnabled(enabled: boolean): void {
    this.pusherEnabled = enabled;
  }

  setPullMultiple(available: boolean): void {
    this.pullMultiple = available;
  }

  setPollHint(ms: number | undefined): void {
    this.pollHintMs = ms;
  }

  /**
   * Pulls are answered only once the returned function is called — a TableTrack that takes its
   * time. The jobs are marked `printing` when the answer is built, as Laravel does before sending.
   */
  holdPulls(): () => void {
    let release!: () => void;
    this.pullGate = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.pullGate = undefined;
      release();
    };
  }

  /** Pulls are answered `ms` after they arrive (wall clock): slower than the agent's other requests may be. */
  delayPulls(ms: number): void {
    this.pullDelayMs = ms;
  }

  /** pull-multiple answers an object keyed by position (with a gap), as a Laravel collection after filter() serialises. */
  answerPullsKeyed(keyed: boolean): void {
    this.keyedAnswers = keyed;
  }

  // ---- what TableTrack's web side does ----

  /** A POS action made a job: stored `pending`, then (Pusher enabled) `print-job.created` on `print-jobs`. */
  async createJob(input: CreateJobInput): Promise<StoredJob> {
    const at = laravelTime(this.now());
    const job: StoredJob = {
      id: this.nextId++,
      printer_id: input.printerId,
      restaurant_id: this.options.restaurantId ?? 1,
      branch_id: this.options.branchId ?? 1,
      status: 'pending',
      response_printer: null,
      payload: { text: input.text, cutPaper: input.cutPaper ?? true },
      html_content: null,
      image_path: input.imageFilename ? `http://tabletrack.test/user-uploads/print/${input.imageFilename}` : null,
      image_filename: input.imageFilename ?? null,
      printed_at: null,
      created_at: at,
      updated_at: at,
    };
    this.jobs.set(job.id, job);
    if (input.answerAs) this.answerOverrides.set(job.id, input.answerAs);
    if (input.broadcast ?? this.pusherEnabled) await this.trigger('print-jobs', 'print-job.created', this.printJobCreated(job));
    return { ...job };
  }

  /** Puts a job back to `pending` so the next pull hands it out again (an admin's "retry"). */
  offerAgain(id: number): void {
    const job = this.requireJob(id);
    job.status = 'pending';
    job.updated_at = laravelTime(this.now());
  }

  /** `order.updated` on the public `orders` channel, as OrderUpdated::broadcastWith builds it. */
  async updateOrder(input: OrderUpdateInput): Promise<void> {
    if (!this.pusherEnabled) return;
    await this.trigger('orders', 'order.updated', {
      order_id: input.orderId,
      action: input.action ?? 'updated',
      status: input.status,
      order_type: input.orderType ?? 'dine_in',
      order_type_id: 1,
      waiter_id: null,
      table_id: input.tableId ?? null,
      customer_id: null,
      updated_at: laravelTime(this.now()),
      timestamp: this.now().toISOString(),
      test_message: 'This is a test broadcast from Laravel',
    });
  }

  // ---- what tests read ----

  job(id: number): StoredJob | undefined {
    const job = this.jobs.get(id);
    return job ? { ...job } : undefined;
  }

  reports(id: number): JobReport[] {
    return [...(this.reportLog.get(id) ?? [])];
  }

  /** Every request that reached the server, in order (method and path without query). */
  requests(): { method: string; path: string }[] {
    return [...this.requestLog];
  }

  // ---- the API ----

  private routes(): void {
    const app = this.app;
    app.addHook('onRequest', async (request) => {
      this.requestLog.push({ method: request.method, path: request.url.split('?')[0] ?? request.url });
    });
    const guarded = (handler: (request: FastifyRequest, reply: FastifyReply) => unknown) => async (request: FastifyRequest, reply: FastifyReply) => {
      const key = request.headers['x-tabletrack-key'];
      if (typeof key !== 'string' || key === '') return reply.code(401).send({ message: 'No authentication key found' });
      if (key !== this.key) return reply.code(401).send({ message: 'Invalid authentication key' });
      return handler(request, reply);
    };

    app.get('/api/test-connection', guarded(() => {
      const answer: Record<string, unknown> = { message: 'Connection established', status: 'success', pusher_enabled: this.pusherEnabled };
      const p = this.options.pusher;
      if (this.pusherEnabled && p) {
        answer.pusher_config = { app_id: p.appId, key: p.key, cluster: p.cluster ?? 'mt1', channel: 'print-jobs', event: 'print-job.created' };
      }
      return answer;
    }));

    app.get(PULL_MULTIPLE, async (request, reply) => {
      // As if the route did not exist: 404 before any middleware, key or not.
      if (!this.pullMultiple) return reply.code(404).send({ message: `The route api/print-jobs/pull-multiple could not be found.` });
      return guarded((_request, guardedReply) => this.answerPullWhenLet(guardedReply, 'all'))(request, reply);
    });

    app.get('/api/print-jobs/pull', guarded((_request, reply) => this.answerPullWhenLet(reply, 'one')));

    app.get('/api/printer-details', guarded(() => this.printers.map((printer) => this.printerRow(printer))));

    app.patch<{ Params: { id: string } }>('/api/print-jobs/:id', guarded((request, reply) => {
      const { id } = request.params as { id: string };
      const job = /^\d+$/.test(id) ? this.jobs.get(Number(id)) : undefined;
      if (!job) return reply.code(404).send({ message: `No query results for model [App\\Models\\PrintJob] ${id}` });
      const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
      const errors = validateReport(body);
      if (Object.keys(errors).length > 0) {
        const first = Object.values(errors)[0]![0]!;
        return reply.code(422).send({ message: first, errors });
      }
      const report: JobReport = {
        status: body.status as string,
        printed_at: (body.printed_at as string | null | undefined) ?? null,
        error: (body.error as string | null | undefined) ?? null,
        printer: (body.printer as string | null | undefined) ?? null,
      };
      this.reportLog.set(job.id, [...(this.reportLog.get(job.id) ?? []), report]);
      job.status = report.status as StoredJob['status'];
      job.response_printer = report.printer;
      job.printed_at = report.printed_at;
      job.updated_at = laravelTime(this.now());
      return { message: 'Print job updated', status: 'success' };
    }));
  }

  /** The answer as built now (the claim is made), sent once a held or delayed pull is let go. */
  private async answerPullWhenLet(reply: FastifyReply, howMany: 'all' | 'one'): Promise<unknown> {
    const answer = this.answerPull(reply, howMany);
    if (this.pullDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.pullDelayMs));
    await this.pullGate;
    return answer;
  }

  /** Oldest pending first; every job handed out is `printing` from then on (the pull is the claim). */
  private answerPull(reply: FastifyReply, howMany: 'all' | 'one'): unknown {
    if (this.pollHintMs !== undefined) reply.header('X-Print-Poll-Ms', String(this.pollHintMs));
    const pending = [...this.jobs.values()]
      .filter((job) => job.status === 'pending')
      .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id);
    const handed = howMany === 'all' ? pending : pending.slice(0, 1);
    if (handed.length === 0) return reply.code(204).send();
    const at = laravelTime(this.now());
    const rows = handed.map((job) => {
      job.status = 'printing';
      job.updated_at = at;
      return this.pulledRow(job);
    });
    if (howMany === 'one') return rows[0];
    // Keys 0, 2, 3…: what json_encode makes of a collection whose key 1 was filtered out.
    return this.keyedAnswers ? Object.fromEntries(rows.map((row, index) => [String(index === 0 ? 0 : index + 1), row])) : rows;
  }

  private pulledRow(job: StoredJob): Record<string, unknown> {
    return { ...this.storedRow(job), ...this.answerOverrides.get(job.id) };
  }

  private storedRow(job: StoredJob): Record<string, unknown> {
    const printer = this.printers.find((p) => p.id === job.printer_id);
    return {
      ...job,
      payload: { ...job.payload },
      // `with('printer:id,name,printing_choice,print_format,share_name,type')` plus the model's appends.
      printer: printer
        ? {
            id: printer.id,
            name: printer.name,
            printing_choice: 'kotAndOrder',
            print_format: printer.print_format,
            share_name: printer.share_name ?? null,
            type: printer.type,
            printer_connected: false,
            kot_details: [],
            order_details: [],
          }
        : null,
    };
  }

  private printerRow(printer: StandInPrinter): Record<string, unknown> {
    return {
      id: printer.id,
      restaurant_id: this.options.restaurantId ?? 1,
      branch_id: this.options.branchId ?? 1,
      name: printer.name,
      printing_choice: 'kotAndOrder',
      kots: [1],
      orders: [1],
      print_format: printer.print_format,
      invoice_qr_code: null,
      open_cash_drawer: 'no',
      ipv4_address: null,
      thermal_or_nonthermal: 'thermal',
      share_name: printer.share_name ?? null,
      type: printer.type,
      profile: 'default',
      char_per_line: printer.print_format === 'thermal56mm' ? 32 : 42,
      ip_address: printer.ip_address ?? null,
      port: printer.port ?? null,
      path: null,
      printer_name: null,
      is_active: 1,
      is_default: 0,
      created_at: laravelTime(this.now()),
      updated_at: laravelTime(this.now()),
      printer_connected: false,
      kot_details: [],
      order_details: [],
    };
  }

  /** PrintJobCreated::broadcastWith. */
  private printJobCreated(job: StoredJob): Record<string, unknown> {
    const printer = this.printers.find((p) => p.id === job.printer_id);
    return {
      print_job_id: job.id,
      restaurant_id: job.restaurant_id,
      branch_id: job.branch_id,
      printer_id: job.printer_id,
      status: job.status,
      payload: job.payload,
      created_at: job.created_at,
      timestamp: this.now().toISOString(),
      type: 'print_job_created',
      printer_info: { printer_name: printer?.name ?? null, printer_type: printer?.type ?? null, print_format: printer?.print_format ?? null },
    };
  }

  private async trigger(channel: string, event: string, data: Record<string, unknown>): Promise<void> {
    if (!this.sdk) throw new Error('the stand-in has no Pusher credentials to trigger with');
    await this.sdk.trigger(channel, event, data);
  }

  private requireJob(id: number): StoredJob {
    const job = this.jobs.get(id);
    if (!job) throw new Error(`the stand-in has no job ${id}`);
    return job;
  }
}

/** Laravel's rules: status required|in:done,failed; printed_at nullable|date; error, printer nullable|string. */
function validateReport(body: Record<string, unknown>): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  if (body.status === undefined || body.status === null || body.status === '') errors.status = ['The status field is required.'];
  else if (body.status !== 'done' && body.status !== 'failed') errors.status = ['The selected status is invalid.'];
  const printedAt = body.printed_at;
  if (printedAt !== undefined && printedAt !== null && (typeof printedAt !== 'string' || Number.isNaN(Date.parse(printedAt)))) {
    errors.printed_at = ['The printed at field must be a valid date.'];
  }
  for (const field of ['error', 'printer'] as const) {
    const value = body[field];
    if (value !== undefined && value !== null && typeof value !== 'string') errors[field] = [`The ${field} field must be a string.`];
  }
  return errors;
}
