/**
 * Every source of work this agent knows, one line each. A new source is one folder under
 * agent/connectors/ and one line here (docs/architecture.md, "Adding a connector"); nothing else
 * names it. The composition root, the command line, the settings service and the desktop's secret
 * guard read what the modules declare through the helpers below.
 */
import type { ConnectorCatalogEntry } from '../../common/connector-catalog.js';
import { CORE_SECRET_SETTINGS, type SecretSetting } from '../../common/secret-settings.js';
import { ingestModule } from '../ingest/ingest-module.js';
import type { SettingsDeclarations } from '../settings/settings-declarations.js';
import { pusherAppModule } from './pusher-app/pusher-app-module.js';
import type { SourceModule } from './source-module.js';
import { tableTrackModule } from './tabletrack/tabletrack-module.js';
import { ticketRailModule } from './ticketrail/ticketrail-module.js';

export const SOURCE_MODULES: readonly SourceModule[] = [ticketRailModule, tableTrackModule, pusherAppModule, ingestModule];

/** The modules whose connector a start may choose. */
export const CONNECTOR_MODULES = SOURCE_MODULES.filter((module) => module.role === 'connector');

export const CONNECTOR_NAMES: readonly string[] = CONNECTOR_MODULES.map((module) => module.name);

/** The connector module of that name, or undefined. */
export function connectorModule(name: string): SourceModule | undefined {
  return CONNECTOR_MODULES.find((module) => module.name === name);
}

/** Every secret in the settings: the core ones and those the modules declare. */
export const SECRET_SETTINGS: readonly SecretSetting[] = [...CORE_SECRET_SETTINGS, ...SOURCE_MODULES.flatMap((module) => module.settings?.secrets ?? [])];

/** The connectors as the settings screen offers them. */
export function connectorCatalog(): ConnectorCatalogEntry[] {
  return CONNECTOR_MODULES.flatMap((module) =>
    module.catalog ? [{ name: module.name, ...module.catalog, ...(module.settings?.form ? { form: module.settings.form } : {}) }] : [],
  );
}

/** What the settings service is told: sections, secrets, connector names, the screen's catalog. */
export function settingsDeclarations(): SettingsDeclarations {
  return {
    sections: SOURCE_MODULES.flatMap((module) => (module.settings?.section ? [module.settings.section] : [])),
    secrets: SECRET_SETTINGS,
    connectors: CONNECTOR_NAMES,
    catalog: connectorCatalog(),
  };
}

/**
 * The module a card or job id belongs to: the one whose prefix it starts with (the longest), else
 * `fallback` (the running connector, whose ids are its backend's own).
 */
export function moduleOfId<M extends Pick<SourceModule, 'idPrefix'>>(id: string, modules: readonly M[], fallback: M): M {
  let found: M | undefined;
  for (const module of modules) {
    if (module.idPrefix && id.startsWith(module.idPrefix) && module.idPrefix.length > (found?.idPrefix.length ?? 0)) found = module;
  }
  return found ?? fallback;
}
