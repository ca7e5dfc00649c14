import type { AgentLogger } from '../agent/index.js';

/** One JSON line per entry on stderr, so logs from a packaged app are greppable in journald/Event Viewer. */
export function createConsoleLogger(scope = 'desktop'): AgentLogger {
  const write = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void => {
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, scope, message, ...fields })}\n`);
  };
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}
