import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** The folder under DATA_DIR that holds receipt images. */
export const RECEIPTS_DIR = 'receipts';

/** A receipt written to a temporary file, waiting for its transaction. */
export interface StagedReceipt {
  /** Moves the file into place; call inside the transaction that records the receipt. */
  commit(): void;
  /** Removes the temporary file when the transaction did not take it. */
  discard(): void;
}

/**
 * Receipt images on disk, one per payment (`DATA_DIR/receipts/<payment id>`), never in SQLite: a
 * database full of 5 MB photos would make every backup and checkpoint crawl. A new receipt for
 * the same payment (after a rejection) replaces the file with an atomic rename, so a download
 * never reads half of one. File names are payment ids the backend made, never client text.
 */
export class ReceiptStore {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, RECEIPTS_DIR);
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  async stage(paymentId: string, bytes: Uint8Array): Promise<StagedReceipt> {
    const temporary = join(this.dir, `.${paymentId}.${randomBytes(6).toString('hex')}.tmp`);
    await writeFile(temporary, bytes, { mode: 0o600 });
    let moved = false;
    return {
      commit: () => {
        renameSync(temporary, this.pathOf(paymentId));
        moved = true;
      },
      discard: () => {
        if (!moved) rmSync(temporary, { force: true });
      },
    };
  }

  read(paymentId: string): Promise<Buffer> {
    return readFile(this.pathOf(paymentId));
  }

  private pathOf(paymentId: string): string {
    return join(this.dir, paymentId);
  }
}
