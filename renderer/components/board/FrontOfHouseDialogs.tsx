import { useState, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { RailOrder } from '../../../common/kitchen-api.js';
import { CourierPhoneSchema } from '../../../common/courier.js';
import type { RequestPaymentInput, SetCourierInput } from '../../../common/operations/ticketrail-operations.js';
import { Dialog } from '../shell/Dialog.js';
import { amountText, parseAmount } from './front-of-house-requests.js';

const DEFAULT_CURRENCY = 'EUR';
const DEFAULT_EXPIRY_MINUTES = 15;
const MAX_EXPIRY_MINUTES = 24 * 60;

/** A labelled text input of these dialogs; `onChange` gets the new text. */
function TextField({ id, label, testId, onChange, ...input }: { id: string; label: string; testId: string; value: string; onChange: (text: string) => void } & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>) {
  return (
    <>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input id={id} className="input" data-testid={testId} {...input} onChange={(event) => onChange(event.target.value)} />
    </>
  );
}

/** The dialog's refusal, if any, then Close and the confirm button. */
function FormFooter({ error, errorTestId, confirm, confirmTestId, onClose }: { error: string | undefined; errorTestId: string; confirm: string; confirmTestId: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      {error ? (
        <p className="field-error" data-testid={errorTestId}>
          {error}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          {t('dialog.close')}
        </button>
        <button type="submit" className="button button-primary" data-testid={confirmTestId}>
          {confirm}
        </button>
      </div>
    </>
  );
}

/**
 * "Request payment" (issue 24): the amount starts at the order's total and can be changed; the
 * currency; how long the diner's QR stays valid; the text the QR carries (the restaurant's pay link).
 */
export function RequestPaymentDialog({ order, onConfirm, onClose }: { order: RailOrder; onConfirm: (input: RequestPaymentInput) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [currency, setCurrency] = useState(order.total?.currency ?? DEFAULT_CURRENCY);
  const [amount, setAmount] = useState(order.total ? amountText(order.total.amount, order.total.currency) : '');
  const [minutes, setMinutes] = useState(String(DEFAULT_EXPIRY_MINUTES));
  const [qr, setQr] = useState('');
  const [error, setError] = useState<string>();
  return (
    <Dialog title={t('fohRequest.paymentTitle', { number: order.number })} testId="request-payment-dialog" onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const code = currency.trim().toUpperCase();
          if (!/^[A-Z]{3}$/.test(code)) return setError(t('fohRequest.currencyInvalid'));
          const minor = parseAmount(amount, code);
          if (minor === undefined || minor < 1) return setError(t('fohRequest.amountInvalid'));
          const expiry = Number(minutes);
          if (!Number.isInteger(expiry) || expiry < 1 || expiry > MAX_EXPIRY_MINUTES) return setError(t('fohRequest.expiryInvalid', { max: MAX_EXPIRY_MINUTES }));
          onConfirm({ orderId: order.id, amount: minor, currency: code, expiresInMinutes: expiry, ...(qr.trim() ? { qrPayload: qr.trim() } : {}) });
        }}
      >
        <TextField id="request-amount" label={t('fohRequest.amount')} testId="request-amount" inputMode="decimal" value={amount} onChange={(text) => (setAmount(text), setError(undefined))} />
        <TextField id="request-currency" label={t('fohRequest.currency')} testId="request-currency" maxLength={3} value={currency} onChange={(text) => (setCurrency(text), setError(undefined))} />
        <TextField id="request-expiry" label={t('fohRequest.expiry')} testId="request-expiry" inputMode="numeric" value={minutes} onChange={(text) => (setMinutes(text), setError(undefined))} />
        <TextField id="request-qr" label={t('fohRequest.qr')} testId="request-qr" maxLength={1000} value={qr} onChange={setQr} />
        <FormFooter error={error} errorTestId="request-error" confirm={t('fohRequest.paymentConfirm')} confirmTestId="request-confirm" onClose={onClose} />
      </form>
    </Dialog>
  );
}

/** "Courier" on a delivery card (issue 24): the tracking link (https only) and, optionally, who delivers. */
export function CourierDialog({ order, onConfirm, onClose }: { order: RailOrder; onConfirm: (input: SetCourierInput) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [link, setLink] = useState(order.courier?.trackingUrl ?? '');
  const [name, setName] = useState(order.courier?.name ?? '');
  const [phone, setPhone] = useState(order.courier?.phone ?? '');
  const [error, setError] = useState<string>();
  return (
    <Dialog title={t('fohRequest.courierTitle', { number: order.number })} testId="courier-dialog" onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          let url: URL | undefined;
          try {
            url = new URL(link.trim());
          } catch {
            url = undefined;
          }
          if (!url || url.protocol !== 'https:' || !url.hostname.includes('.')) return setError(t('fohRequest.linkInvalid'));
          if (phone.trim() && !CourierPhoneSchema.safeParse(phone).success) return setError(t('fohRequest.phoneInvalid'));
          onConfirm({ orderId: order.id, trackingUrl: url.toString(), ...(name.trim() ? { name: name.trim() } : {}), ...(phone.trim() ? { phone: phone.trim() } : {}) });
        }}
      >
        <TextField id="courier-link" label={t('fohRequest.link')} testId="courier-link-input" type="url" value={link} onChange={(text) => (setLink(text), setError(undefined))} />
        <TextField id="courier-name" label={t('fohRequest.courierName')} testId="courier-name-input" maxLength={64} value={name} onChange={setName} />
        <TextField id="courier-phone" label={t('fohRequest.courierPhone')} testId="courier-phone-input" type="tel" maxLength={32} value={phone} onChange={(text) => (setPhone(text), setError(undefined))} />
        <FormFooter error={error} errorTestId="courier-error" confirm={t('fohRequest.courierConfirm')} confirmTestId="courier-confirm" onClose={onClose} />
      </form>
    </Dialog>
  );
}
