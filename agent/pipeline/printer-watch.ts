import type { Clock } from '../../common/clock.js';
import type { LocalJobStage, PrinterProblem, PrinterTrouble } from '../../common/printer-trouble.js';
import type { PrinterSettings } from '../../common/settings.js';
import type { SendOutcome } from './printer-driver.js';

/**
 * What the print pipeline knows about printers in trouble and the jobs it holds, for the board
 * (issue 20): which printer cannot print and why, since when, which jobs wait for it, and which
 * job's bytes are on their way right now. In memory only: after a restart every job in the journal
 * goes through the pipeline again and is seen anew.
 */

/** The reasons of a send where nothing left this PC and the printer itself is the problem: the job waits for it, however long. */
export function printerProblemOf(outcome: Extract<SendOutcome, { ok: false }>): PrinterProblem | undefined {
  if (outcome.sent) return undefined;
  if (outcome.reason === 'paperOut' || outcome.reason === 'coverOpen' || outcome.reason === 'offline') return outcome.reason;
  // A bad interface string or a spooler that is not installed is a setup mistake, not a printer to wait for.
  if (outcome.code === 'INTERFACE_INVALID' || outcome.code === 'SPOOLER_NOT_FOUND' || outcome.code === 'SPOOLER_REJECTED') return undefined;
  if (outcome.reason === 'refused' || outcome.code === 'CONNECTION_FAILED') return 'unreachable';
  if (outcome.reason === 'timeout') return 'notAnswering';
  return undefined;
}

interface Trouble {
  problem: PrinterProblem;
  since: number;
  cancelOffer?: () => void;
}

export interface PrinterWatchDeps {
  clock: Clock;
  printers: () => PrinterSettings[];
  /** How long a printer stays unreachable before its waiting tickets are offered to another printer. */
  offerAfterMs: () => number;
  /** Something the board shows changed. */
  changed: () => void;
}

export class PrinterWatch {
  private readonly troubles = new Map<string, Trouble>();
  /** Every job the pipeline holds, and the printer it is meant for now. */
  private readonly jobs = new Map<string, { printerId: string; attempted: boolean }>();
  private readonly attention = new Map<string, { printerId: string; problem: PrinterProblem; reason: string }>();
  private readonly sending = new Set<string>();

  constructor(private readonly deps: PrinterWatchDeps) {}

  held(jobId: string, printerId: string): void {
    const known = this.jobs.get(jobId);
    this.jobs.set(jobId, { printerId, attempted: known?.attempted ?? false });
    this.deps.changed();
  }

  released(jobId: string): void {
    this.jobs.delete(jobId);
    this.attention.delete(jobId);
    this.sending.delete(jobId);
    this.deps.changed();
  }

  /** The job's bytes are on their way: "printing" in the print log, and no longer waiting for attention. */
  payloadStarted(jobId: string): void {
    this.sending.add(jobId);
    this.attention.delete(jobId);
    this.deps.changed();
  }

  attemptEnded(jobId: string): void {
    this.sending.delete(jobId);
    const job = this.jobs.get(jobId);
    if (job) job.attempted = true;
  }

  /** A send found the printer unable to print: the job waits for it. */
  needsAttention(jobId: string, printerId: string, problem: PrinterProblem, reason: string): void {
    this.attention.set(jobId, { printerId, problem, reason });
    const known = this.troubles.get(printerId);
    if (known?.problem !== problem) {
      known?.cancelOffer?.();
      const trouble: Trouble = { problem, since: this.deps.clock.now() };
      // Once unreachable for long enough, the board offers another printer: told when that moment comes.
      if (problem === 'unreachable') trouble.cancelOffer = this.deps.clock.after(this.deps.offerAfterMs(), () => this.deps.changed());
      this.troubles.set(printerId, trouble);
    }
    this.deps.changed();
  }

  /** The printer took a job (or answered ready): whatever was wrong with it is over. */
  printerOk(printerId: string): void {
    const trouble = this.troubles.get(printerId);
    if (!trouble) return;
    trouble.cancelOffer?.();
    this.troubles.delete(printerId);
    this.deps.changed();
  }

  isHeld(jobId: string): boolean {
    return this.jobs.has(jobId);
  }

  printerOf(jobId: string): string | undefined {
    return this.jobs.get(jobId)?.printerId;
  }

  stageOf(jobId: string): LocalJobStage | undefined {
    const job = this.jobs.get(jobId);
    if (!job) return undefined;
    if (this.sending.has(jobId)) return 'sending';
    if (this.attentionOf(jobId)) return 'needsAttention';
    return 'waiting';
  }

  /** Why a held job waits for its printer: its own last attempt, or — not tried yet — its printer's trouble. */
  attentionOf(jobId: string): { printerId: string; problem: PrinterProblem; reason: string } | undefined {
    const own = this.attention.get(jobId);
    if (own) return own;
    const job = this.jobs.get(jobId);
    if (!job || this.sending.has(jobId)) return undefined;
    const trouble = this.troubles.get(job.printerId);
    return trouble ? { printerId: job.printerId, problem: trouble.problem, reason: `waiting behind other tickets for a printer in trouble (${trouble.problem})` } : undefined;
  }

  /** Jobs that wait for a printer, oldest first (the order they were handed in). */
  waitingJobs(printerId?: string): string[] {
    return [...this.jobs.keys()].filter((jobId) => this.attentionOf(jobId) !== undefined && (printerId === undefined || this.jobs.get(jobId)?.printerId === printerId));
  }

  troubleOf(printerId: string): PrinterProblem | undefined {
    return this.troubles.get(printerId)?.problem;
  }

  printers(): PrinterTrouble[] {
    const printers = this.deps.printers();
    const now = this.deps.clock.now();
    return [...this.troubles].map(([printerId, trouble]) => {
      const printer = printers.find((candidate) => candidate.id === printerId);
      const waiting = this.waitingJobs(printerId).length;
      const entry: PrinterTrouble = { printerId, printerName: printer?.name ?? printerId, problem: trouble.problem, since: new Date(trouble.since).toISOString(), waiting };
      if (trouble.problem === 'unreachable' && waiting > 0 && printer && now - trouble.since >= this.deps.offerAfterMs()) {
        const others = printers.filter((other) => other.id !== printerId && !this.troubles.has(other.id) && other.stations.some((station) => printer.stations.includes(station)));
        if (others.length > 0) entry.offerMoveTo = others.map((other) => ({ printerId: other.id, printerName: other.name }));
      }
      return entry;
    });
  }
}
