/**
 * Entry of the Electron main process (bundled to dist/electron/main.js). The one place where the
 * shell meets the real agent: everything else in main/ takes the agent factory as a parameter.
 */
import { app, dialog } from 'electron';
import { ALL_IN_ONE_SETTINGS_DIR_ENV, createAgent, createEscPosDriver } from '../agent/index.js';
import { startDesktop } from './desktop.js';
import { createConsoleLogger } from './logger.js';
import { describeError } from '../common/describe-error.js';

const logger = createConsoleLogger();

// `npm start` points the app at the all-in-one's settings file, so the kitchen it started (backend
// with the settings screen's hosted Pusher credentials, the stand-in printer) and this window agree.
const settingsDir = process.env[ALL_IN_ONE_SETTINGS_DIR_ENV];

startDesktop({
  createAgent: (config, ports) => createAgent(config, { ...ports, driver: createEscPosDriver() }),
  mainDir: import.meta.dirname,
  logger,
  ...(settingsDir ? { settingsDir } : {}),
}).catch((error: unknown) => {
  const message = describeError(error);
  logger.error('TicketRail could not start', { error: message });
  dialog.showErrorBox('TicketRail could not start', message);
  app.exit(1);
});
