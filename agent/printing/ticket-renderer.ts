import type { Language } from '../../common/i18n/languages.js';
import type { Order } from '../../common/order.js';
import type { CharacterSet, PrinterSettings } from '../../common/settings.js';
import { PRINTING_ERRORS, PrintingError } from './printing-errors.js';
import { PAPER_COLUMNS, PAPER_DOTS, TicketBuilder, type Highlight } from './ticket-builder.js';
import { ticketWords, type TicketWords } from './ticket-words.js';

/**
 * Kitchen tickets, test pages, raw and image jobs as ESC/POS bytes. Every job starts with `ESC @`
 * and the character set, and ends with a cut (or a feed) per the printer's settings. Sending and
 * confirming is printer-transport.ts's job.
 */
export interface KitchenTicketRequest {
  jobId: string;
  station: string;
  /** 0-based copy number; printed as "copy 2/3" when `copies` > 1. */
  copyIndex?: number;
  copies?: number;
  reprint?: boolean;
}

export interface TicketRenderOptions {
  /** Modifiers and notes: reversed (thermal) or red via `ESC r 1` (two-colour impact printers). */
  highlight?: Highlight;
  /** Zone of the printed times; defaults to the machine's. */
  timeZone?: string;
  /** The language of the ticket's fixed words and times (the agent's `display.language`); English by default. */
  language?: Language;
}

const MODIFIER_INDENT = '    ';
const MODIFIER_PREFIX = '+ ';
const ITEM_NOTE_PREFIX = '! ';

function copyLabel(words: TicketWords, ticket: KitchenTicketRequest): string | undefined {
  const index = ticket.copyIndex ?? 0;
  if (ticket.copies !== undefined && ticket.copies > 1) return words.t('copyOf', { copy: index + 1, copies: ticket.copies });
  return index > 0 ? words.t('copy', { copy: index + 1 }) : undefined;
}

/** The station's part of an order: header, big order number, its items with modifiers, notes. */
export function renderKitchenTicket(
  order: Order,
  ticket: KitchenTicketRequest,
  printer: PrinterSettings,
  now: Date = new Date(),
  options: TicketRenderOptions = {},
): Buffer {
  const items = order.items.filter((item) => item.station === ticket.station);
  if (items.length === 0) {
    throw new PrintingError(PRINTING_ERRORS.NO_ITEMS_FOR_STATION, `order ${order.number} has no items for station ${ticket.station}`);
  }
  const highlight = options.highlight ?? 'inverted';
  const words = ticketWords(options.language);
  const { t } = words;
  const b = new TicketBuilder(printer).start().logo(printer.logo);

  b.paragraph(ticket.station.toUpperCase(), { size: 'double', bold: true, align: 'center' });
  if (ticket.reprint) b.paragraph(t('reprint'), { align: 'center', highlight: 'inverted', bold: true });
  // A cancelled order's ticket is a cancellation slip: stop cooking it.
  if (order.status === 'cancelled') b.paragraph(t('cancelled'), { size: 'double', align: 'center', highlight: 'inverted', bold: true });
  b.paragraph(`#${order.number}`, { size: 'triple', bold: true, align: 'center' });

  const type = t(`orderType.${order.type}`);
  const where = order.table ? `${type} - ${t('table', { table: order.table })}` : type;
  b.paragraph(`${words.time(new Date(order.createdAt), options.timeZone)}  ${where}`, { bold: true });
  if (order.customer?.name) b.paragraph(order.customer.name);
  b.rule();

  for (const item of items) {
    b.prefixed(`${item.qty} x `, item.name, { size: 'doubleHeight', bold: true });
    for (const modifier of item.modifiers ?? []) {
      b.prefixed(MODIFIER_PREFIX, modifier, { indent: MODIFIER_INDENT, highlight });
    }
    if (item.notes) b.prefixed(ITEM_NOTE_PREFIX, item.notes, { indent: MODIFIER_INDENT, highlight });
  }
  b.rule();

  if (order.notes) b.prefixed(t('note'), order.notes, { bold: true });
  if (order.status === 'cancelled' && order.cancelReason) b.prefixed(t('cancelledReason'), order.cancelReason, { bold: true });
  const footer = [ticket.jobId, t('printedAt', { time: words.time(now, options.timeZone) }), copyLabel(words, ticket)].filter(Boolean).join(' - ');
  b.paragraph(footer);

  if (printer.buzzer) b.buzzer();
  return b.finish(printer.cut).toBuffer();
}

