import type { AgentLogger } from './ports.js';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** One JSON line per record on stderr, so stdout stays for what a person asked to see (URLs, tickets). */
export function createConsoleLogger(level: LogLevel = 'info', name = 'agent'): AgentLogger {
  const threshold = LOG_LEVELS.indexOf(level);
  const write = (recordLevel: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (LOG_LEVELS.indexOf(recordLevel) < threshold) return;
    process.stderr.write(`${JSON.stringify({ level: recordLevel, time: new Date().toISOString(), name, msg: message, ...fields })}\n`);
  };
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

export function parseLogLevel(value: string | undefined, fallback: LogLevel = 'info'): LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value ?? '') ? (value as LogLevel) : fallback;
}
