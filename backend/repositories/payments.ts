import { receiptPath, type Payment, type PaymentStatus } from '../../common/payment.js';
import type { ReceiptImageType } from '../../common/receipt-image.js';
import { oneOff, query, type Queryable } from '../db/query.js';
import type { PaymentsTable } from '../db/schema.js';

type PaymentRow = Omit<PaymentsTable, 'position'> & { position: number };

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

type InLocation = { location: string };

const insertPayment = query<{
  id: string;
  location: string;
  orderId: string;
  type: Payment['type'];
  amount: number;
  currency: string;
  status: PaymentStatus;
  qrPayload: string | null;
  qrExpiresMs: number | null;
  qrExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}>()((db, args) =>
  db.insertInto('payments').values({
    id: args.id,
    location_id: args.location,
    order_id: args.orderId,
    type: args.type,
    amount: args.amount,
    currency: args.currency,
    status: args.status,
    qr_payload: args.qrPayload,
    qr_expires_ms: args.qrExpiresMs,
    qr_expires_at: args.qrExpiresAt,
    created_at: args.createdAt,
    updated_at: args.updatedAt,
    version: args.version,
  }),
);
const byId = query<InLocation & { id: string }>()((db, args) => db.selectFrom('payments').selectAll().where('id', '=', args.id).where('location_id', '=', args.location));
const byIdLocked = query<InLocation & { id: string }>()((db, args, dialect) =>
  db
    .selectFrom('payments')
    .selectAll()
    .where('id', '=', args.id)
    .where('location_id', '=', args.location)
    .$if(dialect === 'postgres', (select) => select.forUpdate()),
);
const ofOrder = query<{ orderId: string }>()((db, args) => db.selectFrom('payments').selectAll().where('order_id', '=', args.orderId).orderBy('position'));
// The version guard makes a lost update impossible even if a caller forgot to check. A receipt
// replaces the previous one's type and size; a new receipt clears an old rejection's reason.
const updatePayment = query<{
  id: string;
  version: number;
  status: PaymentStatus;
  updatedAt: string;
  rejectReason: string | null;
  receiptType: ReceiptImageType | null;
  receiptBytes: number | null;
}>()((db, args) =>
  db
    .updateTable('payments')
    .set((eb) => ({
      status: args.status,
      updated_at: args.updatedAt,
      version: eb('version', '+', 1),
      reject_reason: args.rejectReason,
      receipt_type: eb.fn.coalesce(eb.val(args.receiptType), eb.ref('receipt_type')),
      receipt_bytes: eb.fn.coalesce(eb.val(args.receiptBytes), eb.ref('receipt_bytes')),
    }))
    .where('id', '=', args.id)
    .where('version', '=', args.version),
);

/** Payments of orders, each in its order's location; call the writers inside the change's transaction. */
export class PaymentRepository {
  async insert(q: Queryable, location: string, payment: Payment, qrExpiresMs: number | undefined): Promise<void> {
    await q.run(insertPayment, {
      id: payment.id,
      location,
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

  async get(q: Queryable, location: string, id: string): Promise<StoredPayment | undefined> {
    const row = await q.first(byId, { location, id });
    return row ? toStored(row) : undefined;
  }

  /** As get(), with the row locked until the transaction ends: call it where a change is decided. */
  async getForChange(q: Queryable, location: string, id: string): Promise<StoredPayment | undefined> {
    const row = await q.first(byIdLocked, { location, id });
    return row ? toStored(row) : undefined;
  }

  async forOrder(q: Queryable, orderId: string): Promise<Payment[]> {
    return (await q.all(ofOrder, { orderId })).map((row) => toStored(row).payment);
  }

  /**
   * The latest payment's status of each of `orderIds` in the location (issue 24: the History's rows);
   * orders without a payment are left out. One query, bounded by the page of orders it is asked for.
   */
  async latestStatuses(q: Queryable, location: string, orderIds: readonly string[]): Promise<Map<string, PaymentStatus>> {
    const latest = new Map<string, PaymentStatus>();
    if (orderIds.length === 0) return latest;
    const rows = await q.all(
      oneOff((db) =>
        db.selectFrom('payments').select(['order_id', 'status']).where('location_id', '=', location).where('order_id', 'in', [...orderIds]).orderBy('position'),
      ),
    );
    // Ordered by position, so the last row of an order is its latest payment.
    for (const row of rows) latest.set(row.order_id, row.status);
    return latest;
  }

  /** Returns false when the payment is no longer at `change.version`. */
  async update(q: Queryable, change: PaymentChange): Promise<boolean> {
    const changed = await q.run(updatePayment, {
      id: change.id,
      version: change.version,
      status: change.status,
      updatedAt: change.updatedAt,
      rejectReason: change.rejectReason ?? null,
      receiptType: change.receipt?.type ?? null,
      receiptBytes: change.receipt?.bytes ?? null,
    });
    return changed === 1;
  }
}
