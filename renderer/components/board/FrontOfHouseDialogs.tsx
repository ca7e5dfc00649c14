import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RailOrder } from '../../../common/kitchen-api.js';
import { CourierPhoneSchema } from '../../../common/courier.js';
import type { RequestPaymentInput, SetCourierInput } from '../../../common/operations/ticketrail-operations.js';
import { Dialog } from '../shell/Dialog.js';
import { amountText, parseAmount } from './front-of-house-requests.js';

const DEFAULT_CURRENCY = 'EUR';
const DEFAULT_EXPIRY_MINUTES = 15;
const MAX_EXPIRY_MINUTES = 24 * 60;

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
        <label className="field-label" htmlFor="request-amount">
          {t('fohRequest.amount')}
        </label>
        <input id="request-amount" className="input" data-testid="request-amount" inputMode="decimal" value={amount} onChange={(event) => (setAmount(event.target.value), setError(undefined))} />
        <label className="field-label" htmlFor="request-currency">
          {t('fohRequest.currency')}
        </label>
        <input id="request-currency" className="input" data-testid="request-currency" maxLength={3} value={currency} onChange={(event) => (setCurrency(event.target.value), setError(undefined))} />
        <label className="field-label" htmlFor="request-expiry">
          {t('fohRequest.expiry')}
        </label>
        <input id="request-expiry" className="input" data-testid="request-expiry" inputMode="numeric" value={minutes} onChange={(event) => (setMinutes(event.target.value), setError(undefined))} />
        <label className="field-label" htmlFor="request-qr">
          {t('fohRequest.qr')}
        </label>
        <input id="request-qr" className="input" data-testid="request-qr" maxLength={1000} value={qr} onChange={(event) => setQr(event.target.value)} />
        {error ? (
          <p className="field-error" data-testid="request-error">
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('dialog.close')}
          </button>
          <button type="submit" className="button button-primary" data-testid="request-confirm">
            {t('fohRequest.paymentConfirm')}
          </button>
        </div>
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
        <label className="field-label" htmlFor="courier-link">
          {t('fohRequest.link')}
        </label>
        <input id="courier-link" className="input" data-testid="courier-link-input" type="url" value={link} onChange={(event) => (setLink(event.target.value), setError(undefined))} />
        <label className="field-label" htmlFor="courier-name">
          {t('fohRequest.courierName')}
        </label>
        <input id="courier-name" className="input" data-testid="courier-name-input" maxLength={64} value={name} onChange={(event) => setName(event.target.value)} />
        <label className="field-label" htmlFor="courier-phone">
          {t('fohRequest.courierPhone')}
        </label>
        <input
          id="courier-phone"
          className="input"
          data-testid="courier-phone-input"
          type="tel"
          maxLength={32}
          value={phone}
          onChange={(event) => (setPhone(event.target.value), setError(undefined))}
        />
        {error ? (
          <p className="field-error" data-testid="courier-error">
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('dialog.close')}
          </button>
          <button type="submit" className="button button-primary" data-testid="courier-confirm">
            {t('fohRequest.courierConfirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
