import type { ConnectorName, RedactedSettings, SettingsPatch } from '../../common/settings.js';
import type { FieldErrors } from './field-errors.js';

/** The TLS choice of the Pusher override: unset (TLS, as TableTrack's hosted Pusher wants), on or off. */
export type TlsChoice = 'default' | 'on' | 'off';

/** The connector and the TableTrack section as the settings screen holds them (connector `tabletrack`). */
export interface TableTrackForm {
  /** A new branch key to store. Write-only: never filled from the agent; empty keeps the stored one. */
  key: string;
  keySet: boolean;
  pusherHost: string;
  pusherPort: string;
  pusherTLS: TlsChoice;
  /** TableTrack printer id → local printer id; an id missing: that printer's jobs go to the first local printer. */
  printerMap: Record<string, string>;
}

export function tabletrackFormFromSettings(settings: Pick<RedactedSettings, 'tabletrack'>): TableTrackForm {
  const { tabletrack } = settings;
  return {
    key: '',
    keySet: tabletrack.keySet,
    pusherHost: tabletrack.pusherHost ?? '',
    pusherPort: tabletrack.pusherPort === undefined ? '' : String(tabletrack.pusherPort),
    pusherTLS: tabletrack.pusherTLS === undefined ? 'default' : tabletrack.pusherTLS ? 'on' : 'off',
    printerMap: { ...tabletrack.printerMap },
  };
}

/**
 * The section as the settings patch's `tabletrack`. An empty key keeps the stored one; a port that
 * is not a number is reported on its field (the rest is checked by the shared schema).
 */
export function tabletrackPatch(form: TableTrackForm, errors: FieldErrors, notNumber = 'must be a number'): NonNullable<SettingsPatch['tabletrack']> {
  const host = form.pusherHost.trim();
  const portText = form.pusherPort.trim();
  const port = portText === '' ? undefined : Number(portText);
  if (port !== undefined && !Number.isFinite(port)) errors['tabletrack.pusherPort'] = notNumber;
  const printerMap = Object.fromEntries(Object.entries(form.printerMap).filter(([, local]) => local !== ''));
  return {
    key: form.key,
    printerMap,
    ...(host !== '' ? { pusherHost: host } : {}),
    ...(port !== undefined && Number.isFinite(port) ? { pusherPort: port } : {}),
    ...(form.pusherTLS === 'default' ? {} : { pusherTLS: form.pusherTLS === 'on' }),
  };
}

/** Whether a save of this form changes which connector runs: it applies at the agent's next start. */
export function connectorChangePending(connector: ConnectorName, running: ConnectorName): boolean {
  return connector !== running;
}
