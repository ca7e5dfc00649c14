import { expect } from 'vitest';
import { PrintJobSchema, type PrintJob } from '../../common/print-job.js';
import { TEST_TOKENS, agentTokenFor, type TestBackend } from './helpers.js';

/** The print-job API calls the backend's print-job tests make, as an agent. */
export async function createRawJob(test: TestBackend, payload: string, station = 'kitchen'): Promise<PrintJob> {
  const answer = await test.api.post('/api/print-jobs', TEST_TOKENS.agent, { kind: 'raw', station, payload });
  expect(answer.status).toBe(201);
  return PrintJobSchema.parse(answer.body);
}

/** A claim by `agentId` with that agent's own token. */
export async function claimJob(test: TestBackend, id: string, agentId: string, leaseMs?: number) {
  const token = await agentTokenFor(test.dataDir, agentId);
  return test.api.post<PrintJob>(`/api/print-jobs/${id}/claim`, token, { agentId, ...(leaseMs ? { leaseMs } : {}) });
}

/** A status report by `body.agentId` with that agent's own token. */
export async function reportJob(test: TestBackend, id: string, body: { agentId: string } & Record<string, unknown>) {
  const token = await agentTokenFor(test.dataDir, body.agentId);
  return test.api.post<PrintJob>(`/api/print-jobs/${id}/status`, token, body);
}
