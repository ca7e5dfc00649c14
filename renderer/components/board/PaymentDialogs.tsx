import { useEffect, useState } from 'react';
import type { RailOrder, RailPayment, ReceiptView } from '../../../common/kitchen-api.js';
import { formatMinorUnits } from '../../../common/payment-status.js';
import { Dialog } from '../shell/Dialog.js';

interface ReceiptDialogProps {
  order: RailOrder;
  payment: RailPayment;
  load: (paymentId: string) => Promise<ReceiptView | undefined>;
  onVerify: () => void;
  onReject: () => void;
  onClose: () => void;
}

/** The receipt, fetched through the agent (the board holds no backend token), with the two decisions. */
export function ReceiptDialog({ order, payment, load, onVerify, onReject, onClose }: ReceiptDialogProps) {
  const [receipt, setReceipt] = useState<ReceiptView | 'failed'>();
  useEffect(() => {
    let live = true;
    load(payment.id).then(
      (view) => live && setReceipt(view ?? 'failed'),
      () => live && setReceipt('failed'),
    );
    return () => {
      live = false;
    };
  }, [load, payment.id]);
  return (
    <Dialog title={`Receipt · order #${order.number} · ${formatMinorUnits(payment.amount, payment.currency)}`} testId="receipt-dialog" onClose={onClose}>
      {receipt === undefined ? <p className="receipt-loading">Loading the receipt…</p> : null}
      {receipt === 'failed' ? <p className="field-error">The receipt could not be loaded.</p> : null}
      {receipt !== undefined && receipt !== 'failed' ? <img className="receipt-image" data-testid="receipt-image" src={receipt.dataUrl} alt={`Payment receipt for order ${order.number}`} /> : null}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
        {payment.status === 'receipt_uploaded' ? (
          <>
            <button type="button" className="button" data-testid="receipt-reject" onClick={onReject}>
              Reject
            </button>
            <button type="button" className="button button-primary" data-testid="receipt-verify" onClick={onVerify}>
              Verify payment
            </button>
          </>
        ) : null}
      </div>
    </Dialog>
  );
}

/** Rejecting needs a reason: the diner reads it and may upload another receipt. */
export function RejectPaymentDialog({ order, onConfirm, onClose }: { order: RailOrder; onConfirm: (reason: string) => void; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  return (
    <Dialog title={`Reject the receipt of order #${order.number}`} testId="reject-payment-dialog" onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const trimmed = reason.trim();
          if (trimmed === '') setError('Tell the diner why (they will see it).');
          else onConfirm(trimmed);
        }}
      >
        <label className="field-label" htmlFor="reject-reason">
          Reason (shown to the diner)
        </label>
        <textarea id="reject-reason" className={error ? 'input input-invalid' : 'input'} data-testid="reject-reason" value={reason} rows={3} maxLength={500} onChange={(event) => {
          setReason(event.target.value);
          setError(undefined);
        }} />
        {error ? <p className="field-error" data-testid="reject-reason-error">{error}</p> : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Back
          </button>
          <button type="submit" className="button button-danger" data-testid="reject-confirm">
            Reject receipt
          </button>
        </div>
      </form>
    </Dialog>
  );
}
