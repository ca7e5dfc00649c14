import { Dialog } from './Dialog.js';

interface ConfirmDialogProps {
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({ title, message, confirmLabel, onConfirm, onCancel }: ConfirmDialogProps) {
  return (
    <Dialog title={title} testId="confirm-dialog" onClose={onCancel}>
      <p className="dialog-message">{message}</p>
      <div className="dialog-actions">
        <button type="button" className="button" data-testid="confirm-no" onClick={onCancel}>
          Back
        </button>
        <button type="button" className="button button-primary" data-testid="confirm-yes" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
