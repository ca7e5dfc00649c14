import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KitchenApi } from '../../../common/kitchen-api.js';
import type { ErrorBody } from '../../../common/errors.js';
import { toKitchenApiError } from '../../api/kitchen-api-error.js';
import { ApiErrorLine } from './ApiErrorLine.js';

interface PrinterLogoFieldProps {
  api: KitchenApi;
  index: number;
  /** The dithered logo (PNG data URL) or '' for none. */
  logo: string;
  width: '58' | '80';
  onChange: (logo: string) => void;
}

/** A printer's logo: choose an image, the agent fits and dithers it, the preview is what prints. */
export function PrinterLogoField({ api, index, logo, width, onChange }: PrinterLogoFieldProps) {
  const { t } = useTranslation('settings');
  const [state, setState] = useState<{ busy: boolean; error?: ErrorBody | string }>({ busy: false });

  const choose = (file: File | undefined) => {
    if (!file) return;
    setState({ busy: true });
    const reader = new FileReader();
    reader.onload = () => {
      api.prepareLogo({ image: String(reader.result), width: width === '58' ? 58 : 80 }).then(
        (prepared) => {
          setState({ busy: false });
          onChange(prepared.logo);
        },
        (error: unknown) => setState({ busy: false, error: toKitchenApiError(error) }),
      );
    };
    reader.onerror = () => setState({ busy: false, error: t('printers.logoUnreadable') });
    reader.readAsDataURL(file);
  };

  const id = `settings-printers-${index}-logo`;
  return (
    <div className="field printer-logo">
      <label className="field-label" htmlFor={id}>
        {t('printers.logo')}
      </label>
      <div className="printer-logo-preview" data-testid={`printer-logo-preview-${index}`}>
        {logo ? <img src={logo} alt={t('printers.logo')} /> : <span className="field-hint">{t('printers.logoNone')}</span>}
      </div>
      <input id={id} data-testid={`printer-logo-file-${index}`} type="file" accept="image/png,image/jpeg" onChange={(event) => choose(event.target.files?.[0])} />
      <p className="field-hint">{state.busy ? t('printers.logoPreparing') : t('printers.logoHint')}</p>
      {typeof state.error === 'string' ? (
        <p className="field-error" role="alert" data-testid={`printer-logo-error-${index}`}>
          {state.error}
        </p>
      ) : null}
      {typeof state.error === 'object' ? <ApiErrorLine error={state.error} testId={`printer-logo-error-${index}`} /> : null}
      {logo ? (
        <button type="button" className="button button-small" data-testid={`printer-logo-remove-${index}`} onClick={() => onChange('')}>
          {t('printers.removeLogo')}
        </button>
      ) : null}
    </div>
  );
}
