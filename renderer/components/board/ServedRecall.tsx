import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderActions } from '../../hooks/useOrderActions.js';
import { ServedDialog } from './ServedDialog.js';

/** Served…: the last orders served, one tap to bring one back (Board and Expo). */
export function ServedRecall({ actions, onOpenChange }: { actions: Pick<OrderActions, 'recentlyCompleted' | 'recallOrder'>; onOpenChange?: (open: boolean) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const show = (next: boolean) => {
    setOpen(next);
    onOpenChange?.(next);
  };
  return (
    <>
      <button type="button" className="button" data-testid="served-button" onClick={() => show(true)} title={t('stationWork.servedHint')}>
        {t('stationWork.served')}
      </button>
      {open ? (
        <ServedDialog
          load={actions.recentlyCompleted}
          onClose={() => show(false)}
          onRecall={(order) => {
            show(false);
            void actions.recallOrder(order.id);
          }}
        />
      ) : null}
    </>
  );
}
