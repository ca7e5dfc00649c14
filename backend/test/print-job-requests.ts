import { expect } from 'vitest';
import { PrintJobSchema, type PrintJob } from '../../common/print-job.js';
import { TEST_TOKENS, type TestBackend } from './helpers.js';

/** The print-job API calls the backend's print-job tests make, as an agent. */
export async function createRawJob(test: TestBackend, payload: string, station = 'kitchen'): Promise<PrintJob> {
  const answer = await test.api.post('/api/print-jobs', TEST_TOKENS.agent, { kind: 'raw', station, payload });
  expect(answer.status).toBe(201);
  return PrintJobSchema.parse(answer.body);
}

export function claimJob(test: TestBackend, id: string, agentId: string, leaseMs?: number) {
  return test.api.post<PrintJob>(`/api/print-jobs/${id}/claim`, TEST_TOKENS.agent, { agentId, ...(leaseMs ? { leaseMs } : {}) });
}

export function reportJob(test: TestBackend, id: string, body: Record<string, unknown>) {
  return test.api.post<PrintJob>(`/api/print-jobs/${id}/status`, TEST_TOKENS.agent, body);
}
