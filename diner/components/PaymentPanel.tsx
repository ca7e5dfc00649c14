import QRCode from 'qrcode';
import { useEffect, useRef, useState } from 'react';
import type { DinerPayment } from '../../common/diner.js';
import { formatMinorUnits } from '../../common/payment-status.js';
import type { DinerApi } from '../api.js';
import { useNow } from '../hooks.js';
import { uploadErrorText } from '../messages.js';
import { checkReceiptFile } from '../receipt-check.js';

function countdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** The QR to pay with, drawn on the phone (the payload never leaves the page). */
function PaymentQr({ payload }: { payload: string }) {
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
  return src ? <img className="qr" data-testid="diner-qr" src={src} width={240} height={240} alt="QR code to pay with your banking app" /> : <div className="qr qr-loading" />;
}

type Upload = { state: 'idle' } | { state: 'sending'; progress: number } | { state: 'failed'; message: string };

/** One payment: the prompt to pay (QR, countdown, receipt upload) until it is sent, then its state. */
export function PaymentPanel({ payment, api, onUploaded }: { payment: DinerPayment; api: DinerApi; onUploaded: () => void }) {
  const now = useNow();
  const input = useRef<HTMLInputElement>(null);
  const [upload, setUpload] = useState<Upload>({ state: 'idle' });
  const amount = formatMinorUnits(payment.amount, payment.currency);
  const what = payment.type === 'courier' ? 'Delivery fee' : 'Your order';
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
      setUpload({ state: 'failed', message: uploadErrorText(error) });
    } finally {
      if (input.current) input.current.value = '';
    }
  };

  return (
    <section className={`panel payment payment-${payment.status}`} data-testid={`payment-${payment.id}`} data-status={payment.status} aria-label={`${what}: ${amount}`}>
      <h2>
        {what}: <span className="amount">{amount}</span>
      </h2>
      {payment.status === 'verified' ? (
        <p className="paid" data-testid="diner-paid">
          ✓ Paid — thank you!
        </p>
      ) : null}
      {payment.status === 'receipt_uploaded' ? <p className="waiting">Receipt sent. The restaurant is checking it.</p> : null}
      {payment.status === 'rejected' ? (
        <p className="rejected" role="alert">
          The restaurant could not accept your receipt{payment.rejectReason ? `: ${payment.rejectReason}` : ''}. Please send another one.
        </p>
      ) : null}
      {awaitingReceipt && !expired ? (
        <>
          {payment.qrPayload !== undefined ? <PaymentQr payload={payment.qrPayload} /> : null}
          {remaining !== undefined ? (
            <p className="countdown" data-testid="diner-qr-countdown">
              Code valid for {countdown(remaining)}
            </p>
          ) : null}
          <p className="hint">Pay with your banking app, then send us a photo or screenshot of the receipt.</p>
          <label className="button button-wide button-primary upload-label">
            {upload.state === 'sending' ? 'Sending…' : 'Send receipt photo'}
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
          This payment code has expired. Ask the staff for a new one.
        </p>
      ) : null}
    </section>
  );
}
