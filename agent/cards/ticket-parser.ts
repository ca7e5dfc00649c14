import { EscPosDecoder, type DecodedLine } from '../printing/escpos-decoder.js';
import type { Dialect } from '../printing/escpos-commands.js';
import type { CardBlock, TicketCard, TicketItem, LineEmphasis } from './ticket-card.js';
import { encodeMonochromePng, pngDataUrl } from '../printing/monochrome-png.js';
import { findRasterImages, type RasterImage } from './raster-images.js';
import { DEFAULT_TICKET_NUMBER_REGEXP, compileTicketNumberPattern, matchTicketNumber, parseItemLine } from './ticket-lines.js';

export interface TicketParseOptions {
  /** The command set of the bytes (the job's `printerType`). Default EPSON. */
  printerType?: Dialect;
  /** The code page before any `ESC t` (the forward printer's memory switch); 0 = PC437. */
  codePage?: number;
  /**
   * Where the ticket number comes from: a RegExp source, matched case-insensitively against each
   * line in turn. An invalid one falls back to the default (settings validate it with
   * compileTicketNumberPattern first).
   */
  ticketNumberPattern?: string;
}

/** A card shows at most this many lines; a runaway job is cut there (`linesOmitted`). */
export const MAX_CARD_LINES = 300;
/**
 * A card shows at most this many raster images (a logo, a QR code); the rest are counted in
 * `imagesNotShown` and the card says so. Each shown image is a PNG made here: a job of 110,000
 * 1×1 images froze the agent for 3.5 s when every one was made.
 */
export const MAX_CARD_IMAGES = 10;
/** More unknown bytes than this share of the job make the card raw. */
const RAW_UNKNOWN_SHARE = 0.02;

/**
 * Turns a job's bytes into a card. Never throws: bytes that do not decode give a card with what
 * was found and `raw: true`.
 */
export function parseTicket(bytes: Buffer, options: TicketParseOptions = {}): TicketCard {
  const pattern = ticketNumberRegExp(options.ticketNumberPattern);
  const state: ParseState = { blocks: [], items: [], ticketNumber: undefined, lines: 0, linesOmitted: 0 };
  let unknownBytes = 0;
  let otherImages = 0;
  let failed = false;
  try {
    const dialect = options.printerType ?? 'EPSON';
    const decoder = new EscPosDecoder({ printerType: dialect, codePage: options.codePage });
    // Decode up to each raster image, so the image lands between the lines around it.
    let pos = 0;
    const take = (): void => {
      const job = decoder.takeJob();
      unknownBytes += job.unknownBytes;
      otherImages += job.images;
      for (const line of job.lines) addLine(state, line, pattern);
    };
    for (const image of findRasterImages(bytes, dialect, MAX_CARD_IMAGES)) {
      decoder.push(bytes.subarray(pos, image.end));
      take();
      otherImages--; // this one is shown
      addImage(state, image);
      pos = image.end;
    }
    decoder.push(bytes.subarray(pos));
    decoder.end();
    take();
  } catch {
    failed = true;
  }
  trimBlankEdges(state.blocks);
  const nothingFound = bytes.length > 0 && state.blocks.length === 0;
  return {
    ...(state.ticketNumber === undefined ? {} : { ticketNumber: state.ticketNumber }),
    blocks: state.blocks,
    items: state.items,
    raw: failed || nothingFound || unknownBytes > bytes.length * RAW_UNKNOWN_SHARE,
    unknownBytes,
    imagesNotShown: Math.max(0, otherImages),
    linesOmitted: state.linesOmitted,
  };
}

interface ParseState {
  blocks: CardBlock[];
  items: TicketItem[];
  ticketNumber: string | undefined;
  lines: number;
  linesOmitted: number;
}

function addLine(state: ParseState, line: DecodedLine, pattern: RegExp): void {
  const text = line.text.trimEnd();
  const previous = state.blocks[state.blocks.length - 1];
  // Blank lines are spacing: one is kept between blocks, runs collapse.
  if (text.trim() === '' && (previous === undefined || (previous.kind === 'text' && previous.text === ''))) return;
  if (state.lines >= MAX_CARD_LINES) {
    state.linesOmitted++;
    return;
  }
  state.lines++;
  state.ticketNumber ??= matchTicketNumber(text, pattern);
  const emphasis = emphasisOf(line);
  const item = parseItemLine(text);
  if (item) {
    state.items.push(item);
    state.blocks.push({ kind: 'item', qty: item.qty, name: item.name, text, ...emphasis });
    return;
  }
  state.blocks.push({ kind: 'text', text: text.trim() === '' ? '' : text, ...(line.align && line.align !== 'left' ? { align: line.align } : {}), ...emphasis });
}

function emphasisOf(line: DecodedLine): LineEmphasis {
  const emphasis: LineEmphasis = {};
  if (line.bold) emphasis.bold = true;
  if (line.doubleHeight || line.doubleWidth) emphasis.large = true;
  return emphasis;
}

function addImage(state: ParseState, image: RasterImage): void {
  state.blocks.push({
    kind: 'image',
    width: image.widthBytes * 8,
    height: image.height,
    dataUrl: pngDataUrl(encodeMonochromePng(image.widthBytes, image.height, image.bits)),
  });
}

function trimBlankEdges(blocks: CardBlock[]): void {
  const blank = (b: CardBlock | undefined) => b?.kind === 'text' && b.text === '';
  while (blank(blocks[blocks.length - 1])) blocks.pop();
  while (blank(blocks[0])) blocks.shift();
}

/** The last configured pattern, compiled once rather than per ticket. */
let lastPattern: { source: string; regexp: RegExp } | undefined;
function ticketNumberRegExp(source: string | undefined): RegExp {
  if (source === undefined) return DEFAULT_TICKET_NUMBER_REGEXP;
  if (lastPattern?.source !== source) {
    let regexp: RegExp;
    try {
      regexp = compileTicketNumberPattern(source);
    } catch {
      regexp = DEFAULT_TICKET_NUMBER_REGEXP;
    }
    lastPattern = { source, regexp };
  }
  return lastPattern.regexp;
}
