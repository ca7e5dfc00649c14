import { describe, expect, it } from 'vitest';
import type { PrintLogEntry } from '../../common/kitchen-api.js';
import { PRINT_FAILURE_REASONS, PRINT_JOB_STATUSES } from '../../common/print-job.js';
import { boardWords } from '../testing/i18n.js';
import { jobAction, jobConfirmation, mayHavePartlyPrinted } from './print-job-actions.js';

const t = boardWords('en').getFixedT('en', 'printLog');

function job(overrides: Partial<PrintLogEntry> = {}): PrintLogEntry {
  const at = '2026-01-01T12:00:00.000Z';
  return { id: 'job-7', kind: 'ticket', station: 'kitchen', copies: 1, status: 'done', attempts: 1, createdAt: at, updatedAt: at, version: 2, local: true, ...overrides };
}

describe('jobAction', () => {
  it('offers Reprint on done jobs, Retry on failed ones, nothing while a job is still pending or printing', () => {
    const actions = Object.fromEntries(PRINT_JOB_STATUSES.map((status) => [status, jobAction({ status })]));
    expect(actions).toEqual({ pending: undefined, printing: undefined, done: 'reprint', failed: 'retry' });
  });
});

describe('mayHavePartlyPrinted', () => {
  it('reads the agent\'s "may have partly printed" in the job\'s error', () => {
    expect(mayHavePartlyPrinted(job({ error: PRINT_FAILURE_REASONS.partlySent }))).toBe(true);
    expect(mayHavePartlyPrinted(job({ error: `${PRINT_FAILURE_REASONS.paperOut}: after the job was sent; the ticket may have partly printed` }))).toBe(true);
  });

  it('is false when nothing left this PC, and when there is no error', () => {
    expect(mayHavePartlyPrinted(job({ error: `${PRINT_FAILURE_REASONS.refused}: ECONNREFUSED` }))).toBe(false);
    expect(mayHavePartlyPrinted(job())).toBe(false);
  });
});

describe('jobConfirmation', () => {
  it('asks to reprint a done job by its order number and station; ids only in the support line', () => {
    const reprint = jobConfirmation(t, job({ id: 'job_01HZX', orderId: 'ord_01HZY' }), 'reprint', 'A-012');
    expect(reprint).toEqual({
      title: 'Reprint ticket?',
      message: 'The kitchen ticket of order #A-012 will be printed again, marked as a reprint.',
      details: 'Support details: job_01HZX · ord_01HZY',
      confirmLabel: 'Reprint',
    });
    const failed = jobConfirmation(t, job({ id: 'job_01HZX', orderId: 'ord_01HZY', status: 'failed', error: 'printer refused the connection' }), 'retry', 'A-012');
    for (const words of [reprint.title, reprint.message, failed.title, failed.message]) expect(words).not.toMatch(/job_|ord_/);
  });

  it('asks to retry a failed job with its error, and no warning when nothing was printed', () => {
    const failed = job({ status: 'failed', error: 'printer refused the connection' });
    const retry = jobConfirmation(t, failed, 'retry', undefined);
    expect(retry.title).toBe('Retry failed print?');
    expect(retry.confirmLabel).toBe('Retry');
    expect(retry.message).toContain('failed: printer refused the connection');
    expect(retry.warning).toBeUndefined();
  });

  it('warns that the ticket may already have partly printed when the error says so', () => {
    const partly = job({ status: 'failed', error: PRINT_FAILURE_REASONS.partlySent });
    expect(jobConfirmation(t, partly, 'retry', '42').warning).toMatch(/may already have partly printed/);
  });
});

describe('jobConfirmation in another language', () => {
  it("asks in the board's language, the job's own error kept as the agent wrote it", () => {
    const es = boardWords('es').getFixedT('es', 'printLog');
    const retry = jobConfirmation(es, job({ status: 'failed', error: PRINT_FAILURE_REASONS.partlySent }), 'retry', '42');
    expect(retry.title).toBe('¿Reintentar la impresión fallida?');
    expect(retry.confirmLabel).toBe('Reintentar');
    expect(retry.message).toContain(`La impresión de kitchen del pedido #42 falló: ${PRINT_FAILURE_REASONS.partlySent}.`);
    expect(retry.warning).toMatch(/impreso en parte/);
  });
});
