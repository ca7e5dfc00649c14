import type { z } from 'zod';
import { describeError } from '../../describe-error.js';
import { INLINE_DECODE_MAX_BYTES, NOT_JSON as DECODED_NOT_JSON, type TicketDecoder } from '../../decode/ticket-decoder.js';
import { readPullAnswer, type RefusedJob } from './pull-answer.js';
import {
  POLL_HINT_HEADER,
  PrinterDetailsAnswerSchema,
  ReportBodySchema,
  TABLETRACK_KEY_HEADER,
  TABLETRACK_ROUTES,
  TestConnectionAnswerSchema,
  type PulledJob,
  type ReportBody,
  type TableTrackPrinter,
  type TestConnectionAnswer,
} from './tabletrack-contract.js';
import { TABLETRACK_ERRORS, TableTrackError, keyRejected } from './tabletrack-errors.js';
import { readPollHint } from './poll-interval.js';

/** How long one TableTrack request may take before it counts as unreachable. */
export const TABLETRACK_REQUEST_TIMEOUT_MS = 5_000;

/**
 * How long a pull may take. The pull is the claim: TableTrack marks the jobs `printing` as it
 * answers, so a pull abandoned half-way loses them. It is given far longer than any other request
 * (a slow TableTrack answered after 7 s and lost job 10 to the 5 s timeout); past this, the jobs of
 * that answer stay `printing` at TableTrack (docs/connectors.md, "A slow TableTrack").
 */
export const TABLETRACK_PULL_TIMEOUT_MS = 120_000;

export interface TableTrackClientOptions {
  /** The TableTrack site, e.g. `https://pos.example.com` (the routes add `/api/…`). */
  baseUrl: string;
  /** The branch's key (`unique_hash`), sent as `X-TABLETRACK-KEY`. */
  key: string;
  /** Every request but a pull (default TABLETRACK_REQUEST_TIMEOUT_MS). */
  timeoutMs?: number;
  /** A pull (default TABLETRACK_PULL_TIMEOUT_MS). */
  pullTimeoutMs?: number;
}

export interface PullResult {
  /** Already `printing` at TableTrack: the pull was the claim. Journal them before anything else. */
  jobs: PulledJob[];
  /** Elements it handed out that cannot be printed (also `printing` there): report or show each. */
  refused: RefusedJob[];
  /**
   * Which route answered. `pull` hands out at most one job per call: while it returns one, pull
   * again (after journaling it) to drain a backlog.
   */
  route: 'pull-multiple' | 'pull';
  /** `X-Print-Poll-Ms`, bounded to 1–60 s, when the server sent one. */
  pollHintMs?: number;
}

interface Answer {
  status: number;
  headers: Headers;
  /** The parsed JSON body; undefined for 204 and for error statuses without JSON. */
  body: unknown;
}

type Method = 'GET' | 'PATCH';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * TableTrack's desktop-printing API over HTTP (global fetch). Every answer is checked against the
 * contract's schemas; every failure is a TableTrackError with a code. Options are read per request,
 * so a settings change applies without a new client.
 */
export class TableTrackClient {
  private readonly readOptions: () => TableTrackClientOptions;
  /** The base URL whose `pull-multiple` answered 404: older installs only have `pull`. */
  private pullMultipleMissingAt: string | undefined;

  constructor(
    options: TableTrackClientOptions | (() => TableTrackClientOptions),
    /** Parses a large answer off the main thread (a pull of big tickets); without it, here. */
    private readonly decoder?: Pick<TicketDecoder, 'parseJson'>,
  ) {
    this.readOptions = typeof options === 'function' ? options : () => options;
  }

  get baseUrl(): string {
    return this.readOptions().baseUrl.replace(/\/+$/, '');
  }

  /** `GET /api/test-connection`: whether the key is right and how to reach TableTrack's Pusher. */
  async testConnection(): Promise<TestConnectionAnswer> {
    const answer = await this.request('GET', TABLETRACK_ROUTES.testConnection);
    if (answer.status === 404) throw this.endpointMissing(TABLETRACK_ROUTES.testConnection);
    if (answer.status === 204) {
      throw new TableTrackError(TABLETRACK_ERRORS.TABLETRACK_ANSWER_INVALID, 'TableTrack answered test-connection with no content (no branch for this key)', 204);
    }
    return this.parse(TestConnectionAnswerSchema, answer, TABLETRACK_ROUTES.testConnection);
  }

