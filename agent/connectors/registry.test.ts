import { describe, expect, it } from 'vitest';
import { CONNECTOR_MODULES, SECRET_SETTINGS, SOURCE_MODULES, connectorCatalog, moduleOfId, settingsDeclarations } from './registry.js';

describe('the registry of sources of work', () => {
  it('gives each connector its own cache file and each source its own id prefix', () => {
    const files = CONNECTOR_MODULES.map((module) => module.cacheFile);
    expect(files.every((file) => typeof file === 'string' && file.endsWith('.sqlite'))).toBe(true);
    expect(new Set(files).size).toBe(files.length);
    const prefixes = SOURCE_MODULES.map((module) => module.idPrefix).filter(Boolean);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    expect(new Set(SOURCE_MODULES.map((module) => module.name)).size).toBe(SOURCE_MODULES.length);
  });

  it('finds the source of an id by its longest prefix, else the running connector', () => {
    const running = { idPrefix: '', name: 'running' };
    const modules = [running, { idPrefix: 'pos:', name: 'pos' }, { idPrefix: 'pos:bar:', name: 'bar' }];
    expect(moduleOfId('pos:bar:1', modules, running).name).toBe('bar');
    expect(moduleOfId('pos:9', modules, running).name).toBe('pos');
    expect(moduleOfId('01HX-backend-id', modules, running).name).toBe('running');
  });

  it('declares every secret the settings hold, with the variables that give them for a run', () => {
    const paths = SECRET_SETTINGS.map((secret) => secret.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['agentToken', 'hostedPusher.secret', 'tabletrack.key']));
    expect(SECRET_SETTINGS.find((secret) => secret.path.join('.') === 'tabletrack.key')?.env).toBe('TICKETRAIL_TABLETRACK_KEY');
  });

  it('offers every connector on the settings screen and lets the settings name only those', () => {
    const declarations = settingsDeclarations();
    expect(connectorCatalog().map((entry) => entry.name)).toEqual(CONNECTOR_MODULES.map((module) => module.name));
    expect(declarations.connectors).toEqual(CONNECTOR_MODULES.map((module) => module.name));
    expect(declarations.sections.map((section) => section.key)).toContain('tabletrack');
  });
});
