import type { Voucher } from '../../common/gift-card.js';
import type { Language } from '../../common/i18n/languages.js';
import type { PrinterSettings } from '../../common/settings.js';
import { TicketBuilder } from './ticket-builder.js';
import { ticketWords } from './ticket-words.js';

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
  /** The language of the voucher's words, date and amount (the agent's `display.language`); English by default. */
  language?: Language;
}

export function renderVoucher(
  voucher: Voucher,
  request: VoucherRequest,
  printer: PrinterSettings,
  now: Date = new Date(),
  options: VoucherRenderOptions = {},
): Buffer {
  const words = ticketWords(options.language);
  const { t } = words;
  const b = new TicketBuilder(printer).start().logo(printer.logo);
  b.paragraph(t('voucher.title'), { size: 'double', bold: true, align: 'center' });
  if (request.reprint) b.paragraph(t('reprint'), { align: 'center', highlight: 'inverted', bold: true });
  if (voucher.recipientName) b.paragraph(t('voucher.for', { name: voucher.recipientName }), { align: 'center' });
  b.rule();
  b.paragraph(words.money(voucher.balance, voucher.currency), { size: 'double', bold: true, align: 'center' });
  const expiry = voucher.expiresAt ? t('voucher.validUntil', { date: words.date(new Date(voucher.expiresAt), options.timeZone) }) : t('voucher.noExpiry');
  b.paragraph(expiry, { align: 'center' });
  b.blank();
  b.paragraph(voucher.cardNumber, { size: 'double', bold: true, align: 'center' });
  b.blank();
  b.qr(voucher.cardNumber);
  b.rule();
  b.paragraph(t('voucher.howToUse'), { align: 'center' });
  b.paragraph(`${request.jobId} - ${t('printedAt', { time: words.time(now, options.timeZone) })}`);
  if (printer.buzzer) b.buzzer();
  return b.finish(printer.cut).toBuffer();
}
