import type { Language } from '../../common/i18n/languages.js';
import type { ServiceDay } from '../../common/reports.js';
import type { PrinterSettings } from '../../common/settings.js';
import { TicketBuilder } from './ticket-builder.js';
import { ticketWords } from './ticket-words.js';

/** How far amounts under a heading (revenue, gift cards) sit in. */
const INDENT = '  ';

export interface DaySummaryRenderOptions {
  /** Zone of the printed time; defaults to the machine's. */
  timeZone?: string;
  /** The language of the slip's words and amounts (the agent's `display.language`); English by default. */
  language?: Language;
}

/**
 * "Print day summary" of the Reports tab (issue 22, docs/reports.md) as ESC/POS bytes: one local
 * day's orders, revenue per currency, gift cards sold and loyalty points given and redeemed, as the
 * backend's report counts them. Printed on the counter printer, where the till's staff close the day.
 */
export function renderDaySummary(day: ServiceDay, printer: PrinterSettings, now: Date = new Date(), options: DaySummaryRenderOptions = {}): Buffer {
  const words = ticketWords(options.language);
  const { t } = words;
  const b = new TicketBuilder(printer).start().logo(printer.logo);
  b.paragraph(t('daySummary.title'), { size: 'double', bold: true, align: 'center' });
  // The report's day is a calendar date: read at noon UTC and written in UTC, it cannot shift a day.
  b.paragraph(words.date(new Date(`${day.date}T12:00:00Z`), 'UTC'), { align: 'center', bold: true });
  b.rule();
  b.paragraph(t('daySummary.orders', { number: day.orders }), { bold: true });
  b.paragraph(t('daySummary.completed', { number: day.completed }));
  b.paragraph(t('daySummary.cancelled', { number: day.cancelled }));
  b.blank();
  b.paragraph(t('daySummary.revenue'), { bold: true });
  if (day.revenue.length === 0) b.paragraph(INDENT + t('daySummary.none'));
  for (const { currency, amount } of day.revenue) b.paragraph(INDENT + words.money(amount, currency));
  b.blank();
  b.paragraph(t('daySummary.giftCards'), { bold: true });
  if (day.giftCards.length === 0) b.paragraph(INDENT + t('daySummary.none'));
  for (const sale of day.giftCards) b.paragraph(INDENT + t('daySummary.giftCardSales', { number: sale.count, amount: words.money(sale.amount, sale.currency) }));
  b.blank();
  b.paragraph(t('daySummary.loyaltyGiven', { number: day.loyalty.given }));
  b.paragraph(t('daySummary.loyaltyRedeemed', { number: day.loyalty.redeemed }));
  b.rule();
  b.paragraph(t('printedAt', { time: words.time(now, options.timeZone) }));
  return b.finish(printer.cut).toBuffer();
}
