import { useTranslation } from 'react-i18next';
import type { OrderStation } from '../../../common/order-stations.js';

/**
 * Each station's part of an order, as a chip: done with a tick, pending plain. Shown on orders
 * made at more than one station (one station's state is the card's own status).
 */
export function CardStations({ stations, number }: { stations: readonly OrderStation[]; number: string }) {
  const { t } = useTranslation();
  if (stations.length < 2) return null;
  return (
    <ul className="card-stations" aria-label={t('stations.label')}>
      {stations.map(({ station, status }) => (
        <li
          key={station}
          className={status === 'ready' ? 'card-station card-station-ready' : 'card-station'}
          data-testid={`card-station-${number}-${station}`}
          data-status={status}
          title={status === 'ready' ? t('stationWork.done', { station }) : t('stationWork.pending', { station })}
        >
          {status === 'ready' ? '✓ ' : ''}
          {station}
        </li>
      ))}
    </ul>
  );
}
