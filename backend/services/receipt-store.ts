import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ReceiptImageType } from '../../common/receipt-image.js';
import { query, type Database, type Queryable } from '../db/query.js';
import { instantOf, type Clock } from '../time.js';

/** The folder under DATA_DIR that holds receipt images. */
export const RECEIPTS_DIR = 'receipts';

/** A receipt made ready outside the transaction that records it. */
export interface StagedReceipt {
  /** Puts the receipt in place; call inside the transaction that records it (safe to call twice). */
  commit(tx: Queryable): Promise<void>;
  /** Drops what was staged when the transaction did not take it. */
  discard(): void;
}

/** Where receipt images live: files of one machine (SQLite) or the database (PostgreSQL, any process serves them). */
export interface ReceiptStore {
  stage(paymentId: string, image: { type: ReceiptImageType; bytes: Uint8Array }): Promise<StagedReceipt>;
  read(paymentId: string): Promise<Buffer>;
}

/**
 * Receipt images on disk, one per payment (`DATA_DIR/receipts/<payment id>`), never in SQLite: a
 * database full of 5 MB photos would make every backup and checkpoint crawl. A new receipt for
 * the same payment (after a rejection) replaces the file with an atomic rename, so a download
 * never reads half of one. File names are payment ids the backend made, never client text.
 */
export class FileReceiptStore implements ReceiptStore {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, RECEIPTS_DIR);
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  async stage(paymentId: string, image: { bytes: Uint8Array }): Promise<StagedReceipt> {
    const temporary = join(this.dir, `.${paymentId}.${randomBytes(6).toString('hex')}.tmp`);
    await writeFile(temporary, image.bytes, { mode: 0o600 });
    let moved = false;
    return {
      commit: () => {
        if (!moved) renameSync(temporary, this.pathOf(paymentId));
        moved = true;
        return Promise.resolve();
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

const putImage = query<{ paymentId: string; type: string; bytes: Uint8Array; at: string }>()((db, args) =>
  db
    .insertInto('receipt_images')
    .values({ payment_id: args.paymentId, type: args.type, bytes: args.bytes, updated_at: args.at })
    .onConflict((conflict) =>
      conflict.column('payment_id').doUpdateSet((eb) => ({ type: eb.ref('excluded.type'), bytes: eb.ref('excluded.bytes'), updated_at: eb.ref('excluded.updated_at') })),
    ),
);
const imageOf = query<{ paymentId: string }>()((db, args) => db.selectFrom('receipt_images').select('bytes').where('payment_id', '=', args.paymentId));

/**
 * Receipt images in the database (PostgreSQL's TOAST keeps them out of the table's pages): the
 * bytes are written in the same transaction as the payment's change, and any backend process
 * behind the proxy serves them. At most 5 MB each (RECEIPT_LIMITS).
 */
export class DatabaseReceiptStore implements ReceiptStore {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  stage(paymentId: string, image: { type: ReceiptImageType; bytes: Uint8Array }): Promise<StagedReceipt> {
    return Promise.resolve({
      commit: async (tx) => {
        await tx.run(putImage, { paymentId, type: image.type, bytes: Buffer.from(image.bytes), at: instantOf(this.clock).iso });
      },
      discard: () => undefined,
    });
  }

  async read(paymentId: string): Promise<Buffer> {
    const row = await this.db.first(imageOf, { paymentId });
    if (!row) throw Object.assign(new Error(`no receipt image for ${paymentId}`), { code: 'ENOENT' });
    return Buffer.from(row.bytes);
  }
}
