import { deflateSync } from 'node:zlib';
import type { Order } from '../../common/order.js';
import type { PrinterSettings } from '../../common/settings.js';
import { PNG_SIGNATURE, pngChunk } from './monochrome-png.js';

/** Shared fixtures for this folder's tests: a fixed order, printer settings, PNGs, byte helpers. */

export const FIXED_NOW = new Date('2025-03-01T12:40:00Z');
export const UTC = { timeZone: 'UTC' } as const;

export function kitchenOrder(overrides: Partial<Order> = {}): Order {
  return {
    id: 'ord-1',
    number: '1042',
    type: 'dine_in',
    table: '7',
    customer: { name: 'Anna' },
    items: [
      { name: 'Margherita', qty: 2, station: 'kitchen', modifiers: ['extra basil'], notes: 'well done' },
      { name: 'Борщ', qty: 1, station: 'kitchen', modifiers: [] },
      { name: '宫保鸡丁', qty: 1, station: 'kitchen', modifiers: [] },
      { name: 'Beer', qty: 3, station: 'bar', modifiers: [] },
    ],
    notes: 'Birthday cake 5 €',
    status: 'submitted',
    createdAt: '2025-03-01T12:34:00Z',
    updatedAt: '2025-03-01T12:34:00Z',
    version: 1,
    ...overrides,
  };
}

export function printerSettings(overrides: Partial<PrinterSettings> = {}): PrinterSettings {
  return {
    id: 'kitchen-1',
    name: 'Kitchen',
    type: 'EPSON',
    interface: 'tcp://127.0.0.1:9100',
    width: 80,
    characterSet: 'PC858_EURO',
    stations: ['kitchen'],
    copies: 1,
    buzzer: false,
    cut: true,
    textMode: 'auto',
    drawer: 'never',
    ...overrides,
  };
}

export const hex = (...bytes: number[]): Buffer => Buffer.from(bytes);
export const ascii = (text: string): Buffer => Buffer.from(text, 'latin1');

/** True when `needle` occurs in `haystack` as a contiguous byte sequence. */
export function containsBytes(haystack: Buffer, needle: Buffer): boolean {
  return haystack.indexOf(needle) >= 0;
}

const RGBA = 6;
const BIT_DEPTH = 8;
const FILTER_NONE = 0;

/** An RGBA PNG where `isBlack(x, y)` pixels are black and the rest white. */
export function makePng(width: number, height: number, isBlack: (x: number, y: number) => boolean): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(BIT_DEPTH, 8);
  header.writeUInt8(RGBA, 9);
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 4);
    row[0] = FILTER_NONE;
    for (let x = 0; x < width; x++) {
      const value = isBlack(x, y) ? 0 : 255;
      row.fill(value, 1 + x * 4, 1 + x * 4 + 3);
      row[1 + x * 4 + 3] = 255;
    }
    rows.push(row);
  }
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(Buffer.concat(rows))), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A PNG whose first raster row is exactly `rowBytes` (1 bits black), so tests choose the image data. */
export function pngWithRasterRow(rowBytes: number[], height = 2): Buffer {
  return makePng(rowBytes.length * 8, height, (x, y) => y === 0 && ((rowBytes[Math.floor(x / 8)]! >> (7 - (x % 8))) & 1) === 1);
}

/** Bounds a wait: rejects with `what` when `promise` has not settled after `ms`. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
