/*
 * What a payment receipt may be: one JPEG, PNG or WebP image of at most 5 MB, recognised by its
 * first bytes — never by its file name or the Content-Type a browser guessed from it. Pure and
 * free of zod: the backend checks every upload with it and the diner page checks a file before
 * sending it, so a diner hears at once what the backend would refuse.
 */

export const RECEIPT_LIMITS = {
  /** Largest receipt image accepted (413 RECEIPT_TOO_LARGE above it). */
  maxBytes: 5 * 1024 * 1024,
} as const;

export const RECEIPT_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type ReceiptImageType = (typeof RECEIPT_IMAGE_TYPES)[number];

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
const ascii = (text: string): number[] => [...text].map((char) => char.charCodeAt(0));

function startsWith(bytes: Uint8Array, expected: readonly number[], at = 0): boolean {
  if (bytes.length < at + expected.length) return false;
  return expected.every((byte, i) => bytes[at + i] === byte);
}

/** The image type its bytes announce, or undefined for anything else (text, PDF, HEIC, GIF, empty). */
export function sniffReceiptImage(bytes: Uint8Array): ReceiptImageType | undefined {
  // JPEG: SOI marker then the first segment's marker.
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  // WebP: a RIFF container whose form type is WEBP.
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return undefined;
}

/** Bytes to read from a file to sniff it. */
export const RECEIPT_SNIFF_BYTES = 12;
