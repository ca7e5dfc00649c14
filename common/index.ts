export * from './agent-config.js';
export * from './channels.js';
export * from './errors.js';
export * from './events.js';
export * from './order.js';
export * from './print-job.js';
export * from './kitchen-api.js';
export * from './settings.js';
