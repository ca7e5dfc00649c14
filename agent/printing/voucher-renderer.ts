import { formatMinorUnits } from '../../common/currency.js';
import type { Voucher } from '../../common/gift-card.js';
import type { PrinterSettings } from '../../common/settings.js';
import { TicketBuilder } from './ticket-builder.js';
import { REPRINT_MARKER, formatTime } from './ticket-renderer.js';

/**
 * A gift card's voucher as ESC/POS bytes: the card number large (it is what a till types), the
 * balance, the expiry and a QR code of the card number (what a till scans). Printed on the counter
 * station when the card is sold (backend: a `voucher` print job).
 */
export interface VoucherRequest {
  jobId: string;
  reprint?: boolean;
}

export interface VoucherRenderOptions {
  /** Zone of the printed date and time; defaults to the machine's. */
  timeZone?: string;
}

function formatDate(iso: string, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(new Date(iso));
}

export function renderVoucher(
  voucher: Voucher,
  request: VoucherRequest,
  printer: PrinterSettings,
  now: Date = new Date(),
  options: VoucherRenderOptions = {},
): Buffer {
  const b = new TicketBuilder(printer).start().logo(printer.logo);
  b.paragraph('GIFT CARD', { size: 'double', bold: true, align: 'center' });
  if (request.reprint) b.line(REPRINT_MARKER, { align: 'center', highlight: 'inverted', bold: true });
  if (voucher.recipientName) b.paragraph(`for ${voucher.recipientName}`, { align: 'center' });
  b.rule();
  b.paragraph(formatMinorUnits(voucher.balance, voucher.currency), { size: 'double', bold: true, align: 'center' });
  b.paragraph(voucher.expiresAt ? `valid until ${formatDate(voucher.expiresAt, options.timeZone)}` : 'no expiry date', { align: 'center' });
  b.blank();
  b.paragraph(voucher.cardNumber, { size: 'double', bold: true, align: 'center' });
  b.blank();
  b.qr(voucher.cardNumber);
  b.rule();
  b.paragraph('Show this card number to pay.', { align: 'center' });
  b.paragraph(`${request.jobId} - printed ${formatTime(now, options.timeZone)}`);
  if (printer.buzzer) b.buzzer();
  return b.finish(printer.cut).toBuffer();
}
