import { describe, expect, it } from 'vitest';
import type { PrintingState, UnprintedTicket } from '../../common/printer-trouble.js';
import { groupTickets, otherPrinters, reasonKey, unprintedByOrder } from './print-problems.js';

const ticket = (jobId: string, changes: Partial<UnprintedTicket> = {}): UnprintedTicket => ({
  jobId,
  orderId: 'o-1',
  state: 'needsAttention',
  printerId: 'kitchen',
  printerName: 'Kitchen',
  problem: 'paperOut',
  reason: 'printer is out of paper: nothing was sent',
  mayHavePartlyPrinted: false,
  ...changes,
});

const printing = (unprinted: UnprintedTicket[]): PrintingState => ({
  printers: [],
  unprinted,
  choices: [
    { printerId: 'kitchen', printerName: 'Kitchen', stations: ['kitchen'] },
    { printerId: 'bar', printerName: 'Bar', stations: ['bar'] },
    { printerId: 'pass', printerName: 'Pass', stations: ['kitchen'] },
  ],
});

describe('the board’s reading of unprinted tickets', () => {
  it('puts each ticket on its card; a ticket without a card is counted but has no strip', () => {
    const byOrder = unprintedByOrder(printing([ticket('j1'), ticket('j2', { orderId: 'o-2' }), ticket('j3', { orderId: undefined })]));
    expect([...byOrder.keys()]).toEqual(['o-1', 'o-2']);
    expect(byOrder.get('o-1')?.map((entry) => entry.jobId)).toEqual(['j1']);
  });

  it('shares one strip between tickets of a card with the same reason on the same printer, never across reasons', () => {
    const groups = groupTickets([ticket('j1'), ticket('j2'), ticket('j3', { problem: 'coverOpen' }), ticket('j4', { state: 'failed', problem: undefined, mayHavePartlyPrinted: true })]);
    expect(groups.map((group) => group.map((entry) => entry.jobId))).toEqual([['j1', 'j2'], ['j3'], ['j4']]);
  });

  it('offers every other printer, those of the ticket’s station first', () => {
    expect(otherPrinters(printing([]), { printerId: 'kitchen' }, 'kitchen').map((choice) => choice.printerId)).toEqual(['pass', 'bar']);
    expect(otherPrinters(printing([]), { printerId: 'kitchen' }).map((choice) => choice.printerId)).toEqual(['bar', 'pass']);
  });

  it('words a failure without a printer problem as a failed print', () => {
    expect(reasonKey(ticket('j1'))).toBe('paperOut');
    expect(reasonKey(ticket('j1', { state: 'failed', problem: undefined }))).toBe('failed');
  });
});
