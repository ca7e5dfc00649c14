import { describe, expect, it } from 'vitest';
import { EPSON_RESTAURANT_TICKET } from '../ingest/fixtures/epson-restaurant-ticket.js';
import { bytes, ESC, GS, line } from '../ingest/fixtures/fixture-bytes.js';
import { garbageBytes, HTTP_REQUEST } from '../ingest/fixtures/garbage.js';
import { LOGO_BITS, RASTER_LOGO_TICKET } from '../ingest/fixtures/raster-logo-ticket.js';
import { STAR_LINE_TICKET } from '../ingest/fixtures/star-line-ticket.js';
import { INGEST_ERRORS } from '../ingest/ingest-errors.js';
import { printedBits, readPng } from './png-test-reader.js';
import { MAX_CARD_LINES, parseTicket } from './ticket-parser.js';
import { compileTicketNumberPattern, parseItemLine } from './ticket-lines.js';

describe('parseTicket on the fixtures', () => {
  it('reads the Epson bistro ticket: number, items with quantities, emphasis, CP858 accents and €', () => {
    const card = parseTicket(EPSON_RESTAURANT_TICKET.ticket);
    expect(card).toEqual({
      ticketNumber: '4711',
      blocks: [
        { kind: 'text', text: 'CUISINE', align: 'center', large: true },
        { kind: 'text', text: '#4711', align: 'center', bold: true, large: true },
        { kind: 'text', text: 'Table 12 - Serveur: Zoë' },
        { kind: 'text', text: '12:34  01/03/2025' },
        { kind: 'text', text: '------------------------------------------' },
        { kind: 'item', qty: 2, name: 'Crème brûlée', text: '2 x Crème brûlée', bold: true, large: true },
        { kind: 'text', text: '    + sans sucre' },
        { kind: 'item', qty: 1, name: 'Café au lait', text: '1 Café au lait', bold: true },
        { kind: 'item', qty: 3, name: 'Frites', text: '3x Frites' },
        { kind: 'item', qty: 1, name: 'Entrecôte 300g', text: '1 x Entrecôte 300g' },
        { kind: 'text', text: '    ! à point' },
        { kind: 'text', text: '------------------------------------------' },
        { kind: 'text', text: 'Allergie: noix, pas de gluten' },
        { kind: 'text', text: 'Total 48,50 €' },
      ],
      items: [
        { qty: 2, name: 'Crème brûlée' },
        { qty: 1, name: 'Café au lait' },
        { qty: 3, name: 'Frites' },
        { qty: 1, name: 'Entrecôte 300g' },
      ],
      raw: false,
      unknownBytes: 0,
      imagesNotShown: 0,
      linesOmitted: 0,
    });
  });

  it('reads the Star Line Mode ticket in the Star dialect', () => {
    const card = parseTicket(STAR_LINE_TICKET.ticket, { printerType: 'STAR' });
    expect(card.ticketNumber).toBe('88');
    expect(card.items).toEqual([
      { qty: 2, name: 'Bière pression' },
      { qty: 1, name: 'Spritz' },
      { qty: 1, name: 'Schorle' },
    ]);
    expect(card.blocks.slice(0, 2)).toEqual([
      { kind: 'text', text: 'BAR', align: 'center', large: true },
      { kind: 'text', text: 'Order 88', bold: true },
    ]);
    expect(card.blocks.at(-1)).toEqual({ kind: 'text', text: 'Total 14,00 €' });
    expect(card.raw).toBe(false);
  });

  it('shows the GS v 0 logo as a PNG before the lines that follow it', () => {
    const card = parseTicket(RASTER_LOGO_TICKET.ticket);
    const [logo, ...rest] = card.blocks;
    expect(logo).toMatchObject({ kind: 'image', width: 32, height: 16 });
    const png = readPng(Buffer.from((logo as { dataUrl: string }).dataUrl.replace('data:image/png;base64,', ''), 'base64'));
    expect(printedBits(png).equals(LOGO_BITS)).toBe(true);
    expect(rest.map((b) => (b.kind === 'image' ? 'image' : b.text))).toEqual(['Table 5', '1 Pizza Margherita', '2 x Calzone']);
    expect(card).toMatchObject({ ticketNumber: '5', raw: false, imagesNotShown: 0 });
  });

  it('places an image between the lines around it', () => {
    const image = bytes(GS, 0x76, 0x30, 0, 1, 0, 1, 0, 0xff);
    const card = parseTicket(Buffer.concat([line('above'), image, line('below')]));
    expect(card.blocks.map((b) => b.kind === 'image' ? `image ${b.width}x${b.height}` : b.text)).toEqual(['above', 'image 8x1', 'below']);
  });
});

