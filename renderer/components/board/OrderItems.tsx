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

/** What a card's lines need to be struck through by a tap (issue 19): the struck indexes and the toggle. */
export interface StrikeProps {
  /** The card's struck lines (RailOrder.struckItems). */
  struck: ReadonlySet<number>;
  /** Strikes the line, or takes the tick back; absent where lines cannot be struck (the agent's first screen). */
  onToggle?: (index: number) => void;
}

/** The attributes that make a line tappable to strike it: the same on an order's items and a source card's lines. */
export function strikeAttributes(index: number, number: string, { struck, onToggle }: StrikeProps, hint: string) {
  const done = struck.has(index);
  return {
    'data-testid': `item-line-${number}-${index}`,
    'data-struck': done ? 'true' : 'false',
    role: 'checkbox',
    'aria-checked': done,
    title: hint,
    onClick: onToggle ? () => onToggle(index) : undefined,
  } as const;
}

function itemClass(dimmed: boolean, struck: boolean): string {
  return ['item', dimmed ? 'item-dimmed' : '', struck ? 'item-struck' : ''].filter(Boolean).join(' ');
}

/** The items; with a station filter on (`focus`), other stations' items are dimmed, not hidden: the cook sees the whole order. */
export function OrderItems({ items, number, focus = [], strike }: { items: readonly OrderItem[]; number: string; focus?: readonly string[]; strike: StrikeProps }) {
  const { t } = useTranslation();
  return (
    <ul className="items">
      {items.map((item, index) => {
        const dimmed = focus.length > 0 && !focus.includes(item.station);
        const classes = itemClass(dimmed, strike.struck.has(index));
        return (
        <li key={index} className={classes} data-station={item.station} data-dimmed={dimmed ? 'true' : 'false'} {...strikeAttributes(index, number, strike, t('itemDone.hint'))}>
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
