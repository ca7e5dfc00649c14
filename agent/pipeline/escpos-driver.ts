import type { Order } from '../../common/order.js';
import type { PrintJob } from '../../common/print-job.js';
import type { PrinterSettings } from '../../common/settings.js';
import { queryPrinterStatus, sendToPrinter } from '../printing/printer-transport.js';
import { renderImageJob, renderKitchenTicket, renderRawJob, renderTestPage } from '../printing/ticket-renderer.js';
import { renderVoucher } from '../printing/voucher-renderer.js';
import { transcodeRawJob } from '../printing/raw-transcoder.js';
import type { PrinterDriver, SendOutcome } from './printer-driver.js';

/**
 * Time limits of one send. The answer timer restarts whenever the printer reads more, so a long
 * ticket on a slow printer is fine; a printer that stops reading for this long is "busy".
 */
export const SEND_TIMEOUTS = { connectTimeoutMs: 3_000, answerTimeoutMs: 10_000 } as const;

export interface EscPosDriverOptions {
  connectTimeoutMs?: number;
  answerTimeoutMs?: number;
}

/** The pipeline's PrinterDriver for ESC/POS printers: agent/printing/ renders and sends. */
export function createEscPosDriver(options: EscPosDriverOptions = {}): PrinterDriver {
  const timeouts = { ...SEND_TIMEOUTS, ...options };
  return {
    async render(job: PrintJob, order: Order | undefined, printer: PrinterSettings, { reprint, language, now = new Date() }): Promise<Buffer> {
      // A printer's copies apply to what the agent renders (tickets, vouchers, images). Raw bytes
      // are another system's finished print — a POS forwarding through ingest, a TableTrack job —
      // which already holds the copies it meant: multiplying them would print the ticket twice.
      const copies = job.kind === 'raw' ? job.copies : job.copies * printer.copies;
      if (job.kind === 'ticket') {
        if (!order) throw new Error(`order ${job.orderId ?? '?'} of ticket ${job.id} is not known`);
        const tickets = Array.from({ length: copies }, (_, copyIndex) =>
          renderKitchenTicket(order, { jobId: job.id, station: job.station, copyIndex, copies, reprint }, printer, now, { language }),
        );
        return Buffer.concat(tickets);
      }
      if (job.kind === 'voucher') {
        if (!job.voucher) throw new Error(`voucher job ${job.id} has no voucher`);
        const voucher = renderVoucher(job.voucher, { jobId: job.id, reprint }, printer, now, { language });
        return Buffer.concat(Array.from({ length: copies }, () => voucher));
      }
      if (!job.payload) throw new Error(`${job.kind} job ${job.id} has no payload`);
      // Raw bytes written as UTF-8 by their sender are put right for this printer (raw-transcoder.ts).
      const one = job.kind === 'raw' ? transcodeRawJob(renderRawJob(job.payload), printer) : await renderImageJob(job.payload, printer);
      return Buffer.concat(Array.from({ length: copies }, () => one));
    },

    async send(printer, bytes, control = {}): Promise<SendOutcome> {
      const outcome = await sendToPrinter(printer.interface, bytes, { ...timeouts, ...control });
      if (outcome.ok) return { ok: true, printedAt: outcome.printedAt, confirmedBy: outcome.confirmedBy };
      return { ok: false, reason: outcome.reason, sent: outcome.sent !== false, message: outcome.message, ...(outcome.code ? { code: outcome.code } : {}) };
    },

    async status(printer) {
      return { printerId: printer.id, ...(await queryPrinterStatus(printer.interface)) };
    },

    async testPage(printer, { language }) {
      return renderTestPage(printer, new Date(), { language });
    },

  };
}
