import { describe, expect, it } from 'vitest';
import type { Dialect } from '../printing/escpos-commands.js';
import { EPSON_RESTAURANT_TICKET } from './fixtures/epson-restaurant-ticket.js';
import { bytes, DLE, EOT, ESC, GS, line } from './fixtures/fixture-bytes.js';
import { RASTER_LOGO_TICKET } from './fixtures/raster-logo-ticket.js';
import { STAR_LINE_TICKET } from './fixtures/star-line-ticket.js';
import { IngestStreamParser, type StreamPiece } from './ingest-stream-parser.js';

/** Runs chunks through a parser; consecutive data pieces are joined so splits compare equal. */
type Segment = { data: string } | { status: string } | 'cut';

function segments(chunks: Buffer[], dialect: Dialect = 'EPSON', flush = true): Segment[] {
  const parser = new IngestStreamParser(dialect);
  const pieces: StreamPiece[] = chunks.flatMap((c) => parser.push(c));
  if (flush) pieces.push(...parser.flush());
  const out: Segment[] = [];
  for (const piece of pieces) {
    const last = out[out.length - 1];
    if (piece.kind === 'data') {
      if (last && typeof last === 'object' && 'data' in last) last.data += piece.bytes.toString('hex');
      else out.push({ data: piece.bytes.toString('hex') });
    } else if (piece.kind === 'status') out.push({ status: `${piece.request.command} ${piece.request.n}` });
    else out.push('cut');
  }
  return out;
}

const hex = (b: Buffer) => b.toString('hex');

describe('IngestStreamParser', () => {
  it('separates the Epson ticket from the status requests around it and ends it at GS V 66 0', () => {
    expect(segments([EPSON_RESTAURANT_TICKET.session])).toEqual([
      { status: 'DLE EOT 1' },
      { status: 'GS I 1' },
      { status: 'GS I 2' },
      { status: 'GS I 3' },
      { status: 'DLE EOT 2' },
      { status: 'DLE EOT 4' },
      { data: hex(EPSON_RESTAURANT_TICKET.ticket) },
      'cut',
      { status: 'GS r 1' },
    ]);
  });

  it('gives the same pieces for every split of the session into two chunks, and byte by byte', () => {
    const { session } = EPSON_RESTAURANT_TICKET;
    const whole = segments([session]);
    for (let at = 1; at < session.length; at++) {
      expect(segments([session.subarray(0, at), session.subarray(at)]), `split at ${at}`).toEqual(whole);
    }
    expect(segments([...session].map((b) => Buffer.from([b])))).toEqual(whole);
  });

  it('does not take command-looking bytes inside raster data for a cut or a status request, at any split', () => {
    const { session, ticket } = RASTER_LOGO_TICKET;
    const expected = [{ data: hex(ticket) }, 'cut', { status: 'GS r 1' }];
    expect(segments([session])).toEqual(expected);
    for (let at = 1; at < session.length; at++) {
      expect(segments([session.subarray(0, at), session.subarray(at)]), `split at ${at}`).toEqual(expected);
    }
  });

  it('passes long image data through as it arrives instead of holding it, and still finds the cut after it', () => {
    const parser = new IngestStreamParser('EPSON');
    const header = bytes(GS, 0x76, 0x30, 0, 100, 0, 200, 0); // 100 bytes × 200 rows = 20,000 bytes
    const data = Buffer.alloc(20_000, 0x1d); // every byte GS: a decoder out of step would see commands
    const pieces = [header, ...Array.from({ length: 20 }, (_, i) => data.subarray(i * 1000, (i + 1) * 1000))].flatMap((chunk) => {
      const out = parser.push(chunk);
      expect(parser.heldLength).toBeLessThanOrEqual(header.length);
      return out;
    });
    pieces.push(...parser.push(bytes(GS, 0x56, 0)));
    expect(pieces.filter((p) => p.kind !== 'data')).toEqual([{ kind: 'cut' }]);
    const dataBytes = pieces.flatMap((p) => (p.kind === 'data' ? [...p.bytes] : []));
    expect(dataBytes.length).toBe(header.length + data.length + 3);
  });

  it('recognises every GS V form as a cut of its own length', () => {
    const forms = [[0], [1], [48], [49], [65, 3], [66, 0], [97, 5], [98, 1], [103, 2], [104, 7]];
    for (const form of forms) {
      const cut = bytes(GS, 0x56, ...form);
      // `AB` right after the cut must be data of what follows, not a parameter of the cut.
      expect(segments([line('x'), cut, Buffer.from('AB')]), `GS V ${form.join(' ')}`).toEqual([
        { data: hex(Buffer.concat([line('x'), cut])) },
        'cut',
        { data: hex(Buffer.from('AB')) },
      ]);
    }
  });

  it('cuts at ESC d n in Star Line Mode, where Epson only feeds', () => {
    const { session, ticket } = STAR_LINE_TICKET;
    expect(segments([session], 'STAR')).toEqual([{ status: 'DLE EOT 1' }, { data: hex(ticket) }, 'cut']);
    // Read as Epson, the final ESC d 3 feeds: the stream does not end at a cut. (Star's ESC i h w is
    // Epson's obsolete partial cut ESC i, so the Epson reading does cut earlier.)
    expect(segments([session], 'EPSON').at(-1)).toEqual({ data: expect.stringMatching(/1b6403$/u) });
  });

  it('keeps n as sent, so GS r "1" and GS I "2" (ASCII digits) are status requests too', () => {
    expect(segments([bytes(GS, 0x72, 0x31, GS, 0x49, 0x32, DLE, EOT, 3)])).toEqual([
      { status: 'GS r 49' },
      { status: 'GS I 50' },
      { status: 'DLE EOT 3' },
    ]);
  });

  it('holds an unfinished command and gives it back as data on flush', () => {
    const parser = new IngestStreamParser('EPSON');
    expect(parser.push(Buffer.concat([line('a'), bytes(GS, 0x56)]))).toEqual([{ kind: 'data', bytes: line('a') }]);
    expect(parser.heldLength).toBe(2);
    expect(parser.flush()).toEqual([{ kind: 'data', bytes: bytes(GS, 0x56) }]);
    expect(parser.heldLength).toBe(0);
    expect(parser.push(bytes(ESC, 0x40))).toEqual([{ kind: 'data', bytes: bytes(ESC, 0x40) }]);
  });
});