describe('parseTicket never throws', () => {
  it('marks garbage raw and keeps what decoded, for many seeds and lengths', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const card = parseTicket(garbageBytes(64 + seed * 97, seed));
      expect(card.raw, `seed ${seed}`).toBe(true);
      expect(card.unknownBytes).toBeGreaterThan(0);
    }
  });

  it('marks a job of nothing but commands raw, and an empty one not', () => {
    expect(parseTicket(bytes(ESC, 0x40, ESC, 0x61, 1)).raw).toBe(true);
    expect(parseTicket(Buffer.alloc(0))).toMatchObject({ raw: false, blocks: [] });
  });

  it('reads an HTTP request sent to the port as text lines, not as a ticket with items', () => {
    const card = parseTicket(HTTP_REQUEST);
    expect(card.items).toEqual([]);
    expect(card.blocks[0]).toEqual({ kind: 'text', text: 'GET / HTTP/1.1' });
  });

  it('survives every truncation of the tickets (a job cut off anywhere)', () => {
    for (const fixture of [EPSON_RESTAURANT_TICKET, RASTER_LOGO_TICKET]) {
      for (let end = 0; end <= fixture.ticket.length; end++) {
        expect(() => parseTicket(fixture.ticket.subarray(0, end))).not.toThrow();
      }
    }
  });

  it('keeps at most MAX_CARD_LINES lines and counts the rest', () => {
    const card = parseTicket(Buffer.concat(Array.from({ length: 1000 }, (_, i) => line(`line ${i}`))));
    expect(card.blocks).toHaveLength(MAX_CARD_LINES);
    expect(card.linesOmitted).toBe(1000 - MAX_CARD_LINES);
  });
});

describe('parseTicket lines', () => {
  it('takes the ticket number from a configured pattern, and falls back to the default on a bad one', () => {
    const ticket = Buffer.concat([line('Table 4'), line('Bon Nr 17'), line('1 Soup')]);
    expect(parseTicket(ticket, { ticketNumberPattern: String.raw`^bon nr (\d+)` }).ticketNumber).toBe('17');
    expect(parseTicket(ticket, { ticketNumberPattern: '(' }).ticketNumber).toBe('4');
    expect(() => compileTicketNumberPattern('(')).toThrow(expect.objectContaining({ code: INGEST_ERRORS.TICKET_PATTERN_INVALID }));
  });

  it('finds the number in "#…", "Order …" and "Table …" lines, the first one that matches', () => {
    const number = (...lines: string[]) => parseTicket(Buffer.concat(lines.map(line))).ticketNumber;
    expect(number('Kitchen', '  # 1042', 'Table 7')).toBe('1042');
    expect(number('ORDER NO. 55')).toBe('55');
    expect(number('Order #A-7')).toBe('A-7');
    expect(number('Orders today: 3', 'Table: 12')).toBe('12');
    expect(number('Kitchen', '2 x Fries')).toBeUndefined();
  });

  it('reads item lines and leaves other lines alone', () => {
    expect(parseItemLine('2 x Fries')).toEqual({ qty: 2, name: 'Fries' });
    expect(parseItemLine('2x Fries')).toEqual({ qty: 2, name: 'Fries' });
    expect(parseItemLine('2 X Fries')).toEqual({ qty: 2, name: 'Fries' });
    expect(parseItemLine('  2 Fries  ')).toEqual({ qty: 2, name: 'Fries' });
    expect(parseItemLine('1 x 7up')).toEqual({ qty: 1, name: '7up' });
    for (const text of ['12:30 DINE IN', '10 % off', '2025 Sales', '0 Fries', 'Fries', '2 x', '    + extra basil']) {
      expect(parseItemLine(text), text).toBeUndefined();
    }
  });

  it('keeps bold (ESC E, ESC !) and double size (GS !, ESC !) as emphasis, collapses blank lines', () => {
    const card = parseTicket(
      Buffer.concat([
        bytes(0x0a, 0x0a),
        bytes(ESC, 0x21, 0x08), line('bold by ESC !'),
        bytes(ESC, 0x21, 0x10), line('tall by ESC !'),
        bytes(ESC, 0x21, 0x00, GS, 0x21, 0x10), line('wide by GS !'),
        bytes(GS, 0x21, 0x00), bytes(0x0a, 0x0a, 0x0a), line('plain'), bytes(0x0a),
      ]),
    );
    expect(card.blocks).toEqual([
      { kind: 'text', text: 'bold by ESC !', bold: true },
      { kind: 'text', text: 'tall by ESC !', large: true },
      { kind: 'text', text: 'wide by GS !', large: true },
      { kind: 'text', text: '' },
      { kind: 'text', text: 'plain' },
    ]);
  });
});
