import type { PrinterProblem, PrintingState, UnprintedTicket } from '../../common/printer-trouble.js';

/**
 * The board's reading of the agent's print side (issue 20): which cards carry a "Not printed" strip,
 * how many tickets the header counts, and which printers a ticket could go to instead.
 */

/** Unprinted tickets by the card they belong to; tickets without a card are counted, not stripped. */
export function unprintedByOrder(printing: PrintingState): ReadonlyMap<string, readonly UnprintedTicket[]> {
  const byOrder = new Map<string, UnprintedTicket[]>();
  for (const ticket of printing.unprinted) {
    if (!ticket.orderId) continue;
    const list = byOrder.get(ticket.orderId);
    if (list) list.push(ticket);
    else byOrder.set(ticket.orderId, [ticket]);
  }
  return byOrder;
}

/** The printers a ticket can be sent to instead: every other printer, those of its station first. */
export function otherPrinters(printing: PrintingState, ticket: Pick<UnprintedTicket, 'printerId'>, station?: string): PrintingState['choices'] {
  const others = printing.choices.filter((choice) => choice.printerId !== ticket.printerId);
  if (!station) return others;
  return [...others.filter((choice) => choice.stations.includes(station)), ...others.filter((choice) => !choice.stations.includes(station))];
}

/** Which `printProblem.reason.*` words say why a ticket did not print. */
export function reasonKey(ticket: Pick<UnprintedTicket, 'problem' | 'state'>): PrinterProblem | 'failed' {
  // A failed ticket with a printer reason still reads as that reason ("Kitchen is out of paper").
  return ticket.problem ?? 'failed';
}

/** Tickets of one card that did not print for the same reason on the same printer: one strip each group. */
export function groupTickets(tickets: readonly UnprintedTicket[]): UnprintedTicket[][] {
  const groups = new Map<string, UnprintedTicket[]>();
  for (const ticket of tickets) {
    const key = [ticket.state, ticket.printerId ?? '', ticket.problem ?? '', ticket.mayHavePartlyPrinted ? 'partly' : ''].join('|');
    const group = groups.get(key);
    if (group) group.push(ticket);
    else groups.set(key, [ticket]);
  }
  return [...groups.values()];
}
