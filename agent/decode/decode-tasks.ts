import type { DecodedLine } from '../printing/decoded-job.js';
import { endsWithCut } from '../printing/ends-with-cut.js';
import { decodeEscPos } from '../printing/escpos-decoder.js';
import type { Dialect } from '../printing/escpos-commands.js';
import type { TicketCard } from '../cards/ticket-card.js';
import { wouldPrint } from '../ingest/job-content.js';
import { parseTicket, type TicketParseOptions } from '../cards/ticket-parser.js';

/**
 * The decoding the agent may hand to its worker thread (ticket-decoder.ts): plain data in, plain
 * data out, so a task runs the same in the worker and inline. Each is the CPU-heavy part of reading
 * another system's printing — ESC/POS decoding, PNGs of raster images, a large JSON answer — and
 * none names a source: the ingest printers and the TableTrack connector both ask for them.
 */
export type DecodeTask =
  /** Whether a job's bytes would put anything on paper (ingest/job-content.ts). */
  | { kind: 'wouldPrint'; bytes: Uint8Array; printerType: Dialect }
  /** Whether the bytes already end with a cut (printing/ends-with-cut.ts). */
  | { kind: 'endsWithCut'; bytes: Uint8Array; printerType: Dialect }
  /** The card of a ticket: its lines, items, images (ingest/ticket-parser.ts). */
  | { kind: 'ticketCard'; bytes: Uint8Array; options: TicketParseOptions }
  /** The lines a job prints, for the print log's preview. */
  | { kind: 'preview'; bytes: Uint8Array }
  /** UTF-8 JSON text, parsed. */
  | { kind: 'parseJson'; text: Uint8Array };

/** `parseJson` of text that is not JSON. */
export const NOT_JSON = { notJson: true } as const;

export interface DecodeResults {
  wouldPrint: boolean;
  endsWithCut: boolean;
  ticketCard: TicketCard;
  preview: DecodedLine[];
  parseJson: unknown;
}

/** How much input a task carries: what decides whether it is worth a trip to the worker. */
export function taskSize(task: DecodeTask): number {
  return task.kind === 'parseJson' ? task.text.length : task.bytes.length;
}

/** A Buffer over the same bytes (what arrives from the worker is a plain Uint8Array). */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function parseJson(text: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(text)) as unknown;
  } catch {
    return NOT_JSON;
  }
}

/** Runs one task here, on whichever thread calls it. */
export function runDecodeTask(task: DecodeTask): DecodeResults[DecodeTask['kind']] {
  switch (task.kind) {
    case 'wouldPrint':
      return wouldPrint(asBuffer(task.bytes), task.printerType);
    case 'endsWithCut':
      return endsWithCut(task.bytes, task.printerType);
    case 'ticketCard':
      return parseTicket(asBuffer(task.bytes), task.options);
    case 'preview':
      return decodeEscPos(task.bytes).lines;
    case 'parseJson':
      return parseJson(task.text);
  }
}
