import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog.js';

interface ConfirmDialogProps {
  title: string;
  message: string;
  /** Something that could go wrong by confirming, shown apart from the message so it is read. */
  warning?: string;
  /** Ids for support, small, under the message: staff words first. */
  details?: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({ title, message, warning, details, confirmLabel, onConfirm, onCancel }: ConfirmDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog title={title} testId="confirm-dialog" onClose={onCancel}>
      <p className="dialog-message" data-testid="confirm-message">
        {message}
      </p>
      {details ? (
        <p className="dialog-details" data-testid="confirm-details">
          {details}
        </p>
      ) : null}
      {warning ? (
        <p className="dialog-warning" data-testid="confirm-warning" role="alert">
          ⚠ {warning}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="button" data-testid="confirm-no" onClick={onCancel}>
          {t('dialog.back')}
        </button>
        <button type="button" className="button button-primary" data-testid="confirm-yes" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
