/**
 * The agent's public entry: everything a host (cli/, main/) may use. Hosts import this file only —
 * a lint rule refuses deep imports — so the agent's inner layout can change without touching them.
 */
export { createAgent, PENDING_JOB_SCAN_MS, type Agent, type AgentComposition } from './create-agent.js';
export type { AgentConfig, AgentLogger, AgentPorts, HostSettings, RunningAgent, SecretBox, SettingsStore } from './ports.js';
export { ALL_IN_ONE_SETTINGS_DIR_ENV, SETTINGS_ENV, hostSettingsFromEnv, logLevelFromEnv } from './host-env.js';
export { AGENT_V8_FLAGS } from './runtime-flags.js';
export { SECRET_SETTINGS } from './connectors/registry.js';
export { createEscPosDriver, type EscPosDriverOptions } from './pipeline/escpos-driver.js';
export { createConfSettingsStore, readSettingsKey, SETTINGS_FILE_NAME, SETTINGS_KEY } from './settings/conf-settings-store.js';
export { FALLBACK_PRINTER_ID, SettingsService } from './settings/settings-service.js';
export { startVirtualPrinter, type VirtualPrinter } from './printing/virtual-printer.js';
export { runAgentCli } from './cli.js';
export { runVirtualPrinterCli } from './printing/virtual-printer-cli.js';