/** Text a test page prints in its character set, to check the code page on paper. */
export const CHARACTER_SET_SAMPLES: Readonly<Record<CharacterSet, string>> = {
  PC858_EURO: 'Äpfel, Crème brûlée, 5,50 €',
  PC437_USA: 'Café, Jalapeño, ½ portion',
  PC852_LATIN2: 'Łukasz, żurek, gulyás, 5 zł',
  WPC1250_LATIN2: 'Łukasz, žlutý meloun, 5 €',
  PC857_TURKISH: 'Döner, şiş kebap, ığdır',
  WPC1254_TURKISH: 'Döner, şiş kebap, çay 5 €',
  PC775_BALTIC: 'Cepelinai, šaltibarščiai, ķiploki',
  WPC1257_BALTIC: 'Cepelinai, šaltibarščiai, 5 €',
  PC737_GREEK: 'Μουσακάς, σουβλάκι',
  WPC1253_GREEK: 'Μουσακάς, σουβλάκι, 5 €',
  PC866_CYRILLIC2: 'Борщ, пельмени, квас',
  WPC1251_CYRILLIC: 'Борщ, пельмени, 5 €',
  PC862_HEBREW: 'שקשוקה, פלאפל',
  PC864_ARABIC: 'فلافل، حمص',
  WPC1256_ARABIC: 'فلافل، حمص، كباب',
  PC874_THAI: 'ต้มยำกุ้ง, ผัดไทย',
  WPC1258_VIETNAMESE: 'Phở bò, bánh mì',
  CHINA: 'Kung Pao 宫保鸡丁 测试',
  JAPAN: 'Ramen ラーメン 寿司',
  KOREA: 'Kimchi 김치찌개',
};

const RULER_DIGITS = '1234567890';

/** "Test print": name, width ruler, character-set sample and every style the tickets use. */
export function renderTestPage(printer: PrinterSettings, now: Date = new Date(), options: TicketRenderOptions = {}): Buffer {
  const words = ticketWords(options.language);
  const { t } = words;
  const b = new TicketBuilder(printer).start().logo(printer.logo);
  const columns = PAPER_COLUMNS[printer.width];
  b.paragraph(t('testPage.title'), { size: 'double', bold: true, align: 'center' });
  b.paragraph(printer.name, { align: 'center' });
  b.paragraph(t('testPage.printer', { type: printer.type, width: printer.width, columns }));
  b.paragraph(t('testPage.characterSet', { characterSet: printer.characterSet }));
  b.paragraph(t('testPage.textMode', { textMode: printer.textMode }));
  b.line(RULER_DIGITS.repeat(Math.ceil(columns / RULER_DIGITS.length)).slice(0, columns));
  // The sample goes as code-page text whatever the mode: this line shows whether the printer's
  // table is the one selected. The drawn copy below shows what `auto` and `image` print instead.
  b.codePageLine(CHARACTER_SET_SAMPLES[printer.characterSet]);
  if (printer.textMode !== 'codepage') b.drawnLine(CHARACTER_SET_SAMPLES[printer.characterSet]);
  b.rule();
  b.paragraph(t('testPage.bold'), { bold: true });
  b.paragraph(t('testPage.doubleHeight'), { size: 'doubleHeight' });
  b.paragraph(t('testPage.highlighted'), { indent: MODIFIER_INDENT, highlight: 'inverted' });
  b.paragraph(t('testPage.red'), { indent: MODIFIER_INDENT, highlight: 'red' });
  b.paragraph(t('printedAt', { time: words.time(now, options.timeZone) }));
  if (printer.buzzer) b.buzzer();
  return b.finish(printer.cut).toBuffer();
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const BASE64_QUANTUM = 4;

function decodeBase64(payload: string, code: typeof PRINTING_ERRORS.RAW_PAYLOAD_INVALID | typeof PRINTING_ERRORS.IMAGE_INVALID): Buffer {
  if (payload.length === 0 || payload.length % BASE64_QUANTUM !== 0 || !BASE64.test(payload)) {
    throw new PrintingError(code, 'payload is not valid base64');
  }
  return Buffer.from(payload, 'base64');
}

/** A raw job is the sender's own ESC/POS bytes, sent as they are. */
export function renderRawJob(base64: string): Buffer {
  return decodeBase64(base64, PRINTING_ERRORS.RAW_PAYLOAD_INVALID);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** IHDR follows the signature: length (4), type (4), then width as a big-endian uint32. */
const PNG_WIDTH_OFFSET = 16;
const PNG_MIN_LENGTH = 24;
/** Image jobs print no text, so they need no CJK font: any printer type renders them. */
const IMAGE_JOB_CHARACTER_SET: CharacterSet = 'PC437_USA';

/** A PNG, centred, through node-thermal-printer's image encoder; wider than the paper is refused. */
export async function renderImageJob(base64Png: string, printer: PrinterSettings): Promise<Buffer> {
  const png = decodeBase64(base64Png, PRINTING_ERRORS.IMAGE_INVALID);
  if (png.length < PNG_MIN_LENGTH || !png.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) {
    throw new PrintingError(PRINTING_ERRORS.IMAGE_INVALID, 'image payload is not a PNG');
  }
  const width = png.readUInt32BE(PNG_WIDTH_OFFSET);
  if (width > PAPER_DOTS[printer.width]) {
    throw new PrintingError(
      PRINTING_ERRORS.IMAGE_TOO_WIDE,
      `image is ${width} dots wide; ${printer.width} mm paper prints at most ${PAPER_DOTS[printer.width]}`,
    );
  }
  const b = new TicketBuilder({ ...printer, characterSet: IMAGE_JOB_CHARACTER_SET }).start();
  try {
    await b.image(png);
  } catch (error) {
    throw new PrintingError(PRINTING_ERRORS.IMAGE_INVALID, `PNG could not be decoded: ${(error as Error).message}`);
  }
  if (printer.buzzer) b.buzzer();
  return b.finish(printer.cut).toBuffer();
}
