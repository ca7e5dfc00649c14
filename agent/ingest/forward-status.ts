import type { PrinterSettings } from '../../common/settings.js';
import { describeError } from '../describe-error.js';
import type { PrinterDriver } from '../pipeline/printer-driver.js';
import type { AgentLogger } from '../ports.js';
import type { PrinterCondition } from '../printing/printer-status.js';
import type { Clock } from '../../common/clock.js';

/**
 * How long a forward printer's answer stands for it. POS drivers ask before and after every job,
 * often several requests in a row: one question to the printer serves them all, and a change
 * (paper out) reaches the POS within this time.
 */
export const FORWARD_STATUS_TTL_MS = 1_000;

const UNREACHABLE: Readonly<PrinterCondition> = { online: false, coverOpen: false, paperOut: false, paperNearEnd: false };

interface Known {
  at: number;
  condition: PrinterCondition;
}

/**
 * What the POS is told about the printer behind an ingest printer: that printer's real state, asked
 * with the driver's status query (`DLE EOT 1/2/4`, agent/printing/printer-transport.ts), kept for
 * FORWARD_STATUS_TTL_MS by the agent's clock. Requests arriving while a question is out share it.
 * A printer that cannot be reached is offline to the POS, as it would be without the agent between.
 */
export class ForwardPrinterStatus {
  private readonly known = new Map<string, Known>();
  private readonly asking = new Map<string, Promise<PrinterCondition>>();

  constructor(
    private readonly driver: Pick<PrinterDriver, 'status'>,
    private readonly clock: Clock,
    private readonly logger: AgentLogger,
    private readonly ttlMs: number = FORWARD_STATUS_TTL_MS,
  ) {}

  /** The printer's state: at once while the last answer is fresh, else once the printer answered. */
  condition(printer: PrinterSettings): PrinterCondition | Promise<PrinterCondition> {
    // Keyed by the interface too: a printer moved to another address is asked again.
    const key = `${printer.id}\u0000${printer.interface}`;
    const known = this.known.get(key);
    if (known && this.clock.now() - known.at < this.ttlMs) return known.condition;
    let pending = this.asking.get(key);
    if (!pending) {
      pending = this.ask(printer, key);
      this.asking.set(key, pending);
    }
    return pending;
  }

  private async ask(printer: PrinterSettings, key: string): Promise<PrinterCondition> {
    try {
      const status = await this.driver.status(printer);
      const condition: PrinterCondition = { online: status.online, coverOpen: status.coverOpen, paperOut: status.paperOut, paperNearEnd: false };
      this.known.set(key, { at: this.clock.now(), condition });
      return condition;
    } catch (error) {
      this.logger.warn('ingest: could not ask the forward printer for its status; the POS is told it is offline', { printer: printer.id, error: describeError(error) });
      return UNREACHABLE;
    } finally {
      this.asking.delete(key);
    }
  }
}
