import { receiptPath, type Payment, type PaymentStatus, type PaymentType } from '../../common/payment.js';
import type { ReceiptImageType } from '../../common/receipt-image.js';
import type { Db } from '../db/database.js';

interface PaymentRow {
  id: string;
  order_id: string;
  type: PaymentType;
  amount: number;
  currency: string;
  status: PaymentStatus;
  qr_payload: string | null;
  qr_expires_ms: number | null;
  qr_expires_at: string | null;
  receipt_type: ReceiptImageType | null;
  receipt_bytes: number | null;
  reject_reason: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A payment plus what only the backend needs: the expiry as epoch ms and the stored receipt's type. */
export interface StoredPayment {
  payment: Payment;
  qrExpiresMs?: number;
  receipt?: { type: ReceiptImageType; bytes: number };
}

function toStored(row: PaymentRow): StoredPayment {
  const payment: Payment = {
    id: row.id,
    orderId: row.order_id,
    type: row.type,
    amount: row.amount,
    currency: row.currency,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
  if (row.qr_payload !== null) payment.qrPayload = row.qr_payload;
  if (row.qr_expires_at !== null) payment.qrExpiresAt = row.qr_expires_at;
  if (row.receipt_type !== null) payment.receiptUrl = receiptPath(row.id);
  if (row.reject_reason !== null) payment.rejectReason = row.reject_reason;
  return {
    payment,
    ...(row.qr_expires_ms !== null ? { qrExpiresMs: row.qr_expires_ms } : {}),
    ...(row.receipt_type !== null ? { receipt: { type: row.receipt_type, bytes: row.receipt_bytes ?? 0 } } : {}),
  };
}

export interface PaymentChange {
  id: string;
  /** The version the change was decided on: the update only applies while the row is still at it. */
  version: number;
  status: PaymentStatus;
  updatedAt: string;
  rejectReason?: string;
  receipt?: { type: ReceiptImageType; bytes: number };
}

/** Payments of orders; call the writers inside the change's transaction. */
export class PaymentRepository {
  private readonly insertStatement;
  private readonly selectById;
  private readonly selectByOrder;
  private readonly updateStatement;

  constructor(db: Db) {
    this.insertStatement = db.prepare(`INSERT INTO payments
      (id, order_id, type, amount, currency, status, qr_payload, qr_expires_ms, qr_expires_at, created_at, updated_at, version)
      VALUES (@id, @orderId, @type, @amount, @currency, @status, @qrPayload, @qrExpiresMs, @qrExpiresAt, @createdAt, @updatedAt, @version)`);
    this.selectById = db.prepare<[string], PaymentRow>('SELECT * FROM payments WHERE id = ?');
    this.selectByOrder = db.prepare<[string], PaymentRow>('SELECT * FROM payments WHERE order_id = ? ORDER BY rowid');
    // The version guard makes a lost update impossible even if a caller forgot to check. A receipt
    // replaces the previous one's type and size; a new receipt clears an old rejection's reason.
    this.updateStatement = db.prepare(`UPDATE payments
      SET status = @status, updated_at = @updatedAt, version = version + 1, reject_reason = @rejectReason,
          receipt_type = COALESCE(@receiptType, receipt_type), receipt_bytes = COALESCE(@receiptBytes, receipt_bytes)
      WHERE id = @id AND version = @version`);
  }

  insert(payment: Payment, qrExpiresMs: number | undefined): void {
    this.insertStatement.run({
      id: payment.id,
      orderId: payment.orderId,
      type: payment.type,
      amount: payment.amount,
      currency: payment.currency,
      status: payment.status,
      qrPayload: payment.qrPayload ?? null,
      qrExpiresMs: qrExpiresMs ?? null,
      qrExpiresAt: payment.qrExpiresAt ?? null,
      createdAt: payment.createdAt,
      updatedAt: payment.updatedAt,
      version: payment.version,
    });
  }

  get(id: string): StoredPayment | undefined {
    const row = this.selectById.get(id);
    return row ? toStored(row) : undefined;
  }

  forOrder(orderId: string): Payment[] {
    return this.selectByOrder.all(orderId).map((row) => toStored(row).payment);
  }

  /** Returns false when the payment is no longer at `change.version`. */
  update(change: PaymentChange): boolean {
    const result = this.updateStatement.run({
      id: change.id,
      version: change.version,
      status: change.status,
      updatedAt: change.updatedAt,
      rejectReason: change.rejectReason ?? null,
      receiptType: change.receipt?.type ?? null,
      receiptBytes: change.receipt?.bytes ?? null,
    });
    return result.changes === 1;
  }
}
