/* Whether printer bytes already end with a cut: the TableTrack connector asks before adding one (payload-bytes.ts). */
import type { PrinterSettings } from '../../common/settings.js';
import { EscPosDecoder, type DecodedJob } from './escpos-decoder.js';

type PrinterType = PrinterSettings['type'];

/** Nothing would reach paper: blank lines (feeds) only, no images, barcodes or unreadable bytes. */
function printsNothing(job: DecodedJob): boolean {
  return job.lines.every((line) => line.text.trim() === '') && job.images === 0 && job.barcodes === 0 && job.unknownBytes === 0;
}

/**
 * Whether the bytes already end with a cut: some cut command (`GS V m`, `GS V m n`, the obsolete
 * `ESC i` / `ESC m`; `ESC d n` on Star) followed by nothing that prints — `ESC @`, feeds, a status
 * request or a beep may trail it. The bytes are parsed forwards with the printer's own command
 * lengths, so a raster image whose data happens to end in 1D 56 00 is not taken for a cut.
 */
export function endsWithCut(bytes: Uint8Array, printerType: PrinterType = 'EPSON'): boolean {
  let cutSeen = false;
  const decoder: EscPosDecoder = new EscPosDecoder(
    { printerType },
    {
      onCut: () => {
        cutSeen = true;
        // Start counting afresh: only what follows the last cut matters.
        decoder.takeJob();
      },
    },
  );
  decoder.push(bytes);
  decoder.end();
  return cutSeen && printsNothing(decoder.takeJob());
}

