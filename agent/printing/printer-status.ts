/**
 * The status bytes of Epson ESC/POS printers, in both directions: the virtual printer builds them,
 * the transport reads them.
 *
 * `GS r 1` (paper sensor) answers after all data before it was processed: bits 0–1 are the
 * near-end sensor, bits 2–3 the paper-end sensor; bits 4 and 7 are always 0.
 * `DLE EOT n` (real-time) answers at once, even offline: bits 1 and 4 are always 1, 0 and 7 always 0.
 * The fixed bits are how a reader tells the two answers apart on one connection.
 */
export const PAPER_STATUS_BITS = { nearEnd: 0x03, end: 0x0c } as const;
const PAPER_STATUS_FIXED_MASK = 0x90;

const REALTIME_FIXED_MASK = 0x93;
const REALTIME_FIXED_VALUE = 0x12;

/** DLE EOT 1: printer status. */
export const PRINTER_STATUS_BITS = { drawerHigh: 0x04, offline: 0x08, waitingForRecovery: 0x20, feedButton: 0x40 } as const;
/** DLE EOT 2: why the printer is offline. */
export const OFFLINE_CAUSE_BITS = { coverOpen: 0x04, feedingByButton: 0x08, paperEndStop: 0x20, error: 0x40 } as const;
/** DLE EOT 3: error cause. */
export const ERROR_CAUSE_BITS = { autocutter: 0x08, unrecoverable: 0x20, autoRecoverable: 0x40 } as const;
/** DLE EOT 4: roll paper sensors. */
export const PAPER_SENSOR_BITS = { nearEnd: 0x0c, end: 0x60 } as const;

export const REALTIME_STATUS_KINDS = { printer: 1, offlineCause: 2, errorCause: 3, paperSensor: 4 } as const;

export function isPaperStatusByte(byte: number): boolean {
  return (byte & PAPER_STATUS_FIXED_MASK) === 0;
}

export function isRealtimeStatusByte(byte: number): boolean {
  return (byte & REALTIME_FIXED_MASK) === REALTIME_FIXED_VALUE;
}

/** What a printer reports about itself. */
export interface PrinterCondition {
  online: boolean;
  coverOpen: boolean;
  paperOut: boolean;
  paperNearEnd: boolean;
}

export const HEALTHY_CONDITION: Readonly<PrinterCondition> = { online: true, coverOpen: false, paperOut: false, paperNearEnd: false };

/** The `GS r 1` byte a printer in `condition` sends (paper end implies near end, as on real sensors). */
export function paperStatusByte(condition: PrinterCondition): number {
  let byte = 0;
  if (condition.paperNearEnd || condition.paperOut) byte |= PAPER_STATUS_BITS.nearEnd;
  if (condition.paperOut) byte |= PAPER_STATUS_BITS.end;
  return byte;
}

/** The `DLE EOT n` byte a printer in `condition` sends; unknown n gets the fixed bits only. */
export function realtimeStatusByte(condition: PrinterCondition, n: number): number {
  let byte = REALTIME_FIXED_VALUE;
  if (n === REALTIME_STATUS_KINDS.printer && !condition.online) byte |= PRINTER_STATUS_BITS.offline;
  if (n === REALTIME_STATUS_KINDS.offlineCause) {
    if (condition.coverOpen) byte |= OFFLINE_CAUSE_BITS.coverOpen;
    if (condition.paperOut) byte |= OFFLINE_CAUSE_BITS.paperEndStop;
  }
  if (n === REALTIME_STATUS_KINDS.paperSensor) {
    if (condition.paperNearEnd || condition.paperOut) byte |= PAPER_SENSOR_BITS.nearEnd;
    if (condition.paperOut) byte |= PAPER_SENSOR_BITS.end;
  }
  return byte;
}

export interface PaperStatus {
  paperOut: boolean;
  paperNearEnd: boolean;
}

export function readPaperStatus(byte: number): PaperStatus {
  return {
    paperOut: (byte & PAPER_STATUS_BITS.end) !== 0,
    paperNearEnd: (byte & PAPER_STATUS_BITS.nearEnd) !== 0,
  };
}

/** Combines the answers to DLE EOT 1, 2 and 4 (any may be missing). */
export function readRealtimeStatus(answers: { printer?: number; offlineCause?: number; paperSensor?: number }): PrinterCondition {
  const { printer = REALTIME_FIXED_VALUE, offlineCause = REALTIME_FIXED_VALUE, paperSensor = REALTIME_FIXED_VALUE } = answers;
  return {
    online: (printer & PRINTER_STATUS_BITS.offline) === 0,
    coverOpen: (offlineCause & OFFLINE_CAUSE_BITS.coverOpen) !== 0,
    paperOut: (offlineCause & OFFLINE_CAUSE_BITS.paperEndStop) !== 0 || (paperSensor & PAPER_SENSOR_BITS.end) !== 0,
    paperNearEnd: (paperSensor & PAPER_SENSOR_BITS.nearEnd) !== 0,
  };
}

export function describeCondition(condition: PrinterCondition): string {
  if (condition.coverOpen) return 'cover open';
  if (condition.paperOut) return 'out of paper';
  if (!condition.online) return 'offline';
  return condition.paperNearEnd ? 'ready (paper low)' : 'ready';
}
