/**
 * What the board is told about printers that cannot print right now, and about tickets that did not
 * print (issue 20: nothing goes missing quietly). The agent's print pipeline keeps it; the board
 * shows it on the cards, in the header and in the banner area, in the kitchen's words (board.json
 * `printProblem.*`). Pure data, shared by agent and renderer.
 */

/**
 * Why a printer cannot take a job. `offline`: the printer says it is offline for another reason
 * than paper or cover (DLE EOT 1); `unreachable`: no connection (refused, nothing there);
 * `notAnswering`: connected, but it neither answered nor read within the send's time limit.
 */
export const PRINTER_PROBLEMS = ['paperOut', 'coverOpen', 'offline', 'unreachable', 'notAnswering'] as const;
export type PrinterProblem = (typeof PRINTER_PROBLEMS)[number];

/** A printer in trouble, since when, and where its waiting tickets could go instead. */
export interface PrinterTrouble {
  printerId: string;
  printerName: string;
  problem: PrinterProblem;
  /** ISO time the problem was first seen (the agent's clock). */
  since: string;
  /** Tickets waiting for this printer. */
  waiting: number;
  /**
   * Other printers serving the same station, offered once the printer has been unreachable longer
   * than the settings' `printing.unreachableOfferSec`: one tap sends its waiting tickets there.
   */
  offerMoveTo?: { printerId: string; printerName: string }[];
}

/** `needsAttention`: waits for a printer and prints by itself once it is back; `failed`: ended without printing (or may have partly printed). */
export const UNPRINTED_STATES = ['needsAttention', 'failed'] as const;
export type UnprintedState = (typeof UNPRINTED_STATES)[number];

/** A ticket that has not printed, for the strip on its card and the header's count. */
export interface UnprintedTicket {
  jobId: string;
  /** The card it belongs to; absent for a job without a card. */
  orderId?: string;
  state: UnprintedState;
  printerId?: string;
  printerName?: string;
  /** Why, when a printer problem is the reason (the board words it); otherwise see `reason`. */
  problem?: PrinterProblem;
  /** The agent's own (English) reason: a details line for support. */
  reason: string;
  /** True when bytes may have reached the printer: printing it again may print it twice. */
  mayHavePartlyPrinted: boolean;
}

/** The print side of the board: sent whole in each snapshot and in each `printing` update. */
export interface PrintingState {
  printers: PrinterTrouble[];
  unprinted: UnprintedTicket[];
  /** Printers a ticket can be sent to instead (id and name), for "Print elsewhere". */
  choices: { printerId: string; printerName: string; stations: string[] }[];
}

export const EMPTY_PRINTING_STATE: PrintingState = { printers: [], unprinted: [], choices: [] };

/** The print log's word for a job that is not final yet: waiting its turn, bytes on their way, or waiting for a printer. */
export const LOCAL_JOB_STAGES = ['waiting', 'sending', 'needsAttention'] as const;
export type LocalJobStage = (typeof LOCAL_JOB_STAGES)[number];
