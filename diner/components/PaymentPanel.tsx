import QRCode from 'qrcode';
import { useEffect, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { DinerPayment } from '../../common/diner.js';
import { formatMoney } from '../../common/i18n/format.js';
import type { DinerApi } from '../api.js';
import { useNow } from '../hooks.js';
import { uploadErrorText } from '../messages.js';
import { checkReceiptFile } from '../receipt-check.js';
import { useDinerLanguage } from '../language.js';

function countdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** The QR to pay with, drawn on the phone (the payload never leaves the page). */
function PaymentQr({ payload }: { payload: string }) {
  const { t } = useTranslation('diner');
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(payload, { errorCorrectionLevel: 'M', margin: 1, width: 240 }).then(
      (url) => live && setSrc(url),
      () => live && setSrc(undefined),
    );
    return () => {
      live = false;
    };
  }, [payload]);
  return src ? <img className="qr" data-testid="diner-qr" src={src} width={240} height={240} alt={t('payment.qr')} /> : <div className="qr qr-loading" />;
}

type Upload = { state: 'idle' } | { state: 'sending'; progress: number } | { state: 'failed'; message: string };

/** One payment: the prompt to pay (QR, countdown, receipt upload) until it is sent, then its state. */
export function PaymentPanel({ payment, api, onUploaded }: { payment: DinerPayment; api: DinerApi; onUploaded: () => void }) {
  const { t } = useTranslation('diner');
  const language = useDinerLanguage();
  const now = useNow();
  const input = useRef<HTMLInputElement>(null);
  const [upload, setUpload] = useState<Upload>({ state: 'idle' });
  const amount = formatMoney(language, payment.amount, payment.currency);
  const what = payment.type === 'courier' ? t('payment.courier') : t('payment.food');
  const remaining = payment.qrExpiresAt !== undefined ? Date.parse(payment.qrExpiresAt) - now : undefined;
  const expired = remaining !== undefined && remaining <= 0;
  const awaitingReceipt = payment.status === 'requested' || payment.status === 'rejected';

  const send = async (file: File) => {
    try {
      await checkReceiptFile(file);
      setUpload({ state: 'sending', progress: 0 });
      await api.uploadReceipt(payment.id, file, (progress) => setUpload({ state: 'sending', progress }));
      setUpload({ state: 'idle' });
      onUploaded();
    } catch (error) {
      setUpload({ state: 'failed', message: uploadErrorText(t, error) });
    } finally {
      if (input.current) input.current.value = '';
    }
  };

  return (
    <section className={`panel payment payment-${payment.status}`} data-testid={`payment-${payment.id}`} data-status={payment.status} aria-label={t('payment.label', { what, amount })}>
      <h2>
        <Trans t={t} i18nKey="payment.heading" values={{ what, amount }} components={{ amount: <span className="amount" /> }} />
      </h2>
      {payment.status === 'verified' ? (
        <p className="paid" data-testid="diner-paid">
          {t('payment.paid')}
        </p>
      ) : null}
      {payment.status === 'receipt_uploaded' ? <p className="waiting">{t('payment.checking')}</p> : null}
      {payment.status === 'rejected' ? (
        <p className="rejected" role="alert">
          {payment.rejectReason ? t('payment.rejectedWithReason', { reason: payment.rejectReason }) : t('payment.rejected')}
        </p>
      ) : null}
      {awaitingReceipt && !expired ? (
        <>
          {payment.qrPayload !== undefined ? <PaymentQr payload={payment.qrPayload} /> : null}
          {remaining !== undefined ? (
            <p className="countdown" data-testid="diner-qr-countdown">
              {t('payment.validFor', { time: countdown(remaining) })}
            </p>
          ) : null}
          <p className="hint">{t('payment.hint')}</p>
          <label className="button button-wide button-primary upload-label">
            {upload.state === 'sending' ? t('payment.sending') : t('payment.send')}
            <input
              ref={input}
              className="upload-input"
              data-testid="receipt-input"
              type="file"
              accept="image/jpeg,image/png,image/webp"
              disabled={upload.state === 'sending'}
              onChange={(event) => {
                const file = event.target.files?.[0];
                if (file) void send(file);
              }}
            />
          </label>
          {upload.state === 'sending' ? <progress className="progress" data-testid="upload-progress" value={upload.progress} max={1} /> : null}
          {upload.state === 'failed' ? (
            <p className="error" data-testid="upload-error" role="alert">
              {upload.message}
            </p>
          ) : null}
        </>
      ) : null}
      {awaitingReceipt && expired ? (
        <p className="error" data-testid="diner-qr-expired" role="alert">
          {t('payment.expired')}
        </p>
      ) : null}
    </section>
  );
}
