import { useTranslation } from 'react-i18next';
import type { TicketPreview } from '../../../common/kitchen-api.js';

type PreviewLine = TicketPreview['lines'][number];

function lineClass(line: PreviewLine): string {
  return [
    'preview-line',
    line.bold ? 'preview-bold' : '',
    line.doubleHeight ? 'preview-double-height' : '',
    line.doubleWidth ? 'preview-double-width' : '',
    line.inverted ? 'preview-inverted' : '',
    line.red ? 'preview-red' : '',
    `preview-align-${line.align ?? 'left'}`,
  ]
    .filter(Boolean)
    .join(' ');
}

/** The ticket as the printer would print it, decoded back into styled monospace lines. */
export function PreviewPanel({ preview, orderNumber, kind, onClose }: { preview: TicketPreview; orderNumber: string | undefined; kind: string; onClose: () => void }) {
  const { t } = useTranslation('printLog');
  // Named by the order's number (staff words); the job id only in the support line.
  const what = orderNumber ? `#${orderNumber}` : t('support.kindTicket', { kind });
  return (
    <section className="preview-panel" data-testid="preview-panel" aria-label={t('preview.label', { what })}>
      <header className="preview-header">
        <h2 className="preview-title">{t('preview.title', { what })}</h2>
        <button type="button" className="button" data-testid="preview-close" onClick={onClose}>
          {t('preview.close')}
        </button>
      </header>
      <p className="print-details" data-testid="preview-details">
        {t('support.details', { id: preview.jobId })}
      </p>
      <div className="preview-paper">
        {preview.lines.map((line, index) => (
          <div key={index} className={lineClass(line)} data-testid="preview-line">
            {/* A drawn line or a logo prints as an image: shown as the printer's dots. Empty lines stay one line high. */}
            {line.image ? <img className="preview-image" src={line.image} alt="" /> : line.text === '' ? '\u00a0' : line.text}
          </div>
        ))}
      </div>
    </section>
  );
}