  /**
   * Pending jobs, claimed by this very call: `pull-multiple` (all of them), or `pull` (one) where
   * `pull-multiple` answers 404. 204 means none. Read element by element (pull-answer.ts): an
   * element that cannot be printed comes back in `refused`, never at the others' cost. `signal`
   * abandons the pull (the agent is stopping); it is otherwise given TABLETRACK_PULL_TIMEOUT_MS.
   */
  async pull(signal?: AbortSignal): Promise<PullResult> {
    const baseUrl = this.baseUrl;
    if (this.pullMultipleMissingAt !== baseUrl) {
      const answer = await this.pullRequest(TABLETRACK_ROUTES.pullMultiple, signal);
      if (answer.status !== 404) return withHint({ ...this.readJobs(answer, TABLETRACK_ROUTES.pullMultiple), route: 'pull-multiple' }, answer);
      this.pullMultipleMissingAt = baseUrl;
    }
    const answer = await this.pullRequest(TABLETRACK_ROUTES.pull, signal);
    if (answer.status === 404) throw this.endpointMissing(TABLETRACK_ROUTES.pull);
    return withHint({ ...this.readJobs(answer, TABLETRACK_ROUTES.pull), route: 'pull' }, answer);
  }

  /** `PATCH /api/print-jobs/{id}` with the outcome. 404 / 422 are final refusals. */
  async report(id: number, body: ReportBody): Promise<void> {
    const path = TABLETRACK_ROUTES.report(id);
    const answer = await this.request('PATCH', path, ReportBodySchema.parse(body));
    if (answer.status === 404 || answer.status === 422) {
      throw new TableTrackError(
        TABLETRACK_ERRORS.TABLETRACK_REPORT_REFUSED,
        answer.status === 404 ? `TableTrack has no print job ${id}` : `TableTrack refused the report of print job ${id}`,
        answer.status,
        answer.status === 422 && isRecord(answer.body) && isRecord(answer.body.errors) ? { fields: Object.keys(answer.body.errors) } : undefined,
      );
    }
  }

  /** `GET /api/printer-details`: the branch's printers, for mapping each to a local one. */
  async printerDetails(): Promise<TableTrackPrinter[]> {
    const answer = await this.request('GET', TABLETRACK_ROUTES.printerDetails);
    if (answer.status === 404) throw this.endpointMissing(TABLETRACK_ROUTES.printerDetails);
    return this.parse(PrinterDetailsAnswerSchema, answer, TABLETRACK_ROUTES.printerDetails);
  }

