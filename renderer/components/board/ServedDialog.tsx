import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RailOrder } from '../../../common/kitchen-api.js';
import { useLanguage } from '../../i18n/useLanguage.js';
import { formatClock } from '../shell/clock.js';
import { Dialog } from '../shell/Dialog.js';

interface ServedDialogProps {
  /** The orders served last, the most recent first (undefined: they could not be had, already reported). */
  load: () => Promise<RailOrder[] | undefined>;
  onRecall: (order: RailOrder) => void;
  onClose: () => void;
}

/** The last orders served (number, table or name, time served): one tap brings one back as ready. */
export function ServedDialog({ load, onRecall, onClose }: ServedDialogProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [served, setServed] = useState<RailOrder[]>();
  useEffect(() => {
    let live = true;
    void load().then((orders) => {
      if (live) setServed(orders ?? []);
    });
    return () => {
      live = false;
    };
  }, [load]);
  return (
    <Dialog title={t('stationWork.servedTitle')} testId="served-dialog" onClose={onClose}>
      {served?.length === 0 ? <p className="dialog-message">{t('stationWork.servedEmpty')}</p> : null}
      <ul className="served-list">
        {(served ?? []).map((order) => (
          <li key={order.id}>
            <button type="button" className="button served-order" data-testid={`served-${order.number}`} onClick={() => onRecall(order)} title={t('stationWork.bringBack', { number: order.number })}>
              <span className="card-number">#{order.number}</span>
              <span className="served-who">{order.table ? t('card.table', { table: order.table }) : (order.customer?.name ?? t(`card.type.${order.type}`))}</span>
              <span className="served-at">{t('stationWork.servedAt', { time: formatClock(language, order.completedAt ?? order.updatedAt) })}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="dialog-actions">
        <button type="button" className="button" data-testid="served-close" onClick={onClose}>
          {t('dialog.back')}
        </button>
      </div>
    </Dialog>
  );
}
