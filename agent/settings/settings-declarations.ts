import { z } from 'zod';
import type { ConnectorCatalogEntry } from '../../common/connector-catalog.js';
import { AgentSettingsSchema, BUILT_IN_SECRET_SETTINGS, SettingsPatchSchema } from '../../common/settings.js';
import type { SecretSetting } from '../../common/secret-settings.js';

/**
 * A top-level section a source of work adds to the settings (its registry module declares it).
 * Optional sections are absent until configured; others are filled from their schema's defaults.
 */
export interface SettingsSection {
  key: string;
  schema: z.ZodType;
  optional?: boolean;
}

/**
 * What the settings service is told about the sources of work: their sections, every secret
 * (core ones included), the connector names the `connector` setting may take, and what the screen
 * shows of each. The composition root passes the registry's; the service names no source itself.
 */
export interface SettingsDeclarations {
  sections: readonly SettingsSection[];
  secrets: readonly SecretSetting[];
  /** Names `connector` may take; empty: any well-formed name (tests of the service alone). */
  connectors: readonly string[];
  catalog: ConnectorCatalogEntry[];
}

/** What common/ knows by itself: enough for the service on its own, as its tests use it. */
export const BUILT_IN_DECLARATIONS: SettingsDeclarations = { sections: [], secrets: BUILT_IN_SECRET_SETTINGS, connectors: [], catalog: [] };

/** The settings schema with every declared section: what the file and a whole save must pass. */
export function settingsSchemaWith(sections: readonly SettingsSection[]) {
  return AgentSettingsSchema.extend(Object.fromEntries(sections.map((section) => [section.key, section.optional ? section.schema.optional() : section.schema])));
}

/** The patch schema with every declared section (each given whole, like the core ones). */
export function patchSchemaWith(sections: readonly SettingsSection[]) {
  return SettingsPatchSchema.extend(Object.fromEntries(sections.map((section) => [section.key, section.schema.optional()])));
}

/** A declared section of the settings as its source reads it (validated when the settings were loaded or saved). */
export function sectionOf<T>(settings: object, key: string): T | undefined {
  return (settings as Record<string, unknown>)[key] as T | undefined;
}
