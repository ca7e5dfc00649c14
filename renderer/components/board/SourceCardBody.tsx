import { useTranslation } from 'react-i18next';
import { isSeparatorLine } from '../../../common/allergy-words.js';
import type { CardBlock, SourceCard } from '../../../common/source-card.js';
import { useAllergyMatch } from '../../hooks/useAllergyWords.js';
import { strikeAttributes, type StrikeProps } from './OrderItems.js';

/** The board's own names of sources (translated), by kind; a source it has none for is shown by the card's label. */
const NAMED_SOURCES = new Set(['tabletrack', 'ingest']);

function blockClass(block: { bold?: true; large?: true }, base: string): string {
  return [base, block.bold ? 'ticket-bold' : '', block.large ? 'ticket-large' : ''].filter(Boolean).join(' ');
}

function TicketImage({ src, width, height }: { src: string; width: number; height: number }) {
  const { t } = useTranslation();
  return <img src={src} width={width} height={height} alt={t('source.image')} />;
}

/** A ticket line naming an allergy: the red block native orders' allergy notes have. */
function AllergyLine({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <p className="note note-allergy" data-allergy="true" data-testid="ticket-allergy">
      <span className="note-allergy-label">⚠ {t('card.allergy')}</span>
      <span className="note-text">{text}</span>
    </p>
  );
}

function Block({ block, index, number, strike }: { block: CardBlock; index: number; number: string; strike: StrikeProps }) {
  const { t } = useTranslation();
  const struck = strike.struck.has(index) ? ' item-struck' : '';
  const allergy = useAllergyMatch();
  switch (block.kind) {
    case 'item':
      return (
        <li className={blockClass(block, `item ticket-item${struck}`)} {...strikeAttributes(index, number, strike, t('itemDone.hint'))}>
          <div className="item-line">
            <span className="item-qty">{block.qty}×</span>
            <span className="item-name">{block.name}</span>
          </div>
          {allergy(block.text) ? <AllergyLine text={block.text} /> : null}
        </li>
      );
    case 'image':
      return (
        <li className="ticket-image">
          <TicketImage src={block.dataUrl} width={block.width} height={block.height} />
        </li>
      );
    case 'text':
      // A run of dashes, equals or underscores: one rule, however wide the card (never a wrapped line).
      if (isSeparatorLine(block.text)) return <li className="ticket-rule" role="separator" data-testid="ticket-rule" />;
      if (allergy(block.text)) {
        return (
          <li className={`ticket-allergy${struck}`} {...strikeAttributes(index, number, strike, t('itemDone.hint'))}>
            <AllergyLine text={block.text} />
          </li>
        );
      }
      return (
        <li className={blockClass(block, `ticket-line${block.align ? ` ticket-${block.align}` : ''}${struck}`)} {...strikeAttributes(index, number, strike, t('itemDone.hint'))}>
          {block.text || '\u00a0'}
        </li>
      );
  }
}

/**
 * The ticket of a card from a source without orders (TableTrack, a POS printing to an ingest
 * port): its lines as printed, with items, emphasis and images kept, under a label naming where
 * it came from. Nothing here is re-rendered from a model: staff see what the POS meant to print.
 */
export function SourceCardBody({ source, number, strike }: { source: SourceCard; number: string; strike: StrikeProps }) {
  const { t } = useTranslation();
  return (
    <div className="source-card" data-testid={`source-card-${number}`} data-source={source.kind}>
      <div className="markers">
        <span className="marker marker-source" data-testid={`source-label-${number}`}>
          {NAMED_SOURCES.has(source.kind) ? t(`source.${source.kind as 'tabletrack' | 'ingest'}`) : (source.label ?? source.kind)} · {source.from}
        </span>
        {source.sourceStatus ? (
          <span className="marker marker-source-status" data-testid={`source-status-${number}`}>
            {source.sourceStatus}
          </span>
        ) : null}
        {source.raw ? (
          <span className="marker marker-raw" data-testid={`source-raw-${number}`} title={t('source.rawHint')}>
            {t('source.raw')}
          </span>
        ) : null}
      </div>
      {source.notice ? (
        <p className="conflict" role="alert" data-testid={`source-notice-${number}`}>
          <span className="conflict-text">{source.notice}</span>
        </p>
      ) : null}
      <ul className="items ticket-lines">
        {source.blocks.map((block, index) => (
          <Block key={index} block={block} index={index} number={number} strike={strike} />
        ))}
      </ul>
    </div>
  );
}
