import { CONNECTORS, type ConnectorName } from '../../../common/settings.js';
import type { FieldErrors } from '../../settings/field-errors.js';
import { connectorChangePending } from '../../settings/tabletrack-form.js';
import { Notice, SelectField } from './fields.js';

const CONNECTOR_LABELS: Record<ConnectorName, string> = { ticketrail: 'TicketRail backend', tabletrack: 'TableTrack' };

interface ConnectorSectionProps {
  connector: ConnectorName;
  /** The connector the agent runs with now (the saved one applies at its next start). */
  running: ConnectorName;
  errors: FieldErrors;
  onChange: (connector: ConnectorName) => void;
}

/** Which backend the kitchen's work comes from (docs/connectors.md). */
export function ConnectorSection({ connector, running, errors, onChange }: ConnectorSectionProps) {
  return (
    <section className="settings-section" aria-labelledby="settings-connector">
      <h2 id="settings-connector" className="section-title">
        Source of orders and print jobs
      </h2>
      <SelectField
        path="connector"
        label="Connector"
        value={connector}
        options={CONNECTORS}
        labels={CONNECTOR_LABELS}
        error={errors.connector}
        onChange={onChange}
        hint="TicketRail's own backend, or a TableTrack install (Laravel restaurant app with desktop printing)"
      />
      {connectorChangePending(connector, running) ? (
        <Notice testId="settings-notice-connector">
          The agent runs the {CONNECTOR_LABELS[running]} connector now. {CONNECTOR_LABELS[connector]} takes over when the agent restarts (after Save): each
          connector keeps its own cache, so the board then shows only {CONNECTOR_LABELS[connector]}’s work.
        </Notice>
      ) : null}
    </section>
  );
}
