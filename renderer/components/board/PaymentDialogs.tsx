import { useTranslation } from 'react-i18next';
import { useEffect, useState } from 'react';
import type { RailOrder, RailPayment, ReceiptView } from '../../../common/kitchen-api.js';
import { formatMoney } from '../../../common/i18n/format.js';
import { useLanguage } from '../../i18n/useLanguage.js';
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
  const { t } = useTranslation();
  const language = useLanguage();
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
    <Dialog title={t('receiptDialog.title', { number: order.number, amount: formatMoney(language, payment.amount, payment.currency) })} testId="receipt-dialog" onClose={onClose}>
      {receipt === undefined ? <p className="receipt-loading">{t('receiptDialog.loading')}</p> : null}
      {receipt === 'failed' ? <p className="field-error">{t('receiptDialog.failed')}</p> : null}
      {receipt !== undefined && receipt !== 'failed' ? <img className="receipt-image" data-testid="receipt-image" src={receipt.dataUrl} alt={t('receiptDialog.image', { number: order.number })} /> : null}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          {t('dialog.close')}
        </button>
        {payment.status === 'receipt_uploaded' ? (
          <>
            <button type="button" className="button" data-testid="receipt-reject" onClick={onReject}>
              {t('payment.reject')}
            </button>
            <button type="button" className="button button-primary" data-testid="receipt-verify" onClick={onVerify}>
              {t('receiptDialog.verify')}
            </button>
          </>
        ) : null}
      </div>
    </Dialog>
  );
}

/** Rejecting needs a reason: the diner reads it and may upload another receipt. */
export function RejectPaymentDialog({ order, onConfirm, onClose }: { order: RailOrder; onConfirm: (reason: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  return (
    <Dialog title={t('rejectDialog.title', { number: order.number })} testId="reject-payment-dialog" onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const trimmed = reason.trim();
          if (trimmed === '') setError(t('rejectDialog.reasonRequired'));
          else onConfirm(trimmed);
        }}
      >
        <label className="field-label" htmlFor="reject-reason">
          {t('rejectDialog.reason')}
        </label>
        <textarea id="reject-reason" className={error ? 'input input-invalid' : 'input'} data-testid="reject-reason" value={reason} rows={3} maxLength={500} onChange={(event) => {
          setReason(event.target.value);
          setError(undefined);
        }} />
        {error ? <p className="field-error" data-testid="reject-reason-error">{error}</p> : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('dialog.back')}
          </button>
          <button type="submit" className="button button-danger" data-testid="reject-confirm">
            {t('rejectDialog.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
