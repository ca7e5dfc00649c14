import { useTranslation } from 'react-i18next';
import { CONNECTORS, type ConnectorName } from '../../../common/settings.js';
import type { FieldErrors } from '../../settings/field-errors.js';
import { connectorChangePending } from '../../settings/tabletrack-form.js';
import { Notice, SelectField } from './fields.js';


interface ConnectorSectionProps {
  connector: ConnectorName;
  /** The connector the agent runs with now (the saved one applies at its next start). */
  running: ConnectorName;
  errors: FieldErrors;
  onChange: (connector: ConnectorName) => void;
}

/** Which backend the kitchen's work comes from (docs/connectors.md). */
export function ConnectorSection({ connector, running, errors, onChange }: ConnectorSectionProps) {
  const { t } = useTranslation('settings');
  const labels = Object.fromEntries(CONNECTORS.map((name) => [name, t(`connector.names.${name}`)])) as Record<ConnectorName, string>;
  return (
    <section className="settings-section" aria-labelledby="settings-connector">
      <h2 id="settings-connector" className="section-title">
        {t('connector.title')}
      </h2>
      <SelectField
        path="connector"
        label={t('connector.label')}
        value={connector}
        options={CONNECTORS}
        labels={labels}
        error={errors.connector}
        onChange={onChange}
        hint={t('connector.hint')}
      />
      {connectorChangePending(connector, running) ? (
        <Notice testId="settings-notice-connector">
          {t('connector.pending', { running: labels[running], next: labels[connector] })}
        </Notice>
      ) : null}
    </section>
  );
}
