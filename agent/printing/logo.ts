import { crc32, inflateSync } from 'node:zlib';
import { skia } from './skia.js';
import { LOGO_MAX_DATA_URL_CHARS } from '../../common/settings.js';
import { ditherGrey, type Bitmap } from './bitmap.js';
import { encodeMonochromePng, pngDataUrl } from './monochrome-png.js';
import { PRINTING_ERRORS, PrintingError } from './printing-errors.js';

/**
 * A printer's logo: an uploaded PNG or JPEG, scaled to the paper's printable width, dithered to
 * black and white (Floyd–Steinberg) and kept in the printer's settings as a small 1-bit PNG
 * (`PrinterSettings.logo`). Settings show that PNG as the preview: it is exactly what prints, at
 * the top of every ticket, centred.
 */
export const LOGO_UPLOAD_MAX_BYTES = 2 * 1024 * 1024;
/** At most this tall, so a portrait photo cannot eat a metre of paper. */
export const LOGO_MAX_HEIGHT_DOTS = 400;
const UPLOAD = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/]+={0,2})$/u;
const WHITE = 255;

export interface PreparedLogo {
  /** The 1-bit PNG as a data URL: what `PrinterSettings.logo` holds. */
  logo: string;
  width: number;
  height: number;
}

/** Decodes an upload (`data:image/png|jpeg;base64,…`), fits it to `paperDots` and dithers it. */
export async function prepareLogo(upload: string, paperDots: number): Promise<PreparedLogo> {
  const match = UPLOAD.exec(upload);
  if (!match) throw new PrintingError(PRINTING_ERRORS.IMAGE_INVALID, 'the logo must be a PNG or JPEG image');
  const bytes = Buffer.from(match[2]!, 'base64');
  if (bytes.length > LOGO_UPLOAD_MAX_BYTES) throw new PrintingError(PRINTING_ERRORS.IMAGE_INVALID, `the logo is larger than ${LOGO_UPLOAD_MAX_BYTES / 1024 / 1024} MB`);
  const { createCanvas, loadImage } = skia();
  let image: Awaited<ReturnType<typeof loadImage>>;
  try {
    image = await loadImage(bytes);
  } catch (error) {
    throw new PrintingError(PRINTING_ERRORS.IMAGE_INVALID, `the logo could not be read: ${(error as Error).message}`);
  }
  if (image.width === 0 || image.height === 0) throw new PrintingError(PRINTING_ERRORS.IMAGE_INVALID, 'the logo has no pixels');
  // Fit the paper's width, unless that makes it taller than the limit.
  const scale = Math.min(paperDots / image.width, LOGO_MAX_HEIGHT_DOTS / image.height);
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  // Transparent parts print as paper.
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(image, 0, 0, width, height);
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const grey = new Float32Array(width * height);
  for (let i = 0; i < grey.length; i++) grey[i] = (rgba[i * 4]! * 299 + rgba[i * 4 + 1]! * 587 + rgba[i * 4 + 2]! * 114) / 1000;
  const bitmap = ditherGrey(grey, width, height);
  const logo = pngDataUrl(encodeMonochromePng(bitmap.width / 8, bitmap.height, bitmap.data));
  if (logo.length > LOGO_MAX_DATA_URL_CHARS) throw new PrintingError(PRINTING_ERRORS.IMAGE_INVALID, 'the dithered logo is too detailed to keep; try a simpler image');
  return { logo, width: bitmap.width, height: bitmap.height };
}

/**
 * The stored logo as a bitmap centred on a band as wide as the paper (a raster image is printed
 * from the left margin on every model; padding it centres it everywhere). A logo wider than the
 * paper (kept from an 80 mm setting on a 58 mm printer) is scaled down.
 */
export function logoBitmap(dataUrl: string, paperDots: number): Bitmap {
  const logo = decodeMonochromePng(Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'));
  const fitted = logo.width > paperDots ? shrink(logo, paperDots) : logo;
  const bytesPerRow = paperDots / 8;
  const data = new Uint8Array(bytesPerRow * fitted.height);
  const left = Math.floor((paperDots - fitted.width) / 2);
  for (let y = 0; y < fitted.height; y++) {
    for (let x = 0; x < fitted.width; x++) {
      if (!bit(fitted, x, y)) continue;
      const k = y * bytesPerRow + ((left + x) >> 3);
      data[k] = data[k]! | (0x80 >> ((left + x) & 7));
    }
  }
  return { width: paperDots, height: fitted.height, data };
}

const bit = (b: Bitmap, x: number, y: number): boolean => ((b.data[y * (b.width / 8) + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;

/** Nearest-neighbour reduction to `width` dots (the dither pattern survives it well enough). */
function shrink(source: Bitmap, width: number): Bitmap {
  const height = Math.max(1, Math.round((source.height * width) / source.width));
  const grey = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) grey[y * width + x] = bit(source, Math.floor((x * source.width) / width), Math.floor((y * source.height) / height)) ? 0 : WHITE;
  }
  return ditherGrey(grey, width, height);
}

/** Reads back the 1-bit greyscale PNGs monochrome-png.ts writes (no other kind is ever stored). */
export function decodeMonochromePng(png: Buffer): Bitmap {
  const fail = (why: string): never => {
    throw new PrintingError(PRINTING_ERRORS.IMAGE_INVALID, `stored logo: ${why}`);
  };
  if (png.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') fail('not a PNG');
  let header: Buffer | undefined;
  const idat: Buffer[] = [];
  for (let pos = 8; pos + 12 <= png.length; ) {
    const length = png.readUInt32BE(pos);
    const type = png.subarray(pos + 4, pos + 8).toString('latin1');
    if (pos + 12 + length > png.length || png.readUInt32BE(pos + 8 + length) !== crc32(png.subarray(pos + 4, pos + 8 + length)) >>> 0) fail(`chunk ${type} is damaged`);
    if (type === 'IHDR') header = png.subarray(pos + 8, pos + 8 + length);
    if (type === 'IDAT') idat.push(png.subarray(pos + 8, pos + 8 + length));
    pos += 12 + length;
  }
  if (!header || idat.length === 0) return fail('IHDR or IDAT missing');
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  if (header[8] !== 1 || header[9] !== 0 || header[12] !== 0 || width % 8 !== 0 || width === 0 || height === 0) fail('not a 1-bit image the agent made');
  const stride = width / 8 + 1;
  const raw = inflateSync(Buffer.concat(idat));
  if (raw.length < stride * height) fail('image data is short');
  const data = new Uint8Array((width / 8) * height);
  for (let y = 0; y < height; y++) {
    if (raw[y * stride] !== 0) fail('unexpected row filter');
    // PNG grey 0 is black; printers' 1 is black.
    for (let x = 0; x < width / 8; x++) data[y * (width / 8) + x] = ~raw[y * stride + 1 + x]! & 0xff;
  }
  return { width, height, data };
}
