import type { SourcePrintersResult } from '../connector-check.js';
import { answers } from '../kitchen-answer.js';
import { NoInputSchema } from '../kitchen-api.js';

/**
 * TableTrack's own board operations, carried out by its registry module
 * (agent/connectors/tabletrack/tabletrack-module.ts).
 */
export const TABLETRACK_OPERATIONS = {
  /** TableTrack's printers (GET /api/printer-details) with the saved URL and key, for the printer map. */
  tabletrackPrinters: { input: NoInputSchema, output: answers<SourcePrintersResult>() },
} as const;
