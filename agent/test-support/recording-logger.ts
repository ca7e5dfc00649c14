import type { AgentLogger } from '../ports.js';

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields?: Record<string, unknown>;
}

/** An agent logger that keeps every entry, so a test can say what was logged and what was not. */
export function recordingLogger(): AgentLogger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const record = (level: LogEntry['level']) => (message: string, fields?: Record<string, unknown>) => void entries.push({ level, message, ...(fields ? { fields } : {}) });
  return { entries, info: record('info'), warn: record('warn'), error: record('error') };
}
