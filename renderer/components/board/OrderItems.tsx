import { useTranslation } from 'react-i18next';
import type { OrderItem } from '../../../common/order.js';
import { isAllergyNote } from '../../state/allergy.js';
import { useAllergyMatch } from '../../hooks/useAllergyWords.js';

/** A note; allergy warnings get their own loud style and label so nobody reads past them. */
export function NoteLine({ note, testId }: { note: string; testId?: string }) {
  const { t } = useTranslation();
  const named = useAllergyMatch();
  const allergy = isAllergyNote(note) || named(note);
  return (
    <p className={allergy ? 'note note-allergy' : 'note'} data-testid={testId} data-allergy={allergy ? 'true' : 'false'}>
      {allergy ? <span className="note-allergy-label">⚠ {t('card.allergy')}</span> : <span className="note-label">{t('card.note')}</span>}
      <span className="note-text">{note}</span>
    </p>
  );
}

/** The items; with a station filter on (`focus`), other stations' items are dimmed, not hidden: the cook sees the whole order. */
export function OrderItems({ items, focus = [] }: { items: readonly OrderItem[]; focus?: readonly string[] }) {
  return (
    <ul className="items">
      {items.map((item, index) => {
        const dimmed = focus.length > 0 && !focus.includes(item.station);
        return (
        <li key={index} className={dimmed ? 'item item-dimmed' : 'item'} data-station={item.station} data-dimmed={dimmed ? 'true' : 'false'}>
          <div className="item-line">
            <span className="item-qty">{item.qty}×</span>
            <span className="item-name">{item.name}</span>
          </div>
          {item.modifiers.length > 0 ? (
            <ul className="modifiers">
              {item.modifiers.map((modifier, m) => (
                <li key={m} className="modifier">
                  {modifier}
                </li>
              ))}
            </ul>
          ) : null}
          {item.notes ? <NoteLine note={item.notes} /> : null}
        </li>
        );
      })}
    </ul>
  );
}
