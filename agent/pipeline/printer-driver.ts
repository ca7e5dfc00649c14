import type { Language } from '../../common/i18n/languages.js';
import type { Order } from '../../common/order.js';
import type { PrintFailureReason } from '../../common/print-job.js';
import type { PrintJob } from '../../common/print-job.js';
import type { PrinterStatus } from '../../common/kitchen-api.js';
import type { PrinterSettings } from '../../common/settings.js';

/** What happened to one send. `sent` tells a safe retry (nothing left this PC) from a possible partial print. */
export type SendOutcome =
  /** `confirmedBy`: who said it is done — the printer (`GS r 1`), the spooler, or the device that took the bytes. */
  | { ok: true; printedAt: string; confirmedBy?: 'printer' | 'spooler' | 'device' }
  | { ok: false; reason: PrintFailureReason; sent: boolean; message: string; code?: string };

/** How the pipeline steers one send: its time limit (an abort), and word that the job's bytes are on their way. */
export interface SendControl {
  signal?: AbortSignal;
  onPayload?: () => void;
}

/**
 * The print pipeline's view of printing: rendering a job to bytes and sending bytes until the
 * printer answers. agent/printing/ implements it for ESC/POS printers; the pipeline never touches
 * sockets or code pages itself.
 */
export interface PrinterDriver {
  /** `language`: of the ticket's fixed words (the agent's `display.language`). */
  /** `now`: the time printed on the ticket (the agent's clock); the wall clock when not given. */
  render(job: PrintJob, order: Order | undefined, printer: PrinterSettings, options: { reprint: boolean; language: Language; now?: Date }): Promise<Buffer>;
  send(printer: PrinterSettings, bytes: Buffer, control?: SendControl): Promise<SendOutcome>;
  status(printer: PrinterSettings): Promise<PrinterStatus>;
  testPage(printer: PrinterSettings, options: { language: Language }): Promise<Buffer>;
}