  /**
   * One request. Answers 2xx, 204 and 404 to the caller (404 means different things per route);
   * turns everything else into a coded error. Redirects are not followed: the key header would go
   * along to wherever the redirect points.
   */
  private async request(method: Method, path: string, body?: unknown, limits: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<Answer> {
    const { key, timeoutMs } = this.readOptions();
    const timeout = AbortSignal.timeout(limits.timeoutMs ?? timeoutMs ?? TABLETRACK_REQUEST_TIMEOUT_MS);
    const url = `${this.baseUrl}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          [TABLETRACK_KEY_HEADER]: key,
          // Laravel renders errors (404, 422, 500) as JSON only for clients that ask for JSON.
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        redirect: 'manual',
        signal: limits.signal ? AbortSignal.any([timeout, limits.signal]) : timeout,
      });
    } catch (error) {
      throw new TableTrackError(TABLETRACK_ERRORS.TABLETRACK_UNREACHABLE, `TableTrack unreachable at ${this.baseUrl}: ${describeError(error)}`);
    }
    const parsed = await readJson(response, this.decoder);
    if (parsed === CUT_OFF) {
      throw new TableTrackError(
        TABLETRACK_ERRORS.TABLETRACK_ANSWER_CUT_OFF,
        `TableTrack's answer to ${method} ${path} was cut off (${timeout.aborted ? 'it took too long' : 'the connection broke or the agent stopped'})`,
        response.status,
      );
    }
    if (response.status === 401) {
      const message = isRecord(parsed) && typeof parsed.message === 'string' && parsed.message.length > 0 ? parsed.message : 'TableTrack refused the key';
      throw keyRejected(message.slice(0, 200));
    }
    if (response.status >= 300 && response.status < 400) {
      throw new TableTrackError(
        TABLETRACK_ERRORS.TABLETRACK_HTTP_ERROR,
        `TableTrack redirected ${method} ${path} (HTTP ${response.status}${response.headers.get('location') ? ` to ${response.headers.get('location')}` : ''}); set the address it redirects to`,
        response.status,
      );
    }
    if (response.ok || response.status === 404 || response.status === 422) {
      if (response.ok && response.status !== 204 && parsed === NOT_JSON) {
        throw new TableTrackError(TABLETRACK_ERRORS.TABLETRACK_ANSWER_INVALID, `TableTrack answered ${method} ${path} with something that is not JSON`, response.status);
      }
      return { status: response.status, headers: response.headers, body: parsed === NOT_JSON ? undefined : parsed };
    }
    throw new TableTrackError(TABLETRACK_ERRORS.TABLETRACK_HTTP_ERROR, `TableTrack answered ${method} ${path} with HTTP ${response.status}`, response.status);
  }

  /** A pull, with a pull's time (TABLETRACK_PULL_TIMEOUT_MS): it is the claim. */
  private pullRequest(path: string, signal: AbortSignal | undefined): Promise<Answer> {
    return this.request('GET', path, undefined, { timeoutMs: this.readOptions().pullTimeoutMs ?? TABLETRACK_PULL_TIMEOUT_MS, ...(signal ? { signal } : {}) });
  }

  /** The jobs of a pull answer (204: none); an answer that is no list of jobs at all is invalid. */
  private readJobs(answer: Answer, path: string): { jobs: PulledJob[]; refused: RefusedJob[] } {
    if (answer.status === 204) return { jobs: [], refused: [] };
    const read = readPullAnswer(answer.body);
    if (read) return read;
    throw new TableTrackError(TABLETRACK_ERRORS.TABLETRACK_ANSWER_INVALID, `TableTrack's answer to ${path} is not a list of print jobs`, answer.status);
  }

  private parse<S extends z.ZodType>(schema: S, answer: Answer, path: string): z.output<S> {
    const result = schema.safeParse(answer.body);
    if (result.success) return result.data;
    // Paths and zod's messages only: the data itself is ticket text with customer names.
    const issues = result.error.issues.slice(0, 10).map((issue) => ({ path: issue.path.map(String), message: issue.message }));
    throw new TableTrackError(TABLETRACK_ERRORS.TABLETRACK_ANSWER_INVALID, `TableTrack's answer to ${path} is not what the contract describes`, answer.status, { issues });
  }

  private endpointMissing(path: string): TableTrackError {
    return new TableTrackError(
      TABLETRACK_ERRORS.TABLETRACK_ENDPOINT_MISSING,
      `${this.baseUrl}${path} does not exist (404): is ${this.baseUrl} the TableTrack site?`,
      404,
    );
  }
}

const NOT_JSON = Symbol('not JSON');
const CUT_OFF = Symbol('cut off');

/**
 * The body as JSON, undefined when empty, NOT_JSON when it is something else (an HTML error page),
 * CUT_OFF when reading it failed half-way (the connection broke, the time ran out). A body over
 * INLINE_DECODE_MAX_BYTES is parsed by `decoder` (the worker): a 60 MB answer took ~0.9 s of
 * JSON.parse on the main thread.
 */
async function readJson(response: Response, decoder: Pick<TicketDecoder, 'parseJson'> | undefined): Promise<unknown> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch {
    return CUT_OFF;
  }
  if (decoder && bytes.length > INLINE_DECODE_MAX_BYTES) {
    const parsed = await decoder.parseJson(bytes);
    return parsed === DECODED_NOT_JSON ? NOT_JSON : parsed;
  }
  const text = new TextDecoder().decode(bytes);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

function withHint(result: PullResult, answer: Answer): PullResult {
  const hint = readPollHint(answer.headers.get(POLL_HINT_HEADER));
  return hint === undefined ? result : { ...result, pollHintMs: hint };
}
