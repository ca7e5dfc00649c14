import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { OrderActionInputSchema, type RailOrder } from '../../../common/kitchen-api.js';
import { Dialog } from '../shell/Dialog.js';

const reasonSchema = OrderActionInputSchema.shape.reason.unwrap();

interface CancelDialogProps {
  order: RailOrder;
  onConfirm: (reason: string) => void;
  onClose: () => void;
}

/** Cancelling needs a reason (the backend refuses one without): an empty reason is refused here first. */
export function CancelDialog({ order, onConfirm, onClose }: CancelDialogProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();

  const submit = () => {
    const parsed = reasonSchema.safeParse(reason);
    if (!parsed.success) {
      setError(reason.trim() === '' ? t('cancelDialog.reasonRequired') : t('cancelDialog.reasonInvalid'));
      return;
    }
    onConfirm(parsed.data);
  };

  return (
    <Dialog title={t('cancelDialog.title', { number: order.number })} testId="cancel-dialog" onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <label className="field-label" htmlFor="cancel-reason">
          {t('cancelDialog.reason')}
        </label>
        <textarea
          id="cancel-reason"
          className={error ? 'input input-invalid' : 'input'}
          data-testid="cancel-reason"
          value={reason}
          rows={3}
          maxLength={500}
          aria-invalid={error ? 'true' : 'false'}
          aria-describedby={error ? 'cancel-reason-error' : undefined}
          onChange={(event) => {
            setReason(event.target.value);
            setError(undefined);
          }}
        />
        {error ? (
          <p id="cancel-reason-error" className="field-error" data-testid="cancel-reason-error">
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button" data-testid="cancel-dismiss" onClick={onClose}>
            {t('cancelDialog.keep')}
          </button>
          <button type="submit" className="button button-danger" data-testid="cancel-confirm">
            {t('cancelDialog.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
