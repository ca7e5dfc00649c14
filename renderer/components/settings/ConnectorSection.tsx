import { useTranslation } from 'react-i18next';
import type { ConnectorCatalogEntry } from '../../../common/connector-catalog.js';
import type { ConnectorName } from '../../../common/settings.js';
import type { FieldErrors } from '../../settings/field-errors.js';
import { connectorChangePending } from '../../settings/tabletrack-form.js';
import { Notice, SelectField } from './fields.js';

interface ConnectorSectionProps {
  connector: ConnectorName;
  /** The connector the agent runs with now (the saved one applies at its next start). */
  running: ConnectorName;
  /** The connectors the agent knows (its registry), as it describes them. */
  catalog: readonly ConnectorCatalogEntry[];
  errors: FieldErrors;
  onChange: (connector: ConnectorName) => void;
}

/**
 * Which system the kitchen's work comes from (docs/connectors.md): the choices are the agent's own
 * (its registry), named in the board's language where the board has a name for them, else as the
 * agent describes them.
 */
export function ConnectorSection({ connector, running, catalog, errors, onChange }: ConnectorSectionProps) {
  const { t } = useTranslation('settings');
  const translated = t('connector.names', { returnObjects: true }) as Readonly<Record<string, string>>;
  const labelOf = (name: string) => translated[name] ?? catalog.find((entry) => entry.name === name)?.label ?? name;
  const names = catalog.some((entry) => entry.name === connector) ? catalog.map((entry) => entry.name) : [connector, ...catalog.map((entry) => entry.name)];
  return (
    <section className="settings-section" aria-labelledby="settings-connector">
      <h2 id="settings-connector" className="section-title">
        {t('connector.title')}
      </h2>
      <SelectField
        path="connector"
        label={t('connector.label')}
        value={connector}
        options={names}
        labels={Object.fromEntries(names.map((name) => [name, labelOf(name)]))}
        error={errors.connector}
        onChange={onChange}
        hint={catalog.find((entry) => entry.name === connector)?.hint ?? t('connector.hint')}
      />
      {connectorChangePending(connector, running) ? (
        <Notice testId="settings-notice-connector">{t('connector.pending', { running: labelOf(running), next: labelOf(connector) })}</Notice>
      ) : null}
    </section>
  );
}
