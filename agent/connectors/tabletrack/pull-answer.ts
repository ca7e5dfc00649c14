import type { z } from 'zod';
import { PulledJobSchema, TableTrackIdSchema, type PulledJob } from './tabletrack-contract.js';

/**
 * A pull answer read element by element. TableTrack marks every job it hands out `printing` as it
 * answers, so one element the agent cannot use must not cost the others: good jobs are journaled
 * and printed, a bad one whose id can be read is reported failed with a plain reason, and one
 * without a usable id is logged (bounded) and shown on the board (docs/connectors.md, "Answers
 * the agent cannot use").
 */

export const TABLETRACK_LIMITS = {
  /**
   * The largest ticket (`payload.text`, in characters: latin1 bytes, or UTF-8 text) the agent
   * accepts; the same 1 MB an ingest printer takes from a POS. A kitchen ticket is a few KB; a
   * larger one is refused as failed, never decoded (a 60 MB payload held the next pull for 24 s).
   */
  maxPayloadChars: 1024 * 1024,
  /** How much of an element without a usable id goes to the log. */
  maxLoggedElementChars: 1_000,
} as const;

/** An element of a pull answer the agent will not print. */
export interface RefusedJob {
  /** TableTrack's id, when it can be read: then the job is reported failed. */
  id?: number;
  /** Plain words for TableTrack's admin (the report's `error`), the card and the log. */
  reason: string;
  /** The element as JSON, cut to TABLETRACK_LIMITS.maxLoggedElementChars (for the log only). */
  excerpt: string;
}

export interface PullAnswer {
  jobs: PulledJob[];
  refused: RefusedJob[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The elements of an answer: an array as TableTrack sends it; an object whose values are rows as
 * Laravel serialises a collection with gaps in its keys (after `filter()` without `values()`);
 * undefined for anything else.
 */
function elementsOf(body: unknown): unknown[] | undefined {
  if (Array.isArray(body)) return body;
  if (!isRecord(body)) return undefined;
  // One row (what `pull` answers) rather than rows keyed by position.
  if ('id' in body || 'payload' in body) return [body];
  return Object.values(body);
}

function excerptOf(element: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(element) ?? String(element);
  } catch {
    text = String(element);
  }
  return text.length > TABLETRACK_LIMITS.maxLoggedElementChars ? `${text.slice(0, TABLETRACK_LIMITS.maxLoggedElementChars)}…` : text;
}

/** The first thing wrong, in few words: `payload: expected object, received null`. */
function plainIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'not a print job';
  const where = issue.path.map(String).join('.');
  return where ? `${where}: ${issue.message}` : issue.message;
}

/** Whole kilobytes, rounded up, so a ticket just over the limit never reads as equal to it. */
function kilobytes(chars: number): string {
  return `${Math.ceil(chars / 1024).toLocaleString('en')} KB`;
}

/** One element: a job to print, or a refusal saying why not. */
export function readPulledElement(element: unknown): { job: PulledJob } | { refused: RefusedJob } {
  const parsed = PulledJobSchema.safeParse(element);
  if (parsed.success) {
    const chars = parsed.data.payload.text.length;
    if (chars <= TABLETRACK_LIMITS.maxPayloadChars) return { job: parsed.data };
    return {
      refused: {
        id: parsed.data.id,
        reason: `its ticket is ${kilobytes(chars)}, more than the ${kilobytes(TABLETRACK_LIMITS.maxPayloadChars)} this agent prints; not printed`,
        excerpt: excerptOf({ ...parsed.data, payload: { text: `(${chars} characters)`, cutPaper: parsed.data.payload.cutPaper } }),
      },
    };
  }
  const id = isRecord(element) ? TableTrackIdSchema.safeParse(element.id) : undefined;
  const reason = `TableTrack sent it in a form this agent cannot read (${plainIssue(parsed.error)}); not printed`;
  return { refused: { ...(id?.success ? { id: id.data } : {}), reason, excerpt: excerptOf(element) } };
}

/** A whole answer; undefined when it is not a list of jobs at all (then nothing in it is usable). */
export function readPullAnswer(body: unknown): PullAnswer | undefined {
  const elements = elementsOf(body);
  if (!elements) return undefined;
  const answer: PullAnswer = { jobs: [], refused: [] };
  for (const element of elements) {
    const read = readPulledElement(element);
    if ('job' in read) answer.jobs.push(read.job);
    else answer.refused.push(read.refused);
  }
  return answer;
}
