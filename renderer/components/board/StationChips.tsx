import { useTranslation } from 'react-i18next';
interface StationChipsProps {
  stations: readonly string[];
  /** Chosen stations; empty means all. */
  selected: readonly string[];
  onToggle: (station: string) => void;
  onAll: () => void;
}

export function StationChips({ stations, selected, onToggle, onAll }: StationChipsProps) {
  const { t } = useTranslation();
  return (
    <div className="station-chips" role="group" aria-label={t('stations.label')}>
      <button type="button" className={selected.length === 0 ? 'chip chip-on' : 'chip'} aria-pressed={selected.length === 0} data-testid="station-chip-all" onClick={onAll}>
        {t('stations.all')}
      </button>
      {stations.map((station) => {
        const on = selected.includes(station);
        return (
          <button key={station} type="button" className={on ? 'chip chip-on' : 'chip'} aria-pressed={on} data-testid={`station-chip-${station}`} onClick={() => onToggle(station)}>
            {station}
          </button>
        );
      })}
    </div>
  );
}
