import { paperStatusByte, realtimeStatusByte, type PrinterCondition } from '../printing/printer-status.js';

/**
 * What the ingest listener answers to the status requests POS drivers send before and after a job,
 * byte for byte as a healthy Epson TM-T88-class printer (see docs/ingest.md for the table):
 *
 * - `DLE EOT n` (1–4, real-time): one byte with bits 1 and 4 set, 0 and 7 clear — `0x12` when all is
 *   well; the offline, cover-open and paper-end bits follow the forward printer's condition.
 * - `GS r n` (1 or '1' paper sensor, 2 or '2' drawer connector): bits 4 and 7 clear; `0x00` with
 *   paper, `0x0F` at paper end; the drawer is reported low (`0x00`).
 * - `GS I n` (1–3 or '1'–'3'): printer model ID `0x20` (TM-T88 series), type ID `0x02` (autocutter,
 *   no multi-byte font, no customer display), version ID `0x46` (what a TM-T90 in TM-T88 compatible
 *   mode answers; Epson's guide leaves the value to the firmware). Bits 4 and 7 clear, as Epson
 *   specifies, so a driver can tell them from other status bytes.
 *
 * `GS r` and `GS I` are processed in order with the data, so a printer that stopped (cover open)
 * leaves them unanswered; `DLE EOT` is answered even then.
 */
export const STATUS_COMMANDS = ['DLE EOT', 'GS r', 'GS I'] as const;
export type StatusCommand = (typeof STATUS_COMMANDS)[number];

export interface IngestStatusRequest {
  command: StatusCommand;
  /** The parameter byte as sent (`GS r '1'` is 0x31). */
  n: number;
}

export interface PrinterIdentity {
  modelId: number;
  typeId: number;
  versionId: number;
}

export const EPSON_TM_IDENTITY: Readonly<PrinterIdentity> = { modelId: 0x20, typeId: 0x02, versionId: 0x46 };

const GS_R_PAPER = 1;
const GS_R_DRAWER = 2;
const DRAWER_LOW = 0x00;
const GS_I = { model: 1, type: 2, version: 3 } as const;

/** `'1'` (0x31) means 1 for GS r and GS I. DLE EOT takes only binary 1–4. */
const asDigit = (n: number): number => (n >= 0x30 && n <= 0x39 ? n - 0x30 : n);

/** The reply bytes, or undefined when the printer stays silent (unknown n, or stopped for buffered commands). */
export function statusReply(request: IngestStatusRequest, condition: PrinterCondition, identity: PrinterIdentity = EPSON_TM_IDENTITY): Buffer | undefined {
  if (request.command === 'DLE EOT') {
    return request.n >= 1 && request.n <= 4 ? Buffer.from([realtimeStatusByte(condition, request.n)]) : undefined;
  }
  // A printer with its cover open processes nothing buffered: GS r / GS I wait, as on real hardware.
  if (condition.coverOpen) return undefined;
  const n = asDigit(request.n);
  if (request.command === 'GS r') {
    if (n === GS_R_PAPER) return Buffer.from([paperStatusByte(condition)]);
    return n === GS_R_DRAWER ? Buffer.from([DRAWER_LOW]) : undefined;
  }
  if (n === GS_I.model) return Buffer.from([identity.modelId]);
  if (n === GS_I.type) return Buffer.from([identity.typeId]);
  return n === GS_I.version ? Buffer.from([identity.versionId]) : undefined;
}
