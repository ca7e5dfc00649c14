import { answers } from '../kitchen-answer.js';
import {
  FindPrintersInputSchema,
  NoInputSchema,
  PrepareLogoInputSchema,
  PrinterIdInputSchema,
  type FindPrintersResult,
  type PreparedLogo,
  type SystemPrintersResult,
  type TestPrintResult,
} from '../kitchen-api.js';

/**
 * Setting up printers on a real counter (issue 21): the cash drawer, Find printers, the PC's own
 * printers, a logo made printable. Every agent carries them, whatever its sources; carried out by
 * agent/printer-setup.ts.
 */
export const PRINTER_SETUP_OPERATIONS = {
  openDrawer: { input: PrinterIdInputSchema, output: answers<TestPrintResult>() },
  findPrinters: { input: FindPrintersInputSchema, output: answers<FindPrintersResult>() },
  systemPrinters: { input: NoInputSchema, output: answers<SystemPrintersResult>() },
  prepareLogo: { input: PrepareLogoInputSchema, output: answers<PreparedLogo>() },
} as const;
